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

/** Jobs not yet done (waiting, running or retrying), oldest run time first: for tests and diagnostics. */
export async function listPendingJobs(db: Db, { task }: { task?: string } = {}): Promise<PendingJob[]> {
  // why: graphile-worker's public `jobs` view leaves the payload out; its private tables hold it.
  return db.$queryRaw<PendingJob[]>`
    SELECT tasks.identifier AS task, jobs.payload, jobs.run_at AS "runAt", jobs.attempts, jobs.key,
      jobs.last_error AS "lastError"
    FROM graphile_worker._private_jobs jobs
    JOIN graphile_worker._private_tasks tasks ON tasks.id = jobs.task_id
    WHERE ${task ?? null}::text IS NULL OR tasks.identifier = ${task ?? null}::text
    ORDER BY jobs.run_at, jobs.id`;
}
