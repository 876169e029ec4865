import { claimOutboxJobs, markOutboxJobDone, markOutboxJobFailed } from "@clawfleet/db/outbox.repository";
import { readWebhookForDelivery } from "@clawfleet/db/reauth-webhook.repository";
import type { ServiceDeps } from "../service-context";
import {
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  signWebhookBody,
} from "./webhook-signature";

/** A delivery gives up after this many attempts; retries back off from 30 s to an hour. */
export const WEBHOOK_MAX_ATTEMPTS = 8;
const DELIVERY_TIMEOUT_MS = 5_000;
const CLAIM_LEASE_MS = 60_000;

export type OutboxDrainDependencies = ServiceDeps & {
  fetch?: typeof fetch;
  /** One line per delivery: job id, event and outcome; never the body, URL or secret. */
  log?: (line: string) => void;
};

function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** A failure's description safe to store and log: a status code or an error class, nothing echoed. */
function describeFailure(error: unknown): string {
  if (error instanceof DeliveryRefused) return error.message;
  if (error instanceof Error) return error.name === "TimeoutError" ? "timed out" : error.name;
  return "unknown error";
}

class DeliveryRefused extends Error {}

/**
 * Delivers due webhook jobs (claimed with SKIP LOCKED, so concurrent drains never share one). A failed
 * delivery is retried on a later drain with backoff; redirects are not followed. `push_credential` jobs
 * are left for the gateway connector.
 */
export async function drainOutbox(
  deps: OutboxDrainDependencies,
  { limit = 20 }: { limit?: number } = {},
): Promise<{ delivered: number; failed: number }> {
  const send = deps.fetch ?? fetch;
  const jobs = await claimOutboxJobs(deps.db, {
    kinds: ["webhook"],
    now: deps.now(),
    limit,
    leaseMs: CLAIM_LEASE_MS,
  });
  let delivered = 0;
  let failed = 0;
  for (const job of jobs) {
    const event = (job.payload as { event?: string }).event ?? "unknown";
    try {
      const hook = await readWebhookForDelivery(deps.db, deps.secretBox, { teamId: job.teamId });
      if (hook) {
        const body = JSON.stringify({ deliveryId: job.id, ...(job.payload as object) });
        const response = await send(hook.url, {
          method: "POST",
          redirect: "manual",
          signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
          headers: {
            "content-type": "application/json",
            "user-agent": "Clawfleet-Webhook/1",
            [WEBHOOK_EVENT_HEADER]: event,
            [WEBHOOK_DELIVERY_HEADER]: job.id,
            [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(
              hook.signingSecret,
              Math.floor(deps.now().getTime() / 1000),
              body,
            ),
          },
          body,
        });
        await response.body?.cancel();
        if (response.status < 200 || response.status >= 300)
          throw new DeliveryRefused(
            response.status >= 300 && response.status < 400
              ? `HTTP ${response.status} (redirects are not followed)`
              : `HTTP ${response.status}`,
          );
      }
      await markOutboxJobDone(deps.db, { id: job.id, now: deps.now() });
      delivered += 1;
      deps.log?.(
        `[clawfleet] webhook ${event} delivery=${job.id} ${hook ? "delivered" : "skipped (no webhook)"}`,
      );
    } catch (error) {
      const now = deps.now();
      const reason = describeFailure(error);
      await markOutboxJobFailed(deps.db, {
        id: job.id,
        now,
        error: reason,
        attempts: job.attempts,
        maxAttempts: WEBHOOK_MAX_ATTEMPTS,
        retryAt: new Date(now.getTime() + retryDelayMs(job.attempts)),
      });
      failed += 1;
      deps.log?.(`[clawfleet] webhook ${event} delivery=${job.id} attempt ${job.attempts} failed: ${reason}`);
    }
  }
  return { delivered, failed };
}

/** After a commit: drain in the background, so a slow or broken receiver never delays the user. */
export function scheduleOutboxDrain(deps: ServiceDeps): void {
  void drainOutbox({ ...deps, log: (line) => console.info(line) }).catch((error: unknown) => {
    console.error(`[clawfleet] outbox drain failed: ${error instanceof Error ? error.name : "unknown"}`);
  });
}
