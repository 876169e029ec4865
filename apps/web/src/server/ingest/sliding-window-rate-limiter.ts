import "server-only";

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * At most `limit` requests per key in any `windowMs`. State lives in this server instance's memory, so
 * with N web instances behind a load balancer a key may get up to N × limit; that is acceptable for
 * protecting the ingest endpoint from a runaway cron job (the purpose here), not as a billing quota.
 * Keys should not be secrets (callers pass a token hash).
 */
export class SlidingWindowRateLimiter {
  private readonly hits = new Map<string, number[]>();
  private checksSinceSweep = 0;

  constructor(private readonly options: { limit: number; windowMs: number }) {}

  take(key: string, nowMs: number): RateDecision {
    const windowStart = nowMs - this.options.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((at) => at > windowStart);
    this.sweepNow(windowStart);
    if (recent.length >= this.options.limit) {
      this.hits.set(key, recent);
      const oldest = recent[0] ?? nowMs;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest - windowStart) / 1000)) };
    }
    recent.push(nowMs);
    this.hits.set(key, recent);
    return { allowed: true };
  }

  /** Forgets keys that have been quiet for a whole window, every 1,000 checks, so memory stays bounded. */
  private sweepNow(windowStart: number): void {
    if (++this.checksSinceSweep < 1000) return;
    this.checksSinceSweep = 0;
    for (const [key, times] of this.hits) if ((times.at(-1) ?? 0) <= windowStart) this.hits.delete(key);
  }
}
