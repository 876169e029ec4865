import "server-only";
import { getToken } from "next-auth/jwt";
import type { SessionClaims } from "@clawfleet/core/sessions/session-lifetime";
import type { ChangeEvent } from "@clawfleet/core/live/change-event";
import type { ChangeFeed, LiveMessage } from "@clawfleet/services/live/change-feed";
import type { ServiceDeps } from "@clawfleet/services/service-context";
import { listUserMemberships } from "@clawfleet/services/sessions/session-users";
import { findSessionUser } from "@clawfleet/services/sessions/user-sessions";

/**
 * The live-updates stream (`GET /api/events`, server-sent events). The same checks as a signed-in tRPC call (the
 * JWT, its server-side session row with revocation and absolute lifetime, the user's cut-off, a team membership),
 * then the caller's team's changes as they happen, a heartbeat, and an end when the session ends: at sign-out
 * (the database announces it), at expiry, or when the membership goes.
 *
 * Events: `ready` (once), `change` (`{topic, ids?, done?}`; `done` only to the user who started the job),
 * `resync` (changes may have been missed: refetch everything), `end` (`{reason}`: do not reconnect until signed in).
 */
export type LiveEventsDependencies = {
  deps: Pick<ServiceDeps, "db" | "now">;
  feed: ChangeFeed;
  /** next-auth's secret and session lifetime, as the auth options use them. */
  secret: string;
  maxAgeSeconds: number;
  /** The cookie naming the team the caller picked (http-context's ACTIVE_TEAM_COOKIE). */
  teamCookie: string;
  heartbeatMs?: number;
  /** How often the session and membership are checked again without an announcement (belt and braces). */
  recheckMs?: number;
};

const HEARTBEAT_MS = 15_000;
const RECHECK_MS = 60_000;

function refusal(status: number, message: string) {
  return Response.json({ error: { message } }, { status, headers: { "Cache-Control": "no-store" } });
}

function cookiesOf(request: Request): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    try {
      jar.set(name, decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // a malformed cookie is ignored, as next-auth ignores it
    }
  }
  return jar;
}

async function sessionClaims(cookies: Map<string, string>, secret: string): Promise<SessionClaims | null> {
  // why: no headers, so no bearer fallback: the browser's session cookie is the only credential taken here.
  const token = await getToken({ req: { cookies, headers: new Headers() } as never, secret });
  if (!token?.userId || !token.sid || !token.authTime) return null;
  return { userId: token.userId, sessionId: token.sid, authTime: token.authTime };
}

/** The team the stream serves while the user's session and membership last, or null once either is gone. */
async function currentTeam(
  dependencies: LiveEventsDependencies,
  claims: SessionClaims,
  requestedTeamId: string | null,
): Promise<{ teamId: string; userId: string } | null> {
  const user = await findSessionUser(dependencies.deps, {
    claims,
    maxAgeSeconds: dependencies.maxAgeSeconds,
  });
  if (!user) return null;
  const memberships = await listUserMemberships(dependencies.deps, { userId: user.id });
  const membership = memberships.find((candidate) => candidate.teamId === requestedTeamId) ?? memberships[0];
  return membership ? { teamId: membership.teamId, userId: user.id } : null;
}

/** What the browser is told of a change: no team (it is the caller's), `done` only for the job's starter. */
function browserChange(event: ChangeEvent, userId: string) {
  return {
    topic: event.topic,
    ...(event.ids ? { ids: event.ids } : {}),
    ...(event.done?.by === userId ? { done: event.done } : {}),
  };
}

export async function handleLiveEvents(
  request: Request,
  dependencies: LiveEventsDependencies,
): Promise<Response> {
  const cookies = cookiesOf(request);
  const claims = await sessionClaims(cookies, dependencies.secret);
  if (!claims) return refusal(401, "Sign in to continue.");
  const requestedTeamId = cookies.get(dependencies.teamCookie) ?? null;
  const first = await currentTeam(dependencies, claims, requestedTeamId);
  if (!first) return refusal(401, "Your session has ended. Sign in again.");
  const { teamId, userId } = first;

  const encoder = new TextEncoder();
  let stop: (() => void) | null = null;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const timers: NodeJS.Timeout[] = [];
      // why: a write to a stream the client dropped throws, so the heartbeat also ends a stream whose disconnect
      // was never signalled.
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const event = (name: string, data: unknown) =>
        send(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
      const close = () => {
        if (!open) return;
        open = false;
        unsubscribe();
        for (const timer of timers) clearTimeout(timer);
        request.signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      const end = (reason: "session" | "membership") => {
        event("end", { reason });
        close();
      };
      let checking = false;
      const recheck = async () => {
        if (checking || !open) return;
        checking = true;
        try {
          const still = await currentTeam(dependencies, claims, requestedTeamId);
          if (!still) end("session");
          else if (still.teamId !== teamId) end("membership");
        } catch {
          // why: a failed check (database blip) is retried at the next tick rather than ending the stream.
        } finally {
          checking = false;
        }
      };
      const deliver = (message: LiveMessage) => {
        if (message.type === "session") return void recheck();
        if (message.type === "resync") return event("resync", {});
        if (message.event.topic === "members") void recheck();
        event("change", browserChange(message.event, userId));
      };
      const unsubscribe = dependencies.feed.subscribe({ teamId, userId, deliver });
      stop = close;
      request.signal.addEventListener("abort", close);

      // why: `retry` sets the browser's reconnect delay; the padding comment pushes the first bytes through any
      // proxy that buffers small responses.
      send(`retry: 3000\n: ${" ".repeat(2048)}\n\n`);
      event("ready", {});
      const heartbeat = () => {
        send(": ping\n\n");
        timers[0] = setTimeout(heartbeat, dependencies.heartbeatMs ?? HEARTBEAT_MS);
      };
      const periodic = () => {
        void recheck();
        timers[1] = setTimeout(periodic, dependencies.recheckMs ?? RECHECK_MS);
      };
      timers[0] = setTimeout(heartbeat, dependencies.heartbeatMs ?? HEARTBEAT_MS);
      timers[1] = setTimeout(periodic, dependencies.recheckMs ?? RECHECK_MS);
      // The absolute lifetime from sign-in: the stream ends with the session, to the second.
      const expiresInMs =
        (claims.authTime + dependencies.maxAgeSeconds) * 1000 - dependencies.deps.now().getTime();
      timers[2] = setTimeout(() => end("session"), Math.max(0, Math.min(expiresInMs, 2 ** 31 - 1)));
      for (const timer of timers) timer.unref();
    },
    cancel() {
      stop?.();
    },
  });

  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // why: no-transform keeps compression (and any proxy) from buffering the stream; no-store keeps it out of
      // every cache.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
