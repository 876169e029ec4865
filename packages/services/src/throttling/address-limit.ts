import type { ThrottlePolicy } from "@clawfleet/core/throttling/throttle-policy";
import { retryAfterSeconds } from "@clawfleet/core/throttling/throttle-policy";
import { takeThrottleHit, throttleKey } from "@clawfleet/db/throttle.repository";
import type { ServiceDeps } from "../service-context";

/**
 * Takes one call from `clientAddress`'s budget of `scope` under `policy`; null when allowed, else the whole
 * seconds to wait before the next call is accepted.
 */
export async function takeAddressCall(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { scope, clientAddress, policy }: { scope: string; clientAddress: string; policy: ThrottlePolicy },
): Promise<number | null> {
  const now = clock();
  const decision = await takeThrottleHit(db, throttleKey(scope, clientAddress), policy, now);
  return decision.allowed ? null : retryAfterSeconds(decision.retryAt, now);
}
