/**
 * The life of an import run, as the web app, the CLI and the worker all see it:
 *
 *   queued → previewing → previewed → commit_queued → committing → succeeded
 *      └──────────┴────────────┴──────────────┴─────────────┴──→ failed (with a message safe to show)
 *
 * A job holds a run while it is `previewing` or `committing` and records progress on it at least every few
 * seconds; a run that stops moving for {@link IMPORT_RUN_STALL_MS} lost its worker (its transaction, if any,
 * rolled back). Uploads are kept at most {@link IMPORT_RUN_MAX_AGE_MS}: an older open run has expired.
 */

export const IMPORT_RUN_STATUSES = [
  "queued",
  "previewing",
  "previewed",
  "commit_queued",
  "committing",
  "succeeded",
  "failed",
] as const;
export type ImportRunStatus = (typeof IMPORT_RUN_STATUSES)[number];

/** Changes and warnings a preview lists; its summary and totals always count all of them. */
export const IMPORT_PREVIEW_LISTED = 500;

/** A job writes progress well within this; a run silent for longer has lost its worker. */
export const IMPORT_RUN_STALL_MS = 10 * 60_000;

/** How long an upload (it holds credentials) is kept, whatever became of its run. */
export const IMPORT_RUN_MAX_AGE_MS = 24 * 60 * 60_000;

/** A queued run waiting longer than this has no worker to pick it up (the page says so). */
const WORKER_PICKUP_MS = 15_000;

export const STALLED_IMPORT_MESSAGE =
  "This import stopped before it finished (its worker ended). Nothing was changed; start it again.";
export const EXPIRED_IMPORT_MESSAGE =
  "This import was not finished within 24 hours, so its upload was deleted. Nothing was changed; upload the files again.";

/** A job is working on the run, or about to: the browser keeps following it. */
export function isImportRunInProgress(status: ImportRunStatus): boolean {
  return (
    status === "queued" || status === "previewing" || status === "commit_queued" || status === "committing"
  );
}

/** True when a job that held the run has been silent too long to be alive. */
export function isImportRunStalled(run: { status: ImportRunStatus; updatedAt: Date }, now: Date): boolean {
  return (
    (run.status === "previewing" || run.status === "committing") &&
    now.getTime() - run.updatedAt.getTime() > IMPORT_RUN_STALL_MS
  );
}

/** True when a run waits for a job and none has taken it for a while (is a worker running?). */
export function isImportRunWaitingForWorker(
  run: { status: ImportRunStatus; updatedAt: Date },
  now: Date,
): boolean {
  return (
    (run.status === "queued" || run.status === "commit_queued") &&
    now.getTime() - run.updatedAt.getTime() > WORKER_PICKUP_MS
  );
}
