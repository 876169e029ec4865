/**
 * For tests that follow a job-backed use case without starting a worker: takes every waiting import job
 * off the queue and runs its use case in-process, in queue order, until none is left (a job may queue
 * another). Returns how many ran.
 */
import { takePendingJobs } from "@clawfleet/db/job-queue";
import { type ImportJobOptions, runImportCommit, runImportPreview } from "../imports/import-jobs";
import { parseJobPayload } from "../jobs/job-catalog";
import type { ServiceDeps } from "../service-context";

export async function runQueuedJobsNow(
  deps: Pick<ServiceDeps, "db" | "secretBox" | "now">,
  options: { imports?: ImportJobOptions } = {},
): Promise<number> {
  let ran = 0;
  for (;;) {
    const jobs = await takePendingJobs(deps.db, { tasks: ["imports.preview", "imports.commit"] });
    if (jobs.length === 0) return ran;
    for (const job of jobs) {
      if (job.task === "imports.preview")
        await runImportPreview(deps, parseJobPayload("imports.preview", job.payload), options.imports);
      else await runImportCommit(deps, parseJobPayload("imports.commit", job.payload), options.imports);
      ran += 1;
    }
  }
}
