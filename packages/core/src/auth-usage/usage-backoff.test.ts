import { describe, expect, it } from "vitest";

import type { AuthFailureReason, UsageStatsEntry } from "../auth-profiles/auth-store.schema";
import { applyAuthFailure, clearAuthCooldown, markAuthSuccess } from "./usage-backoff";

const NOW = 1_800_000_000_000;
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Applies `count` failures one second apart (inside the active window, so counters keep growing). */
function failRepeatedly(
  reason: AuthFailureReason,
  count: number,
  provider = "anthropic",
): { entry: UsageStatsEntry; at: number } {
  let entry: UsageStatsEntry | undefined;
  let at = NOW;
  for (let step = 0; step < count; step += 1) {
    at = NOW + step * SECOND;
    entry = applyAuthFailure(entry, { reason, now: at, provider, model: "claude-opus-4-8" });
  }
  return { entry: entry ?? {}, at };
}

describe("every backoff step (facts §2.5)", () => {
  it.each([
    // billing disables: min(24 h, 10 min × 2^(n−1)), n = failureCounts.billing
    { reason: "billing", n: 1, window: "disabled", durationMs: 10 * MINUTE },
    { reason: "billing", n: 2, window: "disabled", durationMs: 20 * MINUTE },
    { reason: "billing", n: 3, window: "disabled", durationMs: 40 * MINUTE },
    { reason: "billing", n: 4, window: "disabled", durationMs: 80 * MINUTE },
    { reason: "billing", n: 5, window: "disabled", durationMs: 160 * MINUTE },
    { reason: "billing", n: 6, window: "disabled", durationMs: 320 * MINUTE },
    { reason: "billing", n: 7, window: "disabled", durationMs: 640 * MINUTE },
    { reason: "billing", n: 8, window: "disabled", durationMs: 1280 * MINUTE },
    { reason: "billing", n: 9, window: "disabled", durationMs: 24 * HOUR },
    { reason: "billing", n: 12, window: "disabled", durationMs: 24 * HOUR },
    // auth_permanent disables: min(1 h, 10 min × 2^(n−1))
    { reason: "auth_permanent", n: 1, window: "disabled", durationMs: 10 * MINUTE },
    { reason: "auth_permanent", n: 2, window: "disabled", durationMs: 20 * MINUTE },
    { reason: "auth_permanent", n: 3, window: "disabled", durationMs: 40 * MINUTE },
    { reason: "auth_permanent", n: 4, window: "disabled", durationMs: HOUR },
    { reason: "auth_permanent", n: 5, window: "disabled", durationMs: HOUR },
    // rate_limit cooldowns: min(24 h, 30 s × 2^(n−1)), n = failureCounts.rate_limit
    { reason: "rate_limit", n: 1, window: "cooldown", durationMs: 30 * SECOND },
    { reason: "rate_limit", n: 2, window: "cooldown", durationMs: 60 * SECOND },
    { reason: "rate_limit", n: 3, window: "cooldown", durationMs: 2 * MINUTE },
    { reason: "rate_limit", n: 4, window: "cooldown", durationMs: 4 * MINUTE },
    { reason: "rate_limit", n: 8, window: "cooldown", durationMs: 64 * MINUTE },
    { reason: "rate_limit", n: 12, window: "cooldown", durationMs: 1024 * MINUTE },
    { reason: "rate_limit", n: 13, window: "cooldown", durationMs: 24 * HOUR },
  ] as const)("$reason failure $n → $window for $durationMs ms", ({ reason, n, window, durationMs }) => {
    const { entry, at } = failRepeatedly(reason, n);
    const until = window === "disabled" ? entry.disabledUntil : entry.cooldownUntil;
    const recordedReason = window === "disabled" ? entry.disabledReason : entry.cooldownReason;
    expect(until).toBe(at + durationMs);
    expect(recordedReason).toBe(reason);
    expect(entry.failureCounts?.[reason]).toBe(n);
    expect(entry.cooldownModel).toBe(reason === "rate_limit" ? "claude-opus-4-8" : undefined);
  });
});

describe("other reasons cool down by errorCount: 30 s, 60 s, then 5 min", () => {
  it.each([
    { reason: "overloaded", n: 1, durationMs: 30 * SECOND, model: undefined },
    { reason: "overloaded", n: 2, durationMs: 60 * SECOND, model: undefined },
    { reason: "overloaded", n: 3, durationMs: 5 * MINUTE, model: undefined },
    { reason: "overloaded", n: 6, durationMs: 5 * MINUTE, model: undefined },
    { reason: "auth", n: 1, durationMs: 30 * SECOND, model: undefined },
    { reason: "timeout", n: 2, durationMs: 60 * SECOND, model: "claude-opus-4-8" },
    { reason: "model_not_found", n: 3, durationMs: 5 * MINUTE, model: "claude-opus-4-8" },
  ] as const)("$reason failure $n → cooldown for $durationMs ms", ({ reason, n, durationMs, model }) => {
    const { entry, at } = failRepeatedly(reason, n);
    expect(entry.cooldownUntil).toBe(at + durationMs);
    expect(entry.cooldownReason).toBe(reason);
    expect(entry.cooldownModel).toBe(model);
  });
});

describe("failure window and counters", () => {
  it("starts the counters over after 24 h without failures, except rate_limit", () => {
    const earlier: UsageStatsEntry = {
      errorCount: 2,
      lastFailureAt: NOW - 25 * HOUR,
      failureCounts: { overloaded: 2, rate_limit: 3 },
    };
    const next = applyAuthFailure(earlier, { reason: "overloaded", now: NOW, provider: "anthropic" });
    expect(next.errorCount).toBe(1);
    expect(next.failureCounts).toEqual({ rate_limit: 3, overloaded: 1 });
    expect(next.cooldownUntil).toBe(NOW + 30 * SECOND);
  });

  it("starts over once the previous window has ended, even within 24 h", () => {
    const earlier: UsageStatsEntry = {
      errorCount: 3,
      lastFailureAt: NOW - 10 * MINUTE,
      cooldownUntil: NOW - 5 * MINUTE,
      failureCounts: { overloaded: 3 },
    };
    const next = applyAuthFailure(earlier, { reason: "overloaded", now: NOW, provider: "anthropic" });
    expect(next.errorCount).toBe(1);
    expect(next.cooldownUntil).toBe(NOW + 30 * SECOND);
  });

  it("keeps counting while the window is still active", () => {
    const earlier: UsageStatsEntry = {
      errorCount: 1,
      lastFailureAt: NOW - SECOND,
      cooldownUntil: NOW + 29 * SECOND,
      failureCounts: { timeout: 1 },
    };
    const next = applyAuthFailure(earlier, { reason: "timeout", now: NOW, provider: "anthropic" });
    expect(next.errorCount).toBe(2);
    expect(next.cooldownUntil).toBe(NOW + 60 * SECOND);
  });

  it("never shortens an active window", () => {
    const earlier: UsageStatsEntry = {
      errorCount: 1,
      lastFailureAt: NOW - SECOND,
      cooldownUntil: NOW + HOUR,
      cooldownReason: "overloaded",
    };
    const next = applyAuthFailure(earlier, { reason: "auth", now: NOW, provider: "anthropic" });
    expect(next.cooldownUntil).toBe(NOW + HOUR);
    expect(next.cooldownReason).toBe("overloaded");
    expect(next.errorCount).toBe(2);
  });

  it("ignores no_error_details", () => {
    const earlier: UsageStatsEntry = { errorCount: 1 };
    expect(applyAuthFailure(earlier, { reason: "no_error_details", now: NOW, provider: "anthropic" })).toBe(
      earlier,
    );
  });

  it.each(["openrouter", "kilocode"])("counts but never cools down %s", (provider) => {
    const next = applyAuthFailure(undefined, { reason: "rate_limit", now: NOW, provider });
    expect(next).toEqual({ errorCount: 1, failureCounts: { rate_limit: 1 }, lastFailureAt: NOW });
  });

  it("does not mutate its input", () => {
    const earlier: UsageStatsEntry = { errorCount: 1, failureCounts: { billing: 1 } };
    applyAuthFailure(earlier, { reason: "billing", now: NOW, provider: "anthropic" });
    expect(earlier).toEqual({ errorCount: 1, failureCounts: { billing: 1 } });
  });
});

describe("clearing", () => {
  const unusable: UsageStatsEntry = {
    lastUsed: NOW - HOUR,
    lastFailureAt: NOW - MINUTE,
    errorCount: 4,
    failureCounts: { rate_limit: 4 },
    cooldownUntil: NOW + HOUR,
    cooldownReason: "rate_limit",
    cooldownModel: "gpt-5.5",
    disabledUntil: NOW + HOUR,
    disabledReason: "billing",
    blockedUntil: NOW + HOUR,
    blockedReason: "subscription_limit",
  };

  it("clearAuthCooldown removes every window and resets the counters, rate_limit included", () => {
    expect(clearAuthCooldown(unusable)).toEqual({
      lastUsed: NOW - HOUR,
      lastFailureAt: NOW - MINUTE,
      errorCount: 0,
      failureCounts: {},
    });
  });

  it("markAuthSuccess also records the use", () => {
    expect(markAuthSuccess(unusable, NOW)).toEqual({
      lastUsed: NOW,
      lastProbeAt: NOW,
      lastFailureAt: NOW - MINUTE,
      errorCount: 0,
      failureCounts: {},
    });
  });
});
