import type { ThrottlePolicy } from "@clawfleet/core/throttling/throttle-policy";
import { retryAfterSeconds } from "@clawfleet/core/throttling/throttle-policy";
import { takeThrottleHit, throttleKey } from "@clawfleet/db/throttle.repository";
import type { ServiceDeps } from "../service-context";

/**
 * Takes one call from `subject`'s budget of `scope` under `policy` (a client address, an ingest token's key);
 * null when allowed, else the whole seconds to wait before the next call is accepted.
 */
export async function takeThrottledCall(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { scope, subject, policy }: { scope: string; subject: string; policy: ThrottlePolicy },
): Promise<number | null> {
  const now = clock();
  const decision = await takeThrottleHit(db, throttleKey(scope, subject), policy, now);
  return decision.allowed ? null : retryAfterSeconds(decision.retryAt, now);
}
