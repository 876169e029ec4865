/** For tests that check what a receiver gets without running a worker: one attempt at every due webhook row. */
import { listDueOutboxJobIds } from "@clawfleet/db/outbox.repository";
import type { ServiceDeps } from "../service-context";
import { type WebhookDeliveryOptions, deliverWebhook } from "../webhooks/webhook-delivery";

export async function deliverDueWebhooksNow(
  deps: Pick<ServiceDeps, "db" | "secretBox" | "now">,
  options: WebhookDeliveryOptions = {},
): Promise<void> {
  const ids = await listDueOutboxJobIds(deps.db, {
    kinds: ["webhook"],
    now: deps.now(),
    leaseMs: 0,
    limit: 1000,
  });
  for (const outboxJobId of ids) await deliverWebhook(deps, { outboxJobId }, options);
}
