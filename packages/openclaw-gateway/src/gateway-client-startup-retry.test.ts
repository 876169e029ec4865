// The Gateway refuses `connect` for 2–3 s while its sidecars start (reference §2). The real suite's Gateway is
// past that window before the first test, so this drives the retry through a local server that speaks the same
// frames: the challenge, then the verbatim refusal, then hello-ok.
import { type AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import { WebSocketServer } from "ws";
import { connectGateway, GatewayRequestError } from "./gateway-client";

const startingUp = {
  code: "UNAVAILABLE",
  message: "gateway starting; retry shortly",
  retryable: true,
  retryAfterMs: 50,
  details: { reason: "startup-sidecars" },
};
const helloOk = {
  type: "hello-ok",
  protocol: 4,
  server: { version: "2026.9.6" },
  auth: { role: "operator", scopes: ["operator.read", "operator.write", "operator.admin"] },
};

let server: WebSocketServer | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
});

/** A server that refuses the first `refusals` connects with `refusal`, then says hello; counts connects. */
async function startingGateway(refusals: number, refusal: object = startingUp) {
  const listening = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  server = listening;
  await new Promise((resolve) => listening.once("listening", resolve));
  const counts = { connects: 0 };
  listening.on("connection", (socket) => {
    socket.send(
      JSON.stringify({ type: "event", event: "connect.challenge", payload: { nonce: "n", ts: 1 } }),
    );
    socket.on("message", (data) => {
      const frame = JSON.parse((data as Buffer).toString("utf8")) as { id: string; method: string };
      if (frame.method !== "connect") return;
      counts.connects++;
      if (counts.connects <= refusals) {
        socket.send(JSON.stringify({ type: "res", id: frame.id, ok: false, error: refusal }));
        socket.close(1013);
      } else socket.send(JSON.stringify({ type: "res", id: frame.id, ok: true, payload: helloOk }));
    });
  });
  const { port } = listening.address() as AddressInfo;
  return { url: `ws://127.0.0.1:${port}`, counts };
}

test("connect retries while the Gateway starts its sidecars, then says hello", async () => {
  const gateway = await startingGateway(2);
  const connection = await connectGateway({ url: gateway.url, token: "t", startupRetryBudgetMs: 5_000 });
  expect(gateway.counts.connects).toBe(3);
  expect(connection.hello.scopes).toEqual(["operator.read", "operator.write", "operator.admin"]);
  await connection.close();
});

test("the retry is bounded: past its budget the last refusal is thrown verbatim", async () => {
  const gateway = await startingGateway(Number.POSITIVE_INFINITY);
  const startedAt = Date.now();
  const error = await connectGateway({ url: gateway.url, token: "t", startupRetryBudgetMs: 1_000 }).catch(
    (caught: unknown) => caught,
  );
  expect(Date.now() - startedAt).toBeLessThan(3_000);
  expect(error).toBeInstanceOf(GatewayRequestError);
  expect(error).toMatchObject({
    code: "UNAVAILABLE",
    message: "gateway starting; retry shortly",
    details: { reason: "startup-sidecars" },
  });
  // Waits of 50, 100, 200, 400 ms: the next (800) never fits in 1 s, so at most 5 connects; the first two
  // waits always fit, so at least 3 (the exact count depends on how busy the machine is).
  expect(gateway.counts.connects).toBeGreaterThanOrEqual(3);
  expect(gateway.counts.connects).toBeLessThanOrEqual(5);
});

test("any other refusal is thrown at once, without retrying", async () => {
  const gateway = await startingGateway(Number.POSITIVE_INFINITY, {
    code: "UNAVAILABLE",
    message: "shutting down",
    retryable: true,
    retryAfterMs: 50,
    details: { reason: "shutdown" },
  });
  await expect(connectGateway({ url: gateway.url, token: "t" })).rejects.toMatchObject({
    message: "shutting down",
  });
  expect(gateway.counts.connects).toBe(1);
});
