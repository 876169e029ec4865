#!/usr/bin/env node
// @ts-check
// The console's production web server: Next's request handler behind a plain `http.createServer`, for two reasons
// `next start` cannot serve (issue 12, findings 17/18 and checklist B8.3):
//  - it binds to HOST, 127.0.0.1 unless told otherwise (`HOST=0.0.0.0` exposes it), not every interface;
//  - it writes the socket's peer address into a request header on EVERY request, overwriting whatever the client
//    sent, so the app can tell the real peer from a forged `X-Forwarded-For` (route handlers never see the socket);
//  - it sheds load before Next sees it: API calls without a session (anonymous tRPC, ingest and host-agent
//    tokens) share a small number of in-flight slots and are refused at once with 503 beyond them, so a flood of
//    made-up tokens queues nothing in front of a person signing in or using the console.
// Usage: node server.mjs [--port 3000] [--host 127.0.0.1]; PORT and HOST work too.
import { createServer } from "node:http";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import next from "next";

/** The header the app reads the peer from; announced through the environment so the app trusts it only here. */
const PEER_ADDRESS_HEADER = "x-clawfleet-peer-address";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, host: { type: "string", short: "H" } },
});
const host = values.host ?? process.env.HOST ?? "127.0.0.1";
const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`[clawfleet] invalid port "${values.port ?? process.env.PORT}"`);
  process.exit(2);
}

/** @type {Record<string, string | undefined>} */ (process.env).NODE_ENV ??= "production";
process.env.CLAWFLEET_PEER_ADDRESS_HEADER = PEER_ADDRESS_HEADER;

/** In-flight API calls without a session cookie; more are refused at once (checklist B8, issue 12's abuse bench). */
const anonymousApiSlots = Number(process.env.CLAWFLEET_ANONYMOUS_API_CONCURRENCY ?? 4);
let anonymousApiInFlight = 0;
// why: next-auth splits a large session cookie into `.0`, `.1`… chunks; a signed-in live-updates stream
// (/api/events, held for as long as the tab is open) must never sit in an anonymous slot.
const SESSION_COOKIE = /(^|;\s*)(__Secure-)?next-auth\.session-token(\.\d+)?=/u;

/**
 * Whether a request is an API call that carries no session: what an anonymous flood sends. Sign-in
 * (`/api/auth`) has its own per-address throttles; held host-agent polls must not take a slot for 25 s.
 * @param {import("node:http").IncomingMessage} request
 */
function isAnonymousApiCall(request) {
  const path = request.url ?? "";
  if (!path.startsWith("/api/") || path.startsWith("/api/auth/") || path.startsWith("/api/host-agent/poll"))
    return false;
  return !SESSION_COOKIE.test(request.headers.cookie ?? "");
}

const app = next({ dev: false, dir: dirname(fileURLToPath(import.meta.url)), hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  // why: delete-then-set, so a client-sent copy (in any case, repeated) can never survive.
  delete request.headers[PEER_ADDRESS_HEADER];
  request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
  if (!isAnonymousApiCall(request)) {
    void handle(request, response);
    return;
  }
  if (anonymousApiInFlight >= anonymousApiSlots) {
    response.writeHead(503, {
      "content-type": "application/json",
      "retry-after": "1",
      "cache-control": "no-store",
    });
    response.end('{"error":{"message":"The console is busy with other requests; try again in a moment."}}');
    return;
  }
  anonymousApiInFlight += 1;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    anonymousApiInFlight -= 1;
  };
  response.once("close", release);
  response.once("finish", release);
  void handle(request, response);
});
server.on("error", (error) => {
  console.error(`[clawfleet] the web server could not listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  const address = server.address();
  const shownHost = host.includes(":") ? `[${host}]` : host;
  const boundPort = typeof address === "object" && address ? address.port : port;
  console.info(
    `[clawfleet] web server listening on http://${shownHost}:${boundPort}` +
      (host === "127.0.0.1" || host === "::1" || host === "localhost"
        ? " (loopback only; set HOST=0.0.0.0 to expose it)"
        : ""),
  );
});

function stop() {
  server.close(() => process.exit(0));
  // why: held long polls (host agents) would keep close() waiting; give them a moment, then go.
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
