/**
 * The transactional outbox (DESIGN "Background work"; checklist B10.1): side effects for the outside world
 * (webhook calls, pushes to a gateway host), written in the same transaction as the change they follow. Each
 * row is also the delivery's record (attempts, last error, done or given up) that the console shows. A worker
 * claims a row before acting on it, so two workers never act on one row, and a claim older than its lease is
 * taken over. Payloads hold ids and names only, never a secret.
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

/**
 * Queues a row unless one with the same dedupe key exists (a retried request queues nothing twice). Returns
 * the row's id and whether this call created it.
 */
export async function enqueueOutboxJob(
  tx: Db,
  job: { teamId: string; kind: OutboxJobKind; payload: Prisma.InputJsonValue; dedupeKey: string; now: Date },
): Promise<{ id: string; created: boolean }> {
  const existing = await tx.outboxJob.findUnique({
    where: { dedupeKey: job.dedupeKey },
    select: { id: true },
  });
  if (existing) return { id: existing.id, created: false };
  const created = await tx.outboxJob.create({
    data: {
      teamId: job.teamId,
      kind: job.kind,
      payload: job.payload,
      dedupeKey: job.dedupeKey,
      availableAt: job.now,
    },
    select: { id: true },
  });
  return { id: created.id, created: true };
}

/**
 * Claims one row for an attempt: only when it is not done, not given up, due, and not held by another
 * worker whose lease still runs. The claim counts as an attempt. Null when there is nothing to do.
 */
export async function claimOutboxJob(
  db: Db,
  { id, now, leaseMs }: { id: string; now: Date; leaseMs: number },
): Promise<ClaimedOutboxJob | null> {
  const leaseCutoff = new Date(now.getTime() - leaseMs);
  const rows = await db.$queryRaw<ClaimedOutboxJob[]>`
    UPDATE "OutboxJob" SET "lockedAt" = ${now}, "attempts" = "attempts" + 1
    WHERE "id" = ${id}::uuid
      AND "doneAt" IS NULL AND "failedAt" IS NULL
      AND "availableAt" <= ${now}
      AND ("lockedAt" IS NULL OR "lockedAt" < ${leaseCutoff})
    RETURNING "id", "teamId", "kind", "payload", "attempts"`;
  return rows[0] ?? null;
}

/** When a row still waiting for an attempt becomes due; null when it is done or given up. */
export async function findOutboxJobAvailability(
  db: Db,
  { id }: { id: string },
): Promise<{ availableAt: Date } | null> {
  return db.outboxJob.findFirst({
    where: { id, doneAt: null, failedAt: null },
    select: { availableAt: true },
  });
}

/** Ids of rows of `kinds` that are due and not held by a live claim, oldest first (a backstop sweep's input). */
export async function listDueOutboxJobIds(
  db: Db,
  { kinds, now, leaseMs, limit }: { kinds: OutboxJobKind[]; now: Date; leaseMs: number; limit: number },
): Promise<string[]> {
  const leaseCutoff = new Date(now.getTime() - leaseMs);
  const rows = await db.outboxJob.findMany({
    where: {
      kind: { in: kinds },
      doneAt: null,
      failedAt: null,
      availableAt: { lte: now },
      OR: [{ lockedAt: null }, { lockedAt: { lt: leaseCutoff } }],
    },
    orderBy: [{ availableAt: "asc" }, { createdAt: "asc" }],
    take: limit,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

export async function markOutboxJobDone(db: Db, { id, now }: { id: string; now: Date }): Promise<void> {
  await db.outboxJob.update({ where: { id }, data: { doneAt: now, lockedAt: null, lastError: null } });
}

/** Releases a failed claim for a retry at `retryAt`, or, when `retryAt` is null, gives up for good. */
export async function markOutboxJobFailed(
  db: Db,
  { id, now, error, retryAt }: { id: string; now: Date; error: string; retryAt: Date | null },
): Promise<void> {
  await db.outboxJob.update({
    where: { id },
    data: {
      lockedAt: null,
      lastError: error.slice(0, 500),
      ...(retryAt === null ? { failedAt: now } : { availableAt: retryAt }),
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
