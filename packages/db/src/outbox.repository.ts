/**
 * The transactional outbox (DESIGN "Background work"; checklist B10.1): jobs are written in the same
 * transaction as the change they follow, then claimed by a drainer with `FOR UPDATE SKIP LOCKED`, so two
 * drainers never share a job, and a claim older than its lease is taken over. Payloads hold ids and
 * names only, never a secret.
 */
import type { Db, Prisma } from "./client";

export type OutboxJobKind = "push_credential" | "webhook";

export type ClaimedOutboxJob = {
  id: string;
  teamId: string;
  kind: OutboxJobKind;
  payload: unknown;
  /** Attempts including this one. */
  attempts: number;
};

export type OutboxJobSummary = {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  status: "pending" | "delivered" | "failed";
  lastError: string | null;
  createdAt: Date;
  doneAt: Date | null;
};

/** Queues a job unless one with the same dedupe key exists (a retried request queues nothing twice). */
export async function enqueueOutboxJob(
  tx: Db,
  job: { teamId: string; kind: OutboxJobKind; payload: Prisma.InputJsonValue; dedupeKey: string; now: Date },
): Promise<void> {
  await tx.outboxJob.upsert({
    where: { dedupeKey: job.dedupeKey },
    create: {
      teamId: job.teamId,
      kind: job.kind,
      payload: job.payload,
      dedupeKey: job.dedupeKey,
      availableAt: job.now,
    },
    update: {},
  });
}

/**
 * Claims up to `limit` due jobs of `kinds`: not done, not failed, available, and not held by a drainer
 * whose lease is still running. Each claim counts as an attempt.
 */
export async function claimOutboxJobs(
  db: Db,
  { kinds, now, limit, leaseMs }: { kinds: OutboxJobKind[]; now: Date; limit: number; leaseMs: number },
): Promise<ClaimedOutboxJob[]> {
  const leaseCutoff = new Date(now.getTime() - leaseMs);
  return db.$queryRaw<ClaimedOutboxJob[]>`
    UPDATE "OutboxJob" SET "lockedAt" = ${now}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "OutboxJob"
      WHERE "kind" = ANY(${kinds}::text[])
        AND "doneAt" IS NULL AND "failedAt" IS NULL
        AND "availableAt" <= ${now}
        AND ("lockedAt" IS NULL OR "lockedAt" < ${leaseCutoff})
      ORDER BY "availableAt", "createdAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "teamId", "kind", "payload", "attempts"`;
}

export async function markOutboxJobDone(db: Db, { id, now }: { id: string; now: Date }): Promise<void> {
  await db.outboxJob.update({ where: { id }, data: { doneAt: now, lockedAt: null, lastError: null } });
}

/** Releases a failed claim for a later retry, or gives up for good once `attempts` reaches `maxAttempts`. */
export async function markOutboxJobFailed(
  db: Db,
  {
    id,
    now,
    error,
    attempts,
    maxAttempts,
    retryAt,
  }: { id: string; now: Date; error: string; attempts: number; maxAttempts: number; retryAt: Date },
): Promise<void> {
  await db.outboxJob.update({
    where: { id },
    data: {
      lockedAt: null,
      lastError: error.slice(0, 500),
      ...(attempts >= maxAttempts ? { failedAt: now } : { availableAt: retryAt }),
    },
  });
}

/** A team's recent jobs of `kinds`, newest first, for the delivery log. */
export async function listRecentOutboxJobs(
  db: Db,
  { teamId, kinds, limit }: { teamId: string; kinds: OutboxJobKind[]; limit: number },
): Promise<OutboxJobSummary[]> {
  const rows = await db.outboxJob.findMany({
    where: { teamId, kind: { in: kinds } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      kind: true,
      payload: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      doneAt: true,
      failedAt: true,
    },
  });
  return rows.map(({ failedAt, ...row }) => ({
    ...row,
    status: row.doneAt ? "delivered" : failedAt ? "failed" : "pending",
  }));
}
