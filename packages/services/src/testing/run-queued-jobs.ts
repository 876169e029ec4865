/**
 * For tests that follow a job-backed use case without starting a worker: takes every waiting import and
 * bulk-edit job off the queue and runs its use case in-process, in queue order, until none is left (a job
 * may queue another). Returns how many ran.
 */
import { takePendingJobs } from "@clawfleet/db/job-queue";
import { runBulkEdit } from "../bulk-edits/bulk-edit-runs";
import { type ImportJobOptions, runImportCommit, runImportPreview } from "../imports/import-jobs";
import { type JobName, parseJobPayload } from "../jobs/job-catalog";
import type { ServiceDeps } from "../service-context";

const TASKS = ["imports.preview", "imports.commit", "bulk_edits.apply"] as const satisfies JobName[];

export async function runQueuedJobsNow(
  deps: Pick<ServiceDeps, "db" | "secretBox" | "now">,
  options: { imports?: ImportJobOptions } = {},
): Promise<number> {
  const run = {
    "imports.preview": (payload: unknown) =>
      runImportPreview(deps, parseJobPayload("imports.preview", payload), options.imports),
    "imports.commit": (payload: unknown) =>
      runImportCommit(deps, parseJobPayload("imports.commit", payload), options.imports),
    "bulk_edits.apply": (payload: unknown) => runBulkEdit(deps, parseJobPayload("bulk_edits.apply", payload)),
  } satisfies Record<(typeof TASKS)[number], (payload: unknown) => Promise<void>>;
  let ran = 0;
  for (;;) {
    const jobs = await takePendingJobs(deps.db, { tasks: TASKS });
    if (jobs.length === 0) return ran;
    for (const job of jobs) {
      await run[job.task as (typeof TASKS)[number]](job.payload);
      ran += 1;
    }
  }
}
