import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANGE_FEED_CHANNEL, SESSION_ENDS_CHANNEL } from "./change-feed";
import { listenForNotifications } from "./notification-listener";
import { createAgent, createGateway, createMember, createTeam } from "./testing/factories";
import { useTestDb } from "./testing/test-db";

const db = useTestDb();
const heard: { channel: string; payload: string }[] = [];
const listener = listenForNotifications(process.env.DATABASE_URL ?? "", {
  channels: [CHANGE_FEED_CHANNEL, SESSION_ENDS_CHANNEL],
  onNotification: (channel, payload) => heard.push({ channel, payload }),
  onReconnect: () => undefined,
});
beforeAll(() => listener.ready);
afterAll(() => listener.close());

/** Waits until a marker sent now has arrived: everything committed before it has been heard too. */
async function drain() {
  const marker = `marker-${Math.random()}`;
  await db.$executeRaw`SELECT pg_notify(${CHANGE_FEED_CHANNEL}, ${marker})`;
  await expect.poll(() => heard.some((entry) => entry.payload === marker), { timeout: 5_000 }).toBe(true);
}

/** The notifications `write` raised, and only those. */
async function notificationsAfter(write: () => Promise<unknown>) {
  await drain();
  heard.length = 0;
  await write();
  await drain();
  return heard.filter((entry) => !entry.payload.startsWith("marker-"));
}

const changes = (entries: { channel: string; payload: string }[]) =>
  entries
    .filter((entry) => entry.channel === CHANGE_FEED_CHANNEL)
    .map((entry) => JSON.parse(entry.payload) as unknown);

describe("the change feed triggers", () => {
  it("announce an agent's edit with its team, topic and id, and nothing else", async () => {
    const team = await createTeam(db);
    const gateway = await createGateway(db, { teamId: team.id });
    const agent = await createAgent(db, {
      teamId: team.id,
      gatewayId: gateway.id,
      name: "Secret-looking name",
    });

    const entries = await notificationsAfter(() =>
      db.agent.update({ where: { id: agent.id }, data: { name: "Renamed", version: { increment: 1 } } }),
    );
    expect(changes(entries)).toEqual([{ team: team.id, topic: "agents", ids: [agent.id] }]);
    expect(entries.map((entry) => entry.payload).join("")).not.toContain("Renamed");
  });

  it("send one notification per team for a large statement, without ids", async () => {
    const [first, second] = [await createTeam(db), await createTeam(db)];
    for (const team of [first, second]) {
      const gateway = await createGateway(db, { teamId: team.id });
      await db.agent.createMany({
        data: Array.from({ length: 25 }, (_, index) => ({
          teamId: team.id,
          gatewayId: gateway.id,
          agentKey: `bulk-${index}`,
          name: `bulk-${index}`,
        })),
      });
    }
    const entries = await notificationsAfter(() =>
      db.agent.updateMany({ where: { teamId: { in: [first.id, second.id] } }, data: { tags: ["bulk"] } }),
    );
    expect(changes(entries)).toEqual(
      expect.arrayContaining([
        { team: first.id, topic: "agents", ids: null },
        { team: second.id, topic: "agents", ids: null },
      ]),
    );
    expect(entries).toHaveLength(2);
  });

  it("say who started a background job when it finishes, not while it runs", async () => {
    const team = await createTeam(db);
    const admin = await createMember(db, { teamId: team.id, role: "admin" });
    const run = await db.importRun.create({ data: { teamId: team.id, createdById: admin.id } });

    const progress = await notificationsAfter(() =>
      db.importRun.update({ where: { id: run.id }, data: { status: "committing", doneSteps: 1 } }),
    );
    expect(changes(progress)).toEqual([{ team: team.id, topic: "jobs", ids: [run.id] }]);

    const finished = await notificationsAfter(() =>
      db.importRun.update({ where: { id: run.id }, data: { status: "succeeded" } }),
    );
    expect(changes(finished)).toContainEqual({
      team: team.id,
      topic: "jobs",
      done: { kind: "import", id: run.id, outcome: "succeeded", by: admin.id },
    });
  });

  it("leave out a host agent's heartbeat, and announce its revocation", async () => {
    const team = await createTeam(db);
    const gateway = await createGateway(db, { teamId: team.id });
    const hostAgent = await db.hostAgent.create({
      data: {
        teamId: team.id,
        gatewayId: gateway.id,
        credentialHash: `hash-${crypto.randomUUID()}`,
        credentialHint: "abcd",
        agentVersion: "1.0.0",
        hostname: "host-1",
      },
    });
    const heartbeat = await notificationsAfter(() =>
      db.hostAgent.update({
        where: { id: hostAgent.id },
        data: { lastSeenAt: new Date(), version: { increment: 1 } },
      }),
    );
    expect(heartbeat).toEqual([]);
    const revoked = await notificationsAfter(() =>
      db.hostAgent.update({
        where: { id: hostAgent.id },
        data: { revokedAt: new Date(), lastSeenAt: new Date() },
      }),
    );
    expect(changes(revoked)).toEqual([{ team: team.id, topic: "gateways", ids: [gateway.id] }]);
  });

  it("name the user whose session was revoked", async () => {
    const team = await createTeam(db);
    const user = await createMember(db, { teamId: team.id, role: "viewer" });
    const session = await db.userSession.create({
      data: { userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const entries = await notificationsAfter(() =>
      db.userSession.update({ where: { id: session.id }, data: { revokedAt: new Date() } }),
    );
    expect(entries.filter((entry) => entry.channel === SESSION_ENDS_CHANNEL)).toEqual([
      { channel: SESSION_ENDS_CHANNEL, payload: user.id },
    ]);
  });
});
