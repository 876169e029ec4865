import { describe, expect, it } from "vitest";
import {
  claimOutboxJobs,
  enqueueOutboxJob,
  listRecentOutboxJobs,
  markOutboxJobDone,
  markOutboxJobFailed,
} from "./outbox.repository";
import { createTeam } from "./testing/factories";
import { useTestDb } from "./testing/test-db";

const db = useTestDb();
const LEASE = 60_000;

/** `count` fresh jobs; jobs left by earlier tests of this file are settled first so claims see only these. */
async function queued(count: number) {
  await db.outboxJob.updateMany({ where: { doneAt: null }, data: { doneAt: new Date() } });
  const team = await createTeam(db);
  const now = new Date();
  for (let index = 0; index < count; index += 1)
    await enqueueOutboxJob(db, {
      teamId: team.id,
      kind: "webhook",
      payload: { event: "reauth.requested", index },
      dedupeKey: `test:${team.id}:${index}`,
      now,
    });
  return { team, now };
}

describe("outbox", () => {
  it("queues a dedupe key once", async () => {
    const { team, now } = await queued(1);
    await enqueueOutboxJob(db, {
      teamId: team.id,
      kind: "webhook",
      payload: { event: "again" },
      dedupeKey: `test:${team.id}:0`,
      now,
    });
    const jobs = await db.outboxJob.findMany({ where: { teamId: team.id } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.payload).toEqual({ event: "reauth.requested", index: 0 });
  });

  it("never hands one job to two concurrent claimers", async () => {
    const { team, now } = await queued(30);
    const claims = await Promise.all(
      Array.from({ length: 6 }, () =>
        claimOutboxJobs(db, { kinds: ["webhook"], now, limit: 10, leaseMs: LEASE }),
      ),
    );
    const ids = claims
      .flat()
      .filter((job) => job.teamId === team.id)
      .map((job) => job.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(30);
  });

  it("takes over a claim older than the lease, and not a fresh one", async () => {
    const { team, now } = await queued(1);
    const [first] = await claimOutboxJobs(db, { kinds: ["webhook"], now, limit: 100, leaseMs: LEASE });
    expect(first?.teamId).toBe(team.id);
    expect(await claimOutboxJobs(db, { kinds: ["webhook"], now, limit: 100, leaseMs: LEASE })).toEqual([]);
    const later = new Date(now.getTime() + LEASE + 1);
    const [again] = await claimOutboxJobs(db, { kinds: ["webhook"], now: later, limit: 100, leaseMs: LEASE });
    expect(again).toMatchObject({ id: first?.id, attempts: 2 });
  });

  it("retries a failure later, gives up after the last attempt, and leaves other kinds alone", async () => {
    const { team, now } = await queued(1);
    await enqueueOutboxJob(db, {
      teamId: team.id,
      kind: "push_credential",
      payload: { requestId: "r" },
      dedupeKey: `push:${team.id}`,
      now,
    });
    const retryAt = new Date(now.getTime() + 30_000);
    const [job] = await claimOutboxJobs(db, { kinds: ["webhook"], now, limit: 100, leaseMs: LEASE });
    if (!job) throw new Error("expected a job");
    await markOutboxJobFailed(db, {
      id: job.id,
      now,
      error: "HTTP 500",
      attempts: 1,
      maxAttempts: 2,
      retryAt,
    });
    expect(await claimOutboxJobs(db, { kinds: ["webhook"], now, limit: 100, leaseMs: LEASE })).toEqual([]);
    const [retry] = await claimOutboxJobs(db, {
      kinds: ["webhook"],
      now: retryAt,
      limit: 100,
      leaseMs: LEASE,
    });
    expect(retry).toMatchObject({ id: job.id, attempts: 2 });
    await markOutboxJobFailed(db, {
      id: job.id,
      now: retryAt,
      error: "HTTP 502",
      attempts: 2,
      maxAttempts: 2,
      retryAt,
    });
    const far = new Date(now.getTime() + 86_400_000);
    expect(await claimOutboxJobs(db, { kinds: ["webhook"], now: far, limit: 100, leaseMs: LEASE })).toEqual(
      [],
    );
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

  it("marks a delivered job done, so it is never claimed again", async () => {
    const { team, now } = await queued(1);
    const [job] = await claimOutboxJobs(db, { kinds: ["webhook"], now, limit: 100, leaseMs: LEASE });
    if (!job) throw new Error("expected a job");
    await markOutboxJobDone(db, { id: job.id, now });
    const far = new Date(now.getTime() + 86_400_000);
    expect(await claimOutboxJobs(db, { kinds: ["webhook"], now: far, limit: 100, leaseMs: LEASE })).toEqual(
      [],
    );
    expect(
      (await listRecentOutboxJobs(db, { teamId: team.id, kinds: ["webhook"], limit: 5 }))[0]?.status,
    ).toBe("delivered");
  });
});
