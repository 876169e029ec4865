import type { CooldownClassification, UsageStatsEntry } from "../auth-profiles/auth-store.schema";

/** Providers OpenClaw never cools down and never lists as unusable (`isAuthCooldownBypassedForProvider`, §2.5). */
export const COOLDOWN_BYPASS_PROVIDERS: ReadonlySet<string> = new Set(["openrouter", "kilocode"]);

export function isCooldownBypassedForProvider(provider: string | undefined): boolean {
  return provider !== undefined && COOLDOWN_BYPASS_PROVIDERS.has(provider.toLowerCase());
}

/** Reasons whose cooldown only blocks the model that failed (`cooldownModel`, §2.5). */
export const MODEL_SCOPED_REASONS: ReadonlySet<string> = new Set([
  "rate_limit",
  "timeout",
  "model_not_found",
]);

/** An active cooldown or disable window (facts §1.3 `unusableProfiles`, §2.6). */
export type UnusableWindow = {
  kind: "cooldown" | "disabled";
  /** The latest of the profile's active windows, epoch ms. */
  until: number;
  reason?: string;
  classification?: CooldownClassification;
  /** Set when the window only blocks this model of the provider. */
  onlyModel?: string;
};

function activeUntil(value: number | undefined, now: number): number | null {
  return typeof value === "number" && value > 0 && value > now ? value : null;
}

/**
 * The profile's active unusable window at `now`, or null (facts §1.3): `until` is the latest of
 * `blockedUntil`, `cooldownUntil` and `disabledUntil`; the kind is `disabled` while `disabledUntil` is in the
 * future, else `cooldown` (subscription-limit `blockedUntil` windows included). Expired windows count as
 * absent, as OpenClaw clears them lazily on read.
 */
export function activeUnusableWindow(entry: UsageStatsEntry | undefined, now: number): UnusableWindow | null {
  if (!entry) return null;
  const disabledUntil = activeUntil(entry.disabledUntil, now);
  const cooldownUntil = activeUntil(entry.cooldownUntil, now);
  const blockedUntil = activeUntil(entry.blockedUntil, now);
  const until = Math.max(disabledUntil ?? 0, cooldownUntil ?? 0, blockedUntil ?? 0);
  if (until === 0) return null;
  if (disabledUntil !== null) {
    return {
      kind: "disabled",
      until,
      ...(entry.disabledReason === undefined ? {} : { reason: entry.disabledReason }),
    };
  }
  const window: UnusableWindow = { kind: "cooldown", until };
  if (entry.cooldownReason !== undefined) window.reason = entry.cooldownReason;
  if (entry.cooldownClassification !== undefined) window.classification = entry.cooldownClassification;
  const blockedForOtherModels = blockedUntil !== null && entry.blockedScope !== "model";
  if (
    cooldownUntil !== null &&
    !blockedForOtherModels &&
    entry.cooldownModel !== undefined &&
    MODEL_SCOPED_REASONS.has(entry.cooldownReason ?? "")
  ) {
    window.onlyModel = entry.cooldownModel;
  }
  return window;
}

/**
 * Whether a profile can serve `model` at `now` (facts §2.5, §2.6): an active window blocks it, except a
 * model-scoped cooldown for another model; bypass providers (openrouter, kilocode) are never blocked.
 * Without a model, any active window blocks.
 */
export function isUsableAt(
  entry: UsageStatsEntry | undefined,
  provider: string | undefined,
  now: number,
  model?: string,
): boolean {
  if (isCooldownBypassedForProvider(provider)) return true;
  const window = activeUnusableWindow(entry, now);
  if (window === null) return true;
  return model !== undefined && window.onlyModel !== undefined && window.onlyModel !== model;
}
