/**
 * Team webhook delivery on the job queue. A change that calls the webhook writes an outbox row (the delivery's
 * record, shown on the Re-auth page) and a `webhook.deliver` job for it in its own transaction; the worker
 * delivers it, and when the receiver fails, records the attempt and queues the next one at its backoff time
 * (core `nextWebhookAttemptAt`). Nothing waits for a user action: due retries run on time on any worker.
 */
import {
  DEFAULT_WEBHOOK_RETRY,
  type WebhookRetrySchedule,
  nextWebhookAttemptAt,
} from "@clawfleet/core/webhooks/webhook-retry";
import { type Db, inTransaction } from "@clawfleet/db/client";
import {
  claimOutboxJob,
  enqueueOutboxJob,
  findOutboxJobAvailability,
  listDueOutboxJobIds,
  markOutboxJobDone,
  markOutboxJobFailed,
} from "@clawfleet/db/outbox.repository";
import { readWebhookForDelivery } from "@clawfleet/db/reauth-webhook.repository";
import { queueJob } from "../jobs/job-catalog";
import type { ServiceDeps } from "../service-context";
import {
  type WebhookSender,
  WebhookFailure,
  failureClassOfStatus,
  publicWebhookSender,
} from "./webhook-transport";
import {
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  signWebhookBody,
} from "./webhook-signature";

const DELIVERY_TIMEOUT_MS = 5_000;
/** A worker that died mid-delivery holds its claim this long before another worker may retry the row. */
const CLAIM_LEASE_MS = 60_000;
/** Rows a backstop sweep requeues at most per run. */
const SWEEP_LIMIT = 500;

export type WebhookDeliveryOptions = {
  /** Internal networks the install lets webhooks reach (`CLAWFLEET_WEBHOOK_ALLOWED_NETWORKS`); none by default. */
  allowedNetworks?: readonly string[];
  /** Replaces the network sender (tests); the default reaches public addresses and `allowedNetworks` only. */
  send?: WebhookSender;
  retry?: WebhookRetrySchedule;
  /** One line per attempt: delivery id, event and outcome; never the body, URL or secret. */
  log?: (line: string) => void;
};

function deliveryJobKey(outboxJobId: string): string {
  return `webhook:${outboxJobId}`;
}

/**
 * Records a webhook call for `payload` and queues its delivery, in `tx`. A repeat of the same `dedupeKey`
 * (a retried request) queues nothing twice.
 */
export async function queueWebhookDelivery(
  tx: Db,
  { teamId, payload, dedupeKey, now }: { teamId: string; payload: object; dedupeKey: string; now: Date },
): Promise<void> {
  const row = await enqueueOutboxJob(tx, {
    teamId,
    kind: "webhook",
    payload: JSON.parse(JSON.stringify(payload)) as Record<string, never>,
    dedupeKey,
    now,
  });
  if (row.created)
    await queueJob(tx, "webhook.deliver", { outboxJobId: row.id }, { jobKey: deliveryJobKey(row.id) });
}

/** A failure's description safe to store, show and log: a coarse class, nothing the receiver said. */
function describeFailure(error: unknown): string {
  return error instanceof WebhookFailure ? error.failureClass : "the console could not send it";
}

async function post(
  send: WebhookSender,
  hook: { url: string; signingSecret: string },
  { id, event, payload, at }: { id: string; event: string; payload: unknown; at: Date },
): Promise<void> {
  const body = JSON.stringify({ deliveryId: id, ...(payload as object) });
  const status = await send({
    url: hook.url,
    timeoutMs: DELIVERY_TIMEOUT_MS,
    headers: {
      "content-type": "application/json",
      "user-agent": "Clawfleet-Webhook/1",
      [WEBHOOK_EVENT_HEADER]: event,
      [WEBHOOK_DELIVERY_HEADER]: id,
      [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(hook.signingSecret, Math.floor(at.getTime() / 1000), body),
    },
    body,
  });
  const failure = failureClassOfStatus(status);
  if (failure) throw new WebhookFailure(failure);
}

export type DeliveryOutcome = "delivered" | "skipped" | "retry" | "gave up" | "not due";

/**
 * One attempt at one outbox row: claims it (nothing to do if it is done, given up, not due or held by another
 * worker), posts it signed to the team's webhook, and records the outcome. A failure schedules the next
 * attempt as a new job at its backoff time, in the same transaction as the failure's record.
 */
export async function deliverWebhook(
  deps: Pick<ServiceDeps, "db" | "secretBox" | "now">,
  { outboxJobId }: { outboxJobId: string },
  options: WebhookDeliveryOptions = {},
): Promise<DeliveryOutcome> {
  const now = deps.now();
  const claimed = await claimOutboxJob(deps.db, { id: outboxJobId, now, leaseMs: CLAIM_LEASE_MS });
  if (!claimed) {
    // why: the queue's clock (Postgres) and ours may differ by a few milliseconds; a job woken just before
    // its row is due must not be lost, so it is queued again for the row's own time.
    const pending = await findOutboxJobAvailability(deps.db, { id: outboxJobId });
    if (pending && pending.availableAt > now)
      await queueJob(
        deps.db,
        "webhook.deliver",
        { outboxJobId },
        { runAt: pending.availableAt, jobKey: deliveryJobKey(outboxJobId) },
      );
    return "not due";
  }
  const event = (claimed.payload as { event?: string }).event ?? "unknown";
  const line = (outcome: string) =>
    options.log?.(
      `[clawfleet] webhook ${event} delivery=${claimed.id} attempt ${claimed.attempts}: ${outcome}`,
    );
  try {
    const hook = await readWebhookForDelivery(deps.db, deps.secretBox, { teamId: claimed.teamId });
    if (hook)
      await post(options.send ?? publicWebhookSender(options.allowedNetworks ?? []), hook, {
        id: claimed.id,
        event,
        payload: claimed.payload,
        at: deps.now(),
      });
    await markOutboxJobDone(deps.db, { id: claimed.id, now: deps.now() });
    line(hook ? "delivered" : "skipped (the team has no webhook any more)");
    return hook ? "delivered" : "skipped";
  } catch (error) {
    const failedAt = deps.now();
    const reason = describeFailure(error);
    const retryAt = nextWebhookAttemptAt(claimed.attempts, failedAt, options.retry ?? DEFAULT_WEBHOOK_RETRY);
    await inTransaction(deps.db, async (tx) => {
      await markOutboxJobFailed(tx, { id: claimed.id, now: failedAt, error: reason, retryAt });
      if (retryAt)
        await queueJob(
          tx,
          "webhook.deliver",
          { outboxJobId: claimed.id },
          { runAt: retryAt, jobKey: deliveryJobKey(claimed.id) },
        );
    });
    line(`failed: ${reason}; ${retryAt ? `next attempt at ${retryAt.toISOString()}` : "giving up"}`);
    return retryAt ? "retry" : "gave up";
  }
}

/**
 * Backstop for rows whose job was lost (e.g. rows written before deliveries ran on the queue): queues a
 * delivery for every due webhook row. The job key keeps this from doubling a job that is already queued.
 */
export async function queueDueWebhookDeliveries(deps: Pick<ServiceDeps, "db" | "now">): Promise<number> {
  const ids = await listDueOutboxJobIds(deps.db, {
    kinds: ["webhook"],
    now: deps.now(),
    leaseMs: CLAIM_LEASE_MS,
    limit: SWEEP_LIMIT,
  });
  for (const outboxJobId of ids)
    await queueJob(
      deps.db,
      "webhook.deliver",
      { outboxJobId },
      { jobKey: deliveryJobKey(outboxJobId), jobKeyMode: "preserve_run_at" },
    );
  return ids.length;
}
