import type { CronItem, Task } from "graphile-worker";
import { type JobName, type JobPayload, parseJobPayload } from "@clawfleet/services/jobs/job-catalog";
import { runBulkEdit } from "@clawfleet/services/bulk-edits/bulk-edit-runs";
import {
  type ImportJobOptions,
  runImportCommit,
  runImportPreview,
  sweepImportRuns,
} from "@clawfleet/services/imports/import-jobs";
import type { ServiceDeps } from "@clawfleet/services/service-context";
import {
  type WebhookDeliveryOptions,
  deliverWebhook,
  queueDueWebhookDeliveries,
} from "@clawfleet/services/webhooks/webhook-delivery";

/** What the tasks need: the use cases' dependencies and the knobs tests shorten (e.g. webhook backoff). */
export type WorkerDeps = ServiceDeps & {
  webhooks: WebhookDeliveryOptions;
  /** Tests observe an import's progress (and stop it midway by throwing). */
  imports?: ImportJobOptions;
};

/** A task that validates its payload against the job catalog, then runs `work`. */
function task<Name extends JobName>(name: Name, work: (payload: JobPayload<Name>) => Promise<unknown>): Task {
  return async (payload) => {
    await work(parseJobPayload(name, payload));
  };
}

/**
 * Every job of the catalog and the use case that runs it. Typed as a record over the catalog's names, so a
 * job added to the catalog without a task here does not compile.
 */
export function createTaskList(deps: WorkerDeps): Record<JobName, Task> {
  return {
    "webhook.deliver": task("webhook.deliver", (payload) => deliverWebhook(deps, payload, deps.webhooks)),
    "webhook.sweep": task("webhook.sweep", () => queueDueWebhookDeliveries(deps)),
    "imports.preview": task("imports.preview", (payload) => runImportPreview(deps, payload, deps.imports)),
    "imports.commit": task("imports.commit", (payload) => runImportCommit(deps, payload, deps.imports)),
    "imports.sweep": task("imports.sweep", () => sweepImportRuns(deps)),
    "bulk_edits.apply": task("bulk_edits.apply", (payload) => runBulkEdit(deps, payload)),
  };
}

/**
 * Recurring backstops (UTC cron patterns). Given as items, not a crontab string: graphile-worker's crontab
 * syntax refuses a `.` in a task name, and the catalog's names have one. `maxAttempts: 1`: a failed sweep is
 * not retried, the next run is.
 */
export const WORKER_CRON_ITEMS: CronItem[] = [
  { task: "webhook.sweep", match: "* * * * *", options: { maxAttempts: 1 } },
  { task: "imports.sweep", match: "*/10 * * * *", options: { maxAttempts: 1 } },
];
