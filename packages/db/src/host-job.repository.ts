/**
 * The per-gateway queue of host jobs. A gateway's jobs are delivered one at a time in `seq` order: only the
 * lowest-`seq` unfinished job (queued or sent) may be handed out, so config patches apply in the order they were
 * made. Whoever makes a job deliverable notifies `HOST_JOBS_CHANNEL` with the gateway id in the same transaction,
 * so a poll held by any console instance wakes when it commits.
 */
import type {
  HostJobError,
  HostJobPayload,
  HostJobResult,
  HostJobState,
} from "@clawfleet/core/connector/host-jobs";
import { type Db, Prisma } from "./client";

export const HOST_JOBS_CHANNEL = "clawfleet_host_jobs";

export type HostJobOrigin = { type: string; id: string };

export type HostJobRecord = {
  id: string;
  teamId: string;
  gatewayId: string;
  kind: HostJobPayload["kind"];
  payload: HostJobPayload;
  state: HostJobState;
  attempt: number;
  failures: number;
  availableAt: Date;
  leaseUntil: Date | null;
  hostAgentId: string | null;
  result: HostJobResult | null;
  error: HostJobError | null;
  origin: HostJobOrigin;
  createdById: string | null;
  createdAt: Date;
  sentAt: Date | null;
  finishedAt: Date | null;
};

const hostJobSelect = {
  id: true,
  teamId: true,
  gatewayId: true,
  kind: true,
  payload: true,
  state: true,
  attempt: true,
  failures: true,
  availableAt: true,
  leaseUntil: true,
  hostAgentId: true,
  result: true,
  error: true,
  originType: true,
  originId: true,
  createdById: true,
  createdAt: true,
  sentAt: true,
  finishedAt: true,
} satisfies Prisma.HostJobSelect;

type HostJobRow = Prisma.HostJobGetPayload<{ select: typeof hostJobSelect }>;

// why: every payload, result and error was validated against core's schemas before it was written.
function toHostJob({ originType, originId, ...row }: HostJobRow): HostJobRecord {
  return {
    ...row,
    kind: row.kind as HostJobPayload["kind"],
    payload: row.payload as HostJobPayload,
    result: row.result as HostJobResult | null,
    error: row.error as HostJobError | null,
    origin: { type: originType, id: originId },
  };
}

function asJson(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}

/** Wakes the polls waiting for this gateway, on every console instance, once the caller's transaction commits. */
export async function notifyHostJobsDeliverable(db: Db, gatewayId: string): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${HOST_JOBS_CHANNEL}, ${gatewayId})`;
}

export async function insertHostJob(
  db: Db,
  job: {
    teamId: string;
    gatewayId: string;
    payload: HostJobPayload;
    origin: HostJobOrigin;
    createdById: string | null;
    now: Date;
  },
): Promise<HostJobRecord> {
  const row = await db.hostJob.create({
    data: {
      teamId: job.teamId,
      gatewayId: job.gatewayId,
      kind: job.payload.kind,
      payload: asJson(job.payload),
      originType: job.origin.type,
      originId: job.origin.id,
      createdById: job.createdById,
      createdAt: job.now,
      availableAt: job.now,
    },
    select: hostJobSelect,
  });
  await notifyHostJobsDeliverable(db, job.gatewayId);
  return toHostJob(row);
}

/** Hands every job still `sent` to this agent back to the queue at once (the agent restarted mid-job). */
export async function releaseJobsHeldBy(
  db: Db,
  { hostAgentId, now }: { hostAgentId: string; now: Date },
): Promise<number> {
  const { count } = await db.hostJob.updateMany({
    where: { hostAgentId, state: "sent" },
    data: { state: "queued", leaseUntil: null, availableAt: now },
  });
  return count;
}

/**
 * Hands every job still `sent` on the gateway back to the queue at once: a new agent was enrolled, so whatever an
 * earlier agent held will never be answered.
 */
export async function releaseSentJobsOfGateway(
  db: Db,
  { gatewayId, now }: { gatewayId: string; now: Date },
): Promise<number> {
  const { count } = await db.hostJob.updateMany({
    where: { gatewayId, state: "sent" },
    data: { state: "queued", leaseUntil: null, availableAt: now },
  });
  return count;
}

/**
 * Locks the gateway's next job if it is deliverable at `now`: the gateway's lowest-`seq` unfinished job, when it
 * is queued and due, or sent with its lease run out. A job locked by a concurrent claim is skipped, and then
 * nothing is claimed (the next job must not overtake it). Returns the locked job's id; call inside a transaction.
 */
async function lockNextDeliverableJob(
  db: Db,
  { gatewayId, now }: { gatewayId: string; now: Date },
): Promise<string | null> {
  const at = now.toISOString();
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH head AS (
      SELECT id FROM "HostJob"
      WHERE "gatewayId" = ${gatewayId}::uuid AND state IN ('queued', 'sent')
      ORDER BY seq LIMIT 1
    )
    SELECT j.id FROM "HostJob" j JOIN head ON head.id = j.id
    WHERE (j.state = 'queued' AND j."availableAt" <= (${at}::timestamptz AT TIME ZONE 'UTC'))
       OR (j.state = 'sent' AND j."leaseUntil" < (${at}::timestamptz AT TIME ZONE 'UTC'))
    FOR UPDATE OF j SKIP LOCKED`;
  return rows[0]?.id ?? null;
}

/** Claims the gateway's next deliverable job for the agent: a new delivery (attempt + 1) leased until `leaseUntil`. */
export async function claimNextHostJob(
  db: Db,
  {
    gatewayId,
    hostAgentId,
    now,
    leaseUntil,
  }: { gatewayId: string; hostAgentId: string; now: Date; leaseUntil: Date },
): Promise<HostJobRecord | null> {
  const id = await lockNextDeliverableJob(db, { gatewayId, now });
  if (!id) return null;
  const row = await db.hostJob.update({
    where: { id },
    data: { state: "sent", attempt: { increment: 1 }, leaseUntil, hostAgentId, sentAt: now },
    select: hostJobSelect,
  });
  return toHostJob(row);
}

/**
 * When the gateway's next job becomes deliverable by the clock alone: its head job's backoff end, or its lease
 * end. Null when there is no unfinished job.
 */
export async function findNextHostJobDueAt(
  db: Db,
  { gatewayId }: { gatewayId: string },
): Promise<Date | null> {
  const head = await db.hostJob.findFirst({
    where: { gatewayId, state: { in: ["queued", "sent"] } },
    orderBy: { seq: "asc" },
    select: { state: true, availableAt: true, leaseUntil: true },
  });
  if (!head) return null;
  return head.state === "queued" ? head.availableAt : head.leaseUntil;
}

export type HostJobFinish =
  | { state: "applied"; result: HostJobResult; finishedAt: Date }
  | { state: "failed"; error: HostJobError; finishedAt: Date }
  | { state: "queued"; error: HostJobError; availableAt: Date };

function finishData(finish: HostJobFinish): Prisma.HostJobUpdateManyMutationInput {
  switch (finish.state) {
    case "applied":
      return {
        state: "applied",
        result: asJson(finish.result),
        leaseUntil: null,
        finishedAt: finish.finishedAt,
      };
    case "failed":
      return {
        state: "failed",
        error: asJson(finish.error),
        leaseUntil: null,
        finishedAt: finish.finishedAt,
      };
    case "queued":
      return {
        state: "queued",
        error: asJson(finish.error),
        leaseUntil: null,
        availableAt: finish.availableAt,
        failures: { increment: 1 },
      };
  }
}

/**
 * Records the answer to one delivery: only while the job is `sent` to this agent at this attempt. Returns the
 * updated job, or null when that delivery is no longer current (nothing is changed then).
 */
export async function finishHostJobDelivery(
  db: Db,
  {
    jobId,
    hostAgentId,
    attempt,
    finish,
  }: { jobId: string; hostAgentId: string; attempt: number; finish: HostJobFinish },
): Promise<HostJobRecord | null> {
  const { count } = await db.hostJob.updateMany({
    where: { id: jobId, hostAgentId, attempt, state: "sent" },
    data: finishData(finish),
  });
  if (count === 0) return null;
  return toHostJob(await db.hostJob.findUniqueOrThrow({ where: { id: jobId }, select: hostJobSelect }));
}

export async function findHostJob(
  db: Db,
  { teamId, jobId }: { teamId: string; jobId: string },
): Promise<HostJobRecord | null> {
  const row = await db.hostJob.findFirst({ where: { id: jobId, teamId }, select: hostJobSelect });
  return row ? toHostJob(row) : null;
}

/**
 * A failed job queued again at the back of its gateway's line (a fresh `seq`, so it cannot overtake changes
 * made after it) and notified; false when it is not (or no longer) failed.
 */
export async function requeueFailedHostJob(
  db: Db,
  { teamId, jobId, now }: { teamId: string; jobId: string; now: Date },
): Promise<boolean> {
  const at = now.toISOString();
  const rows = await db.$queryRaw<{ gatewayId: string }[]>`
    UPDATE "HostJob" SET
      state = 'queued', seq = nextval(pg_get_serial_sequence('"HostJob"', 'seq')), failures = 0,
      "availableAt" = (${at}::timestamptz AT TIME ZONE 'UTC'), "leaseUntil" = NULL, "finishedAt" = NULL
    WHERE id = ${jobId}::uuid AND "teamId" = ${teamId}::uuid AND state = 'failed'
    RETURNING "gatewayId"`;
  const gatewayId = rows[0]?.gatewayId;
  if (!gatewayId) return false;
  await notifyHostJobsDeliverable(db, gatewayId);
  return true;
}

/** Cancels a job that is still queued (never while the host holds it); false otherwise. */
export async function cancelQueuedHostJob(
  db: Db,
  { teamId, jobId, now }: { teamId: string; jobId: string; now: Date },
): Promise<boolean> {
  const { count } = await db.hostJob.updateMany({
    where: { id: jobId, teamId, state: "queued" },
    data: { state: "cancelled", finishedAt: now },
  });
  return count === 1;
}

/** Fails a job outside a delivery answer (e.g. its credential is gone at delivery time). */
export async function failHostJob(
  db: Db,
  { jobId, error, now }: { jobId: string; error: HostJobError; now: Date },
): Promise<void> {
  await db.hostJob.update({
    where: { id: jobId },
    data: { state: "failed", error: asJson(error), leaseUntil: null, finishedAt: now },
  });
}

export type HostJobListQuery = {
  teamId: string;
  gatewayId?: string;
  origin?: HostJobOrigin;
  /** Jobs made before this one (by `seq`): the next page. */
  beforeJobId?: string;
  limit: number;
};

/** Jobs of a gateway or of an origin, newest first. */
export async function listHostJobs(db: Db, query: HostJobListQuery): Promise<HostJobRecord[]> {
  const before = query.beforeJobId
    ? await db.hostJob.findFirst({
        where: { id: query.beforeJobId, teamId: query.teamId },
        select: { seq: true },
      })
    : null;
  const rows = await db.hostJob.findMany({
    where: {
      teamId: query.teamId,
      ...(query.gatewayId ? { gatewayId: query.gatewayId } : {}),
      ...(query.origin ? { originType: query.origin.type, originId: query.origin.id } : {}),
      ...(before ? { seq: { lt: before.seq } } : {}),
    },
    orderBy: { seq: "desc" },
    take: query.limit,
    select: hostJobSelect,
  });
  return rows.map(toHostJob);
}

/** The states of every job of an origin (e.g. the pushes of one re-auth request). */
export async function listHostJobStatesOfOrigin(
  db: Db,
  { teamId, origin }: { teamId: string; origin: HostJobOrigin },
): Promise<HostJobState[]> {
  const rows = await db.hostJob.findMany({
    where: { teamId, originType: origin.type, originId: origin.id },
    select: { state: true },
  });
  return rows.map((row) => row.state);
}

export type GatewayJobSummary = {
  /** Jobs queued or sent. */
  pending: number;
  /** The newest job's error that has not been followed by a success (a failure, or a retry waiting). */
  lastError: { jobId: string; kind: string; error: HostJobError; at: Date } | null;
};

export async function summarizeGatewayJobs(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
): Promise<GatewayJobSummary> {
  const pending = await db.hostJob.count({ where: { teamId, gatewayId, state: { in: ["queued", "sent"] } } });
  const newestWithOutcome = await db.hostJob.findFirst({
    where: {
      teamId,
      gatewayId,
      OR: [
        { state: "applied" },
        { state: { in: ["failed", "queued", "sent"] }, error: { not: Prisma.DbNull } },
      ],
    },
    orderBy: [{ finishedAt: { sort: "desc", nulls: "first" } }, { seq: "desc" }],
    select: { id: true, kind: true, state: true, error: true, finishedAt: true, createdAt: true },
  });
  const lastError =
    newestWithOutcome && newestWithOutcome.state !== "applied" && newestWithOutcome.error
      ? {
          jobId: newestWithOutcome.id,
          kind: newestWithOutcome.kind,
          error: newestWithOutcome.error as HostJobError,
          at: newestWithOutcome.finishedAt ?? newestWithOutcome.createdAt,
        }
      : null;
  return { pending, lastError };
}

/**
 * Gateways with an active agent whose next job is deliverable at `now` (due after a backoff, or its lease ran
 * out): a sweep notifies them so a poll waiting on any instance wakes.
 */
export async function listGatewaysWithDeliverableJobs(db: Db, { now }: { now: Date }): Promise<string[]> {
  const at = now.toISOString();
  const rows = await db.$queryRaw<{ gatewayId: string }[]>`
    SELECT head."gatewayId" FROM (
      SELECT DISTINCT ON ("gatewayId") "gatewayId", state, "availableAt", "leaseUntil"
      FROM "HostJob" WHERE state IN ('queued', 'sent')
      ORDER BY "gatewayId", seq
    ) head
    WHERE ((head.state = 'queued' AND head."availableAt" <= (${at}::timestamptz AT TIME ZONE 'UTC'))
        OR (head.state = 'sent' AND head."leaseUntil" < (${at}::timestamptz AT TIME ZONE 'UTC')))
      AND EXISTS (SELECT 1 FROM "HostAgent" a WHERE a."gatewayId" = head."gatewayId" AND a."revokedAt" IS NULL)`;
  return rows.map((row) => row.gatewayId);
}
