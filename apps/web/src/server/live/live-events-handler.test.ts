/**
 * The live-updates stream against a real Postgres: the same session checks as a signed-in tRPC call, the caller's
 * team's changes only (written through another connection, as another instance or the worker would), and an end
 * when the session is revoked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { createAgent, createGateway, createMember, createTeam } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { createChangeFeed } from "@clawfleet/services/live/change-feed";
import { endUserSession, startUserSession } from "@clawfleet/services/sessions/user-sessions";
import { type LiveEventsDependencies, handleLiveEvents } from "./live-events-handler";

const db = useTestDb();
const SECRET = "live-events-test-secret-with-32-characters";
const MAX_AGE = 3600;
const deps = { db, now: () => new Date() };
const feed = createChangeFeed(process.env.DATABASE_URL ?? "");
const dependencies: LiveEventsDependencies = {
  deps,
  feed,
  secret: SECRET,
  maxAgeSeconds: MAX_AGE,
  teamCookie: "clawfleet-team",
};
beforeAll(() => feed.ready);
afterAll(() => feed.close());

async function signedInMember(role: "viewer" | "admin" = "viewer") {
  const team = await createTeam(db);
  const user = await createMember(db, { teamId: team.id, role });
  await db.user.update({
    where: { id: user.id },
    data: { sessionsValidFrom: new Date(Date.now() - 60_000) },
  });
  const session = await startUserSession(deps, { userId: user.id, maxAgeSeconds: MAX_AGE });
  const token = await encode({
    secret: SECRET,
    token: { sub: user.id, userId: user.id, authTime: session.authTime, sid: session.sessionId },
  });
  return { team, user, session, cookie: `next-auth.session-token=${token}` };
}

function open(cookie?: string) {
  const controller = new AbortController();
  const headers = new Headers(cookie ? { cookie } : {});
  const response = handleLiveEvents(
    new Request("http://localhost/api/events", { headers, signal: controller.signal }),
    dependencies,
  );
  return { response, abort: () => controller.abort() };
}

/** Reads the stream's events (name and parsed data) as they come. */
function eventsOf(response: Response) {
  const events: { name: string; data: unknown }[] = [];
  let ended = false;
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = "";
    for (;;) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      buffer += chunk.value;
      let split;
      while ((split = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, split);
        buffer = buffer.slice(split + 2);
        const name = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (name && data) events.push({ name, data: JSON.parse(data) as unknown });
      }
    }
    ended = true;
  })();
  return { events, ended: () => ended };
}

describe("GET /api/events", () => {
  it("answers 401 without a session cookie, and with a forged or revoked one", async () => {
    expect((await open().response).status).toBe(401);
    expect((await open("next-auth.session-token=not-a-jwt").response).status).toBe(401);
    const forged = await encode({
      secret: "another-secret-another-secret-another-00",
      token: {
        userId: crypto.randomUUID(),
        authTime: Math.floor(Date.now() / 1000),
        sid: crypto.randomUUID(),
      },
    });
    expect((await open(`next-auth.session-token=${forged}`).response).status).toBe(401);
    const { session, cookie } = await signedInMember();
    await endUserSession(deps, { sessionId: session.sessionId, requestId: "test" });
    const revoked = await open(cookie).response;
    expect(revoked.status).toBe(401);
    expect(await revoked.text()).not.toContain(session.sessionId);
  });

  it("streams its team's changes only, uncached, and ends when the session is revoked", async () => {
    const ours = await signedInMember();
    const theirs = await createTeam(db);
    const theirGateway = await createGateway(db, { teamId: theirs.id });
    const theirAgent = await createAgent(db, { teamId: theirs.id, gatewayId: theirGateway.id });
    const ourGateway = await createGateway(db, { teamId: ours.team.id });
    const ourAgent = await createAgent(db, { teamId: ours.team.id, gatewayId: ourGateway.id });

    const { response, abort } = open(ours.cookie);
    const stream = await response;
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    expect(stream.headers.get("cache-control")).toBe("no-store, no-transform");
    const seen = eventsOf(stream);
    await expect.poll(() => seen.events.map((event) => event.name)).toContain("ready");

    await db.agent.update({ where: { id: theirAgent.id }, data: { name: "theirs" } });
    await db.agent.update({ where: { id: ourAgent.id }, data: { name: "ours" } });
    await expect
      .poll(() => seen.events, { timeout: 5_000 })
      .toContainEqual({
        name: "change",
        data: { topic: "agents", ids: [ourAgent.id] },
      });
    const agentIdsSeen = seen.events.flatMap((event) => (event.data as { ids?: string[] }).ids ?? []);
    expect(agentIdsSeen).not.toContain(theirAgent.id);

    await endUserSession(deps, { sessionId: ours.session.sessionId, requestId: "test" });
    await expect.poll(() => seen.ended(), { timeout: 5_000 }).toBe(true);
    expect(seen.events.at(-1)).toEqual({ name: "end", data: { reason: "session" } });
    expect(feed.size()).toBe(0);
    abort();
  });

  it("tells only the user who started a job that it finished", async () => {
    const starter = await signedInMember("admin");
    const colleague = await createMember(db, { teamId: starter.team.id, role: "viewer" });
    await db.user.update({
      where: { id: colleague.id },
      data: { sessionsValidFrom: new Date(Date.now() - 60_000) },
    });
    const colleagueSession = await startUserSession(deps, { userId: colleague.id, maxAgeSeconds: MAX_AGE });
    const colleagueCookie = `next-auth.session-token=${await encode({
      secret: SECRET,
      token: { userId: colleague.id, authTime: colleagueSession.authTime, sid: colleagueSession.sessionId },
    })}`;
    const mine = open(starter.cookie);
    const theirs = open(colleagueCookie);
    const [mineSeen, theirsSeen] = [eventsOf(await mine.response), eventsOf(await theirs.response)];
    await expect.poll(() => mineSeen.events.length + theirsSeen.events.length).toBe(2);

    const run = await db.importRun.create({
      data: { teamId: starter.team.id, createdById: starter.user.id },
    });
    await db.importRun.update({ where: { id: run.id }, data: { status: "failed" } });
    const done = { kind: "import", id: run.id, outcome: "failed", by: starter.user.id };
    await expect
      .poll(() => mineSeen.events, { timeout: 5_000 })
      .toContainEqual({
        name: "change",
        data: { topic: "jobs", done },
      });
    await expect
      .poll(() => theirsSeen.events, { timeout: 5_000 })
      .toContainEqual({
        name: "change",
        data: { topic: "jobs", ids: [run.id] },
      });
    expect(JSON.stringify(theirsSeen.events)).not.toContain('"done"');
    mine.abort();
    theirs.abort();
    await expect.poll(() => feed.size()).toBe(0);
  });
});
