import type { Task } from "graphile-worker";
import { type JobName, type JobPayload, parseJobPayload } from "@clawfleet/services/jobs/job-catalog";
import {
  expireLapsedReauthRequest,
  remindReauthDeadline,
  sweepReauthSchedule,
} from "@clawfleet/services/reauth/reauth-schedule";
import type { ServiceDeps } from "@clawfleet/services/service-context";
import {
  type WebhookDeliveryOptions,
  deliverWebhook,
  queueDueWebhookDeliveries,
} from "@clawfleet/services/webhooks/webhook-delivery";

/** What the tasks need: the use cases' dependencies and the knobs tests shorten (e.g. webhook backoff). */
export type WorkerDeps = ServiceDeps & {
  webhooks: WebhookDeliveryOptions;
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
  };
}

/**
 * Recurring backstops, in graphile-worker's crontab format (UTC). `?max=1`: a failed sweep is not retried,
 * the next minute's run is.
 */
export const WORKER_CRONTAB = ["* * * * * webhook.sweep ?max=1", "* * * * * reauth.sweep ?max=1"].join("\n");
