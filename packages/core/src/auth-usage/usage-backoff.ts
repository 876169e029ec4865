import type { AuthFailureReason, UsageStatsEntry } from "../auth-profiles/auth-store.schema";
import { MODEL_SCOPED_REASONS, isCooldownBypassedForProvider } from "./usage-windows";

/** OpenClaw 2026.9.6 backoff constants (facts §2.5); there are no config knobs in this generation. */
export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const FAILURE_WINDOW_MS = 24 * HOUR_MS;
export const BILLING_DISABLE_BASE_MS = 10 * MINUTE_MS;
export const BILLING_DISABLE_MAX_MS = 24 * HOUR_MS;
export const AUTH_PERMANENT_DISABLE_BASE_MS = 10 * MINUTE_MS;
export const AUTH_PERMANENT_DISABLE_MAX_MS = HOUR_MS;
export const RATE_LIMIT_COOLDOWN_BASE_MS = 30 * SECOND_MS;
export const RATE_LIMIT_COOLDOWN_MAX_MS = 24 * HOUR_MS;
/** Cooldown for any other reason, by aggregate errorCount 1, 2, 3+. */
export const REGULAR_COOLDOWN_LADDER_MS = [30 * SECOND_MS, 60 * SECOND_MS, 5 * MINUTE_MS] as const;

/** `base × 2^(n−1)`, capped. */
function doublingBackoff(failures: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
}

function regularCooldownMs(errorCount: number): number {
  const step = Math.min(errorCount, REGULAR_COOLDOWN_LADDER_MS.length) - 1;
  return REGULAR_COOLDOWN_LADDER_MS[Math.max(0, step)] ?? REGULAR_COOLDOWN_LADDER_MS[0];
}

function latestWindowEnd(entry: UsageStatsEntry): number {
  return Math.max(entry.cooldownUntil ?? 0, entry.disabledUntil ?? 0, entry.blockedUntil ?? 0);
}

/**
 * The failure counters a new failure starts from (§2.5): after 24 h without failures, or once the previous
 * unusable window has ended, `errorCount` and `failureCounts` start over, except `failureCounts.rate_limit`,
 * which only a success or a manual clear resets.
 */
function countersBeforeFailure(
  entry: UsageStatsEntry,
  now: number,
): { errorCount: number; failureCounts: Record<string, number> } {
  const windowEnd = latestWindowEnd(entry);
  const stale = entry.lastFailureAt !== undefined && now - entry.lastFailureAt > FAILURE_WINDOW_MS;
  const windowEnded = windowEnd > 0 && windowEnd <= now;
  if (!stale && !windowEnded)
    return { errorCount: entry.errorCount ?? 0, failureCounts: { ...entry.failureCounts } };
  const rateLimit = entry.failureCounts?.rate_limit;
  return { errorCount: 0, failureCounts: rateLimit === undefined ? {} : { rate_limit: rateLimit } };
}

export type AuthFailure = {
  reason: AuthFailureReason;
  /** Epoch ms of the failure. */
  now: number;
  /** The profile's provider: openrouter and kilocode never cool down. */
  provider: string;
  /** The model that failed; recorded for model-scoped reasons (rate_limit, timeout, model_not_found). */
  model?: string;
};

/**
 * Applies one failure to a profile's `usageStats` entry and returns the new entry (OpenClaw 2026.9.6,
 * `usage-failure-state.ts`, facts §2.5):
 * - `billing` disables for min(24 h, 10 min × 2^(n−1)), n = failureCounts.billing;
 * - `auth_permanent` disables for min(1 h, 10 min × 2^(n−1));
 * - `rate_limit` cools down for min(24 h, 30 s × 2^(n−1)), n = failureCounts.rate_limit;
 * - any other reason cools down by errorCount: 1 → 30 s, 2 → 60 s, ≥ 3 → 5 min;
 * - an active window is never shortened; `no_error_details` is ignored; bypass providers only count.
 */
export function applyAuthFailure(entry: UsageStatsEntry | undefined, failure: AuthFailure): UsageStatsEntry {
  const current: UsageStatsEntry = entry ?? {};
  if (failure.reason === "no_error_details") return current;
  const { now, reason } = failure;
  const counters = countersBeforeFailure(current, now);
  const failureCounts = { ...counters.failureCounts, [reason]: (counters.failureCounts[reason] ?? 0) + 1 };
  const next: UsageStatsEntry = {
    ...current,
    errorCount: counters.errorCount + 1,
    failureCounts,
    lastFailureAt: now,
  };
  if (isCooldownBypassedForProvider(failure.provider)) return next;

  if (reason === "billing" || reason === "auth_permanent") {
    const [baseMs, maxMs] =
      reason === "billing"
        ? [BILLING_DISABLE_BASE_MS, BILLING_DISABLE_MAX_MS]
        : [AUTH_PERMANENT_DISABLE_BASE_MS, AUTH_PERMANENT_DISABLE_MAX_MS];
    const proposed = now + doublingBackoff(failureCounts[reason] ?? 1, baseMs, maxMs);
    const active = (current.disabledUntil ?? 0) > now ? (current.disabledUntil ?? 0) : 0;
    if (active >= proposed) return next;
    return { ...next, disabledUntil: proposed, disabledReason: reason };
  }

  const durationMs =
    reason === "rate_limit"
      ? doublingBackoff(
          failureCounts.rate_limit ?? 1,
          RATE_LIMIT_COOLDOWN_BASE_MS,
          RATE_LIMIT_COOLDOWN_MAX_MS,
        )
      : regularCooldownMs(next.errorCount ?? 1);
  const proposed = now + durationMs;
  const active = (current.cooldownUntil ?? 0) > now ? (current.cooldownUntil ?? 0) : 0;
  if (active >= proposed) return next;
  const cooled: UsageStatsEntry = { ...next, cooldownUntil: proposed, cooldownReason: reason };
  delete cooled.cooldownClassification;
  if (MODEL_SCOPED_REASONS.has(reason) && failure.model !== undefined) cooled.cooldownModel = failure.model;
  else delete cooled.cooldownModel;
  return cooled;
}

const WINDOW_FIELDS = [
  "cooldownUntil",
  "cooldownReason",
  "cooldownClassification",
  "cooldownModel",
  "disabledUntil",
  "disabledReason",
  "blockedUntil",
  "blockedReason",
  "blockedSource",
  "blockedModel",
  "blockedScope",
] as const satisfies readonly (keyof UsageStatsEntry)[];

function withoutWindows(entry: UsageStatsEntry): UsageStatsEntry {
  const cleared = { ...entry };
  for (const field of WINDOW_FIELDS) delete cleared[field];
  return cleared;
}

/**
 * An operator's manual clear: removes every cooldown, disable and block window and resets the failure
 * counters, `rate_limit` included (facts §2.5). `lastUsed` and `lastFailureAt` stay for the record.
 */
export function clearAuthCooldown(entry: UsageStatsEntry | undefined): UsageStatsEntry {
  return { ...withoutWindows(entry ?? {}), errorCount: 0, failureCounts: {} };
}

/**
 * A successful call (`markAuthProfileSuccess`, facts §2.4): failure fields reset, `lastUsed` and
 * `lastProbeAt` set to `now`. The caller also records the profile as `lastGood` for its provider.
 */
export function markAuthSuccess(entry: UsageStatsEntry | undefined, now: number): UsageStatsEntry {
  return { ...clearAuthCooldown(entry), lastUsed: now, lastProbeAt: now };
}
