/**
 * Several web instances behind a load balancer: a change written through one database connection (another
 * instance, the worker) must reach the event streams a process holds on its own LISTEN connection, for the
 * change's team only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent, createGateway, createMember, createTeam } from "@clawfleet/db/testing/factories";
import { useServiceTestDeps } from "../testing/service-test-deps";
import { type LiveMessage, createChangeFeed } from "./change-feed";

const { db } = useServiceTestDeps();
const APPLICATION = "clawfleet-live";
const feed = createChangeFeed(process.env.DATABASE_URL ?? "");
beforeAll(() => feed.ready);
afterAll(() => feed.close());

function subscribe(teamId: string, userId: string) {
  const messages: LiveMessage[] = [];
  const unsubscribe = feed.subscribe({ teamId, userId, deliver: (message) => messages.push(message) });
  return { messages, unsubscribe };
}

describe("the change feed", () => {
  it("brings a change committed on another connection to its team's subscribers only", async () => {
    const [ours, theirs] = [await createTeam(db), await createTeam(db)];
    const [ourUser, theirUser] = [
      await createMember(db, { teamId: ours.id, role: "viewer" }),
      await createMember(db, { teamId: theirs.id, role: "viewer" }),
    ];
    const theirGateway = await createGateway(db, { teamId: theirs.id });
    const ourGateway = await createGateway(db, { teamId: ours.id });
    const ourAgent = await createAgent(db, { teamId: ours.id, gatewayId: ourGateway.id });
    const theirAgent = await createAgent(db, { teamId: theirs.id, gatewayId: theirGateway.id });
    const us = subscribe(ours.id, ourUser.id);
    const them = subscribe(theirs.id, theirUser.id);

    await db.agent.update({ where: { id: theirAgent.id }, data: { name: "theirs renamed" } });
    await db.agent.update({ where: { id: ourAgent.id }, data: { name: "ours renamed" } });

    await expect
      .poll(() => us.messages, { timeout: 5_000 })
      .toContainEqual({
        type: "change",
        event: { team: ours.id, topic: "agents", ids: [ourAgent.id] },
      });
    await expect
      .poll(() => them.messages, { timeout: 5_000 })
      .toContainEqual({
        type: "change",
        event: { team: theirs.id, topic: "agents", ids: [theirAgent.id] },
      });
    // why: the rows created above may still be announced; whatever arrives, each side hears its own team only.
    const teamsHeard = (messages: LiveMessage[]) =>
      new Set(messages.map((message) => (message.type === "change" ? message.event.team : message.type)));
    expect(teamsHeard(us.messages)).toEqual(new Set([ours.id]));
    expect(teamsHeard(them.messages)).toEqual(new Set([theirs.id]));
    us.unsubscribe();
    them.unsubscribe();
    expect(feed.size()).toBe(0);
  });

  it("tells only that user's streams when a session is revoked", async () => {
    const team = await createTeam(db);
    const [signingOut, staying] = [
      await createMember(db, { teamId: team.id, role: "viewer" }),
      await createMember(db, { teamId: team.id, role: "viewer" }),
    ];
    const leaving = subscribe(team.id, signingOut.id);
    const remaining = subscribe(team.id, staying.id);
    const session = await db.userSession.create({
      data: { userId: signingOut.id, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    await db.userSession.update({ where: { id: session.id }, data: { revokedAt: new Date() } });

    await expect.poll(() => leaving.messages, { timeout: 5_000 }).toContainEqual({ type: "session" });
    expect(remaining.messages).not.toContainEqual({ type: "session" });
    leaving.unsubscribe();
    remaining.unsubscribe();
  });

  it("asks every subscriber to resync after its connection was lost", async () => {
    const team = await createTeam(db);
    const user = await createMember(db, { teamId: team.id, role: "viewer" });
    const stream = subscribe(team.id, user.id);
    await db.$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE application_name = ${APPLICATION} AND datname = current_database()`;
    await expect.poll(() => stream.messages, { timeout: 10_000 }).toContainEqual({ type: "resync" });
    stream.unsubscribe();
  });
});
