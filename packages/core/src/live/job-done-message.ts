/**
 * The words of a finished-job toast. Apart from change-event.ts on purpose: the browser imports this, and zod
 * (which the schema there needs) probes `new Function` when a schema is built, which the console's CSP reports.
 */
import type { JobDone } from "./change-event";

const JOB_NAMES: Record<JobDone["kind"], string> = {
  import: "Import",
  bulk_edit: "Bulk edit",
  host_job: "Host job",
};

/** The toast for a finished job: its words and whether it reads as a failure. */
export function describeJobDone(done: JobDone): { message: string; failed: boolean } {
  const name = JOB_NAMES[done.kind];
  if (done.outcome === "failed") return { message: `${name} failed`, failed: true };
  return {
    message: done.kind === "host_job" ? `${name} applied on the host` : `${name} finished`,
    failed: false,
  };
}
