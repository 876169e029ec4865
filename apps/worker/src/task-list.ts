import type { CronItem, Task } from "graphile-worker";
import { type JobName, type JobPayload, parseJobPayload } from "@clawfleet/services/jobs/job-catalog";
import {
  expireLapsedReauthRequest,
  remindReauthDeadline,
  sweepReauthSchedule,
} from "@clawfleet/services/reauth/reauth-schedule";
import { runBulkEdit } from "@clawfleet/services/bulk-edits/bulk-edit-runs";
import {
  type ImportJobOptions,
  runImportCommit,
  runImportPreview,
  sweepImportRuns,
} from "@clawfleet/services/imports/import-jobs";
import { sweepHostConnector } from "@clawfleet/services/connector/host-jobs";
import { sweepEndedSessions } from "@clawfleet/services/sessions/user-sessions";
import type { ServiceDeps } from "@clawfleet/services/service-context";
import { refreshGatewayStatuses, sweepStoredStatuses } from "@clawfleet/services/statuses/stored-statuses";
import { sweepSpentThrottles } from "@clawfleet/services/throttling/throttle-sweep";
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

/** What a task knows of the job it runs: the id its audit rows carry as their request id. */
type JobContext = { auditRequestId: string };

/** A task that validates its payload against the job catalog, then runs `work`. */
function task<Name extends JobName>(
  name: Name,
  work: (payload: JobPayload<Name>, job: JobContext) => Promise<unknown>,
): Task {
  return async (payload, helpers) => {
    await work(parseJobPayload(name, payload), { auditRequestId: `job:${helpers.job.id}` });
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
    "reauth.lapse": task("reauth.lapse", (payload, job) =>
      expireLapsedReauthRequest(deps, { ...payload, ...job }),
    ),
    "reauth.remind": task("reauth.remind", (payload, job) =>
      remindReauthDeadline(deps, { ...payload, ...job }),
    ),
    "reauth.sweep": task("reauth.sweep", (_payload, job) => sweepReauthSchedule(deps, job)),
    "imports.preview": task("imports.preview", (payload) => runImportPreview(deps, payload, deps.imports)),
    "imports.commit": task("imports.commit", (payload) => runImportCommit(deps, payload, deps.imports)),
    "imports.sweep": task("imports.sweep", () => sweepImportRuns(deps)),
    "bulk_edits.apply": task("bulk_edits.apply", (payload) => runBulkEdit(deps, payload)),
    "statuses.refresh_gateway": task("statuses.refresh_gateway", (payload) =>
      refreshGatewayStatuses(deps, payload),
    ),
    "statuses.sweep": task("statuses.sweep", () => sweepStoredStatuses(deps)),
    "host_jobs.sweep": task("host_jobs.sweep", () => sweepHostConnector(deps)),
    "throttles.sweep": task("throttles.sweep", () => sweepSpentThrottles(deps)),
    "sessions.sweep": task("sessions.sweep", () => sweepEndedSessions(deps)),
  };
}

/** A backstop every minute (UTC); a failed run is not retried, the next minute's run is. */
function everyMinute(task: JobName): CronItem {
  return { task, match: "* * * * *", options: { maxAttempts: 1 } };
}

/**
 * Recurring backstops, as cron items rather than crontab text: graphile-worker's crontab format only accepts
 * task names matching `[_a-zA-Z][_a-zA-Z0-9:/_-]*`, and every task of the catalog has a dot in its name.
 */
export const WORKER_CRON_ITEMS: CronItem[] = [
  everyMinute("webhook.sweep"),
  everyMinute("reauth.sweep"),
  everyMinute("statuses.sweep"),
  everyMinute("host_jobs.sweep"),
  { task: "imports.sweep", match: "*/10 * * * *", options: { maxAttempts: 1 } },
  { task: "throttles.sweep", match: "*/10 * * * *", options: { maxAttempts: 1 } },
  { task: "sessions.sweep", match: "17 * * * *", options: { maxAttempts: 1 } },
];
