import { FAILED_BEARER_TOKENS_PER_ADDRESS } from "@clawfleet/core/throttling/bearer-token-throttle";
import { retryAfterSeconds } from "@clawfleet/core/throttling/throttle-policy";
import { findThrottleRetryAt, takeThrottleHit, throttleKey } from "@clawfleet/db/throttle.repository";
import type { ServiceDeps } from "../service-context";

export type TokenCheck<T> =
  | { ok: true; value: T }
  /** `retryAfterSeconds` when the address is throttled (answer 429), else null (answer 401). */
  | { ok: false; retryAfterSeconds: number | null };

/**
 * Runs `authenticate` (a token lookup) unless this address has failed too often lately, and counts a failure
 * against it. Shared by every bearer-token endpoint, so an address's bad ingest tokens and bad host-agent
 * credentials add up. Successful lookups cost nothing.
 */
export async function checkTokenWithinFailureLimit<T>(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  clientAddress: string,
  authenticate: () => Promise<T | null>,
): Promise<TokenCheck<T>> {
  const now = clock();
  const key = throttleKey("failed-bearer-token", clientAddress);
  const refusedUntil = await findThrottleRetryAt(db, key, now);
  if (refusedUntil) return { ok: false, retryAfterSeconds: retryAfterSeconds(refusedUntil, now) };
  const value = await authenticate();
  if (value !== null) return { ok: true, value };
  await takeThrottleHit(db, key, FAILED_BEARER_TOKENS_PER_ADDRESS, now);
  return { ok: false, retryAfterSeconds: null };
}
