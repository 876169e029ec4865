/**
 * How often one caller (an IP, an account, a device) may do something, as data the store applies atomically.
 *
 * A bucket counts hits inside a window that opens at its first hit. After the n-th hit the next one is refused
 * until `min(now + waitsMs[n - 1], windowEnd)` (past the end of `waitsMs`, its last entry applies). So a fixed
 * window of N per W is `[0 × (N - 1), W]`, and a progressive delay is `[0 × free, d, 2d, 4d, …, cap]`.
 */
export type ThrottlePolicy = {
  windowMs: number;
  /** The wait imposed after each hit, by hit number (index 0 = after the first hit). Never empty. */
  waitsMs: readonly number[];
};

/** At most `limit` hits per `windowMs`, counted from the first hit of the window. */
export function fixedWindowPolicy(limit: number, windowMs: number): ThrottlePolicy {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("A fixed-window limit must be at least 1.");
  return { windowMs, waitsMs: [...Array<number>(limit - 1).fill(0), windowMs] };
}

/**
 * `freeHits` hits pass at once; each hit after them doubles the wait before the next, from `firstWaitMs` up to
 * `maxWaitMs`. The count is forgotten `windowMs` after the first hit (or at once, when the caller resets it).
 */
export function progressivePolicy(options: {
  freeHits: number;
  firstWaitMs: number;
  maxWaitMs: number;
  windowMs: number;
}): ThrottlePolicy {
  const { freeHits, firstWaitMs, maxWaitMs, windowMs } = options;
  if (freeHits < 1 || firstWaitMs <= 0 || maxWaitMs < firstWaitMs) {
    throw new RangeError("A progressive policy needs a free hit, and 0 < first wait ≤ longest wait.");
  }
  const waits: number[] = Array<number>(freeHits - 1).fill(0);
  for (let wait = firstWaitMs; ; wait *= 2) {
    waits.push(Math.min(wait, maxWaitMs));
    if (wait >= maxWaitMs) break;
  }
  return { windowMs, waitsMs: waits };
}

/** The wait after the `hit`-th hit of a window (1-based). */
export function waitAfterHit(policy: ThrottlePolicy, hit: number): number {
  const waits = policy.waitsMs;
  return waits[Math.min(hit, waits.length) - 1] ?? 0;
}

/** The number of hits that pass back to back before the first wait: what a burst can get through. */
export function burstAllowance(policy: ThrottlePolicy): number {
  const firstWait = policy.waitsMs.findIndex((wait) => wait > 0);
  return firstWait === -1 ? Number.POSITIVE_INFINITY : firstWait + 1;
}

/** Whole seconds until `retryAt` (at least 1), for `Retry-After` and messages. */
export function retryAfterSeconds(retryAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
}

/** "30 seconds", "1 minute", "15 minutes": when to try again, rounded up. */
export function describeRetryDelay(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** The outcome of taking a hit from a bucket. */
export type ThrottleDecision =
  { allowed: true; hit: number; nextAllowedAt: Date | null } | { allowed: false; retryAt: Date };
