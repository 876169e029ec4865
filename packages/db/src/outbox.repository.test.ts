import { describe, expect, it } from "vitest";
import {
  claimOutboxJob,
  enqueueOutboxJob,
  listDueOutboxJobIds,
  listRecentOutboxJobs,
  markOutboxJobDone,
  markOutboxJobFailed,
} from "./outbox.repository";
import { createTeam } from "./testing/factories";
import { useTestDb } from "./testing/test-db";

const db = useTestDb();
const LEASE = 60_000;

/** One fresh webhook row of a new team. */
async function queued() {
  const team = await createTeam(db);
  const now = new Date();
  const { id } = await enqueueOutboxJob(db, {
    teamId: team.id,
    kind: "webhook",
    payload: { event: "reauth.requested" },
    dedupeKey: `test:${team.id}`,
    now,
  });
  return { team, now, id };
}

describe("outbox", () => {
  it("queues a dedupe key once and says which call created the row", async () => {
    const { team, now, id } = await queued();
    const again = await enqueueOutboxJob(db, {
      teamId: team.id,
      kind: "webhook",
      payload: { event: "again" },
      dedupeKey: `test:${team.id}`,
      now,
    });
    expect(again).toEqual({ id, created: false });
    const jobs = await db.outboxJob.findMany({ where: { teamId: team.id } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.payload).toEqual({ event: "reauth.requested" });
  });

  it("never hands one row to two concurrent claimers", async () => {
    const { id, now } = await queued();
    const claims = await Promise.all(
      Array.from({ length: 8 }, () => claimOutboxJob(db, { id, now, leaseMs: LEASE })),
    );
    expect(claims.filter((claim) => claim !== null)).toHaveLength(1);
    expect((await db.outboxJob.findUniqueOrThrow({ where: { id } })).attempts).toBe(1);
  });

  it("takes over a claim older than the lease, and not a fresh one", async () => {
    const { id, now, team } = await queued();
    expect(await claimOutboxJob(db, { id, now, leaseMs: LEASE })).toMatchObject({ teamId: team.id });
    expect(await claimOutboxJob(db, { id, now, leaseMs: LEASE })).toBeNull();
    const later = new Date(now.getTime() + LEASE + 1);
    expect(await claimOutboxJob(db, { id, now: later, leaseMs: LEASE })).toMatchObject({ id, attempts: 2 });
  });

  it("retries a failure at its time, gives up when told to, and lists due rows only", async () => {
    const { id, now, team } = await queued();
    const push = await enqueueOutboxJob(db, {
      teamId: team.id,
      kind: "push_credential",
      payload: { requestId: "r" },
      dedupeKey: `push:${team.id}`,
      now,
    });
    expect(await listDueOutboxJobIds(db, { kinds: ["webhook"], now, leaseMs: LEASE, limit: 1000 })).toContain(
      id,
    );
    const retryAt = new Date(now.getTime() + 30_000);
    await claimOutboxJob(db, { id, now, leaseMs: LEASE });
    await markOutboxJobFailed(db, { id, now, error: "HTTP 500", retryAt });
    expect(await claimOutboxJob(db, { id, now, leaseMs: LEASE })).toBeNull();
    const dueNow = await listDueOutboxJobIds(db, {
      kinds: ["webhook", "push_credential"],
      now,
      leaseMs: LEASE,
      limit: 1000,
    });
    expect(dueNow).not.toContain(id);
    expect(dueNow).toContain(push.id);
    expect(await claimOutboxJob(db, { id, now: retryAt, leaseMs: LEASE })).toMatchObject({ attempts: 2 });
    await markOutboxJobFailed(db, { id, now: retryAt, error: "HTTP 502", retryAt: null });
    const far = new Date(now.getTime() + 86_400_000);
    expect(await claimOutboxJob(db, { id, now: far, leaseMs: LEASE })).toBeNull();
    const listed = await listRecentOutboxJobs(db, {
      teamId: team.id,
      kinds: ["webhook", "push_credential"],
      limit: 10,
    });
    expect(listed.map((entry) => [entry.kind, entry.status, entry.lastError]).sort()).toEqual([
      ["push_credential", "pending", null],
      ["webhook", "failed", "HTTP 502"],
    ]);
  });

  it("marks a delivered row done, so it is never claimed again", async () => {
    const { id, now, team } = await queued();
    await claimOutboxJob(db, { id, now, leaseMs: LEASE });
    await markOutboxJobDone(db, { id, now });
    const far = new Date(now.getTime() + 86_400_000);
    expect(await claimOutboxJob(db, { id, now: far, leaseMs: LEASE })).toBeNull();
    expect(
      (await listRecentOutboxJobs(db, { teamId: team.id, kinds: ["webhook"], limit: 5 }))[0]?.status,
    ).toBe("delivered");
  });
});
