/**
 * The job queue's persistence: graphile-worker keeps its jobs in the `graphile_worker` schema of this same
 * database, so a job is added with plain SQL inside the transaction of the change it follows (it exists if and
 * only if the change committed) and the worker hears of it at once through LISTEN/NOTIFY.
 */
import { Logger, runMigrations } from "graphile-worker";
import type { Db } from "./client";

/** Creates or upgrades the queue's schema; idempotent. Run before anything adds a job (setup, test template). */
export async function installJobQueue(connectionString: string): Promise<void> {
  // why: graphile-worker logs each migration step; setup prints its own one-line progress instead.
  await runMigrations({ connectionString, logger: new Logger(() => () => undefined) });
}

export type JobKeyMode = "replace" | "preserve_run_at";

export type QueuedJob = {
  /** The task identifier a worker registers. */
  task: string;
  /** Ids and names only, never a secret. */
  payload: Record<string, unknown>;
  /** Not before this instant (default: now). */
  runAt?: Date;
  /**
   * At most one pending job per key: `replace` updates the pending job's payload and run time (a debounce or a
   * reschedule), `preserve_run_at` keeps the earlier run time. A job already running is not affected: a new
   * one is queued behind it, so a change made during a run is never missed.
   */
  jobKey?: string;
  jobKeyMode?: JobKeyMode;
  /** Attempts before graphile-worker gives up on a job that keeps throwing (default 25). */
  maxAttempts?: number;
  /** Jobs of one named queue run one at a time, in order. */
  queueName?: string;
};

/** Adds a job through `db`, which may be a transaction: the job then exists only if the transaction commits. */
export async function enqueueJob(db: Db, job: QueuedJob): Promise<void> {
  await db.$executeRaw`
    SELECT graphile_worker.add_job(
      ${job.task},
      ${JSON.stringify(job.payload)}::json,
      queue_name => ${job.queueName ?? null}::text,
      run_at => ${job.runAt ?? null}::timestamptz,
      max_attempts => ${job.maxAttempts ?? null}::smallint,
      job_key => ${job.jobKey ?? null}::text,
      job_key_mode => ${job.jobKeyMode ?? "replace"}::text
    )`;
}

/**
 * Removes the pending job with this key, through `db` (a transaction: only if it commits). A job already
 * running finishes, but is not retried.
 */
export async function removeJob(db: Db, jobKey: string): Promise<void> {
  await db.$executeRaw`SELECT graphile_worker.remove_job(${jobKey}::text)`;
}

export type PendingJob = {
  task: string;
  payload: unknown;
  runAt: Date;
  attempts: number;
  key: string | null;
  lastError: string | null;
};

/**
 * Jobs not yet done (waiting, running or retrying), oldest run time first: for tests and diagnostics.
 * Read from the queue's own tables: its public `jobs` view leaves the payload out.
 */
export async function listPendingJobs(db: Db, { task }: { task?: string } = {}): Promise<PendingJob[]> {
  return db.$queryRaw<PendingJob[]>`
    SELECT t.identifier AS task, j.payload, j.run_at AS "runAt", j.attempts, j.key, j.last_error AS "lastError"
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE ${task ?? null}::text IS NULL OR t.identifier = ${task ?? null}::text
    ORDER BY j.run_at, j.id`;
}

/**
 * Removes the waiting jobs of `tasks` that no worker holds and returns them, oldest first: for tests that
 * run a job's use case in-process instead of starting a worker (each job is taken exactly once).
 */
export async function takePendingJobs(
  db: Db,
  { tasks }: { tasks: readonly string[] },
): Promise<{ task: string; payload: unknown }[]> {
  const waiting = await db.$queryRaw<{ id: bigint; task: string; payload: unknown }[]>`
    SELECT j.id, t.identifier AS task, j.payload
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE t.identifier = ANY(${[...tasks]}::text[]) AND j.locked_at IS NULL
    ORDER BY j.run_at, j.id`;
  if (waiting.length === 0) return [];
  const taken = await db.$queryRaw<{ id: bigint }[]>`
    SELECT id FROM graphile_worker.complete_jobs(${waiting.map((job) => job.id)}::bigint[])`;
  const takenIds = new Set(taken.map((job) => job.id));
  return waiting.filter((job) => takenIds.has(job.id)).map(({ task, payload }) => ({ task, payload }));
}
