import { type CronItem, type Logger, type Runner, parseCronItems, run } from "graphile-worker";
import { WORKER_CRON_ITEMS, type WorkerDeps, createTaskList } from "./task-list";

export type JobRunnerOptions = {
  connectionString: string;
  deps: WorkerDeps;
  concurrency: number;
  logger?: Logger;
  /** Recurring jobs (default {@link WORKER_CRON_ITEMS}); tests that drive every job themselves pass []. */
  cronItems?: CronItem[];
  /**
   * How often an idle worker looks for jobs whose time has come (new jobs due now wake it at once through
   * LISTEN/NOTIFY; scheduled ones and retries are found by this poll). One cheap query per interval.
   */
  pollIntervalMs?: number;
};

/** Scheduled jobs (a retry, a lapse, a status turning stale) start within this long of their time. */
const DEFAULT_POLL_INTERVAL_MS = 1_000;

/**
 * Starts graphile-worker over the job catalog's tasks. It picks jobs up at once through LISTEN/NOTIFY (and
 * polls as a fallback), runs up to `concurrency` at a time, and `stop()` lets running jobs finish.
 */
export function startJobRunner(options: JobRunnerOptions): Promise<Runner> {
  return run({
    connectionString: options.connectionString,
    concurrency: options.concurrency,
    noHandleSignals: true,
    taskList: createTaskList(options.deps),
    parsedCronItems: parseCronItems(options.cronItems ?? WORKER_CRON_ITEMS),
    pollInterval: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    ...(options.logger ? { logger: options.logger } : {}),
  });
}
