import { formatRemainingShort } from "./format-remaining";

/** OpenClaw's failure reasons (facts §2.5) as an admin reads them. */
const REASON_WORDS: Record<string, string> = {
  rate_limit: "rate limit",
  overloaded: "overloaded",
  billing: "billing",
  auth: "auth failure",
  auth_permanent: "auth revoked",
  timeout: "timeouts",
  format: "bad requests",
  model_not_found: "model not found",
  subscription_limit: "subscription limit",
  unknown: "unknown cause",
};

export type ClearWindowAction = {
  /** `re-enable` lifts a disable (billing, revoked auth: hours), `clear-cooldown` a short backoff. */
  kind: "re-enable" | "clear-cooldown";
  /** The button's words, e.g. `Clear cooldown (rate limit, ends in 4m)` or `Re-enable (disabled: billing, until …)`. */
  label: string;
  /** The reason in words, or null when OpenClaw recorded none. */
  reason: string | null;
  until: number;
};

/**
 * What clearing a profile's windows would lift at `now`, named for the window that is active: a disable wins over a
 * cooldown (it is the one keeping the profile out longest, and `clearAuthCooldown` lifts both); null when neither
 * is active, so there is nothing to clear. `formatInstant` renders the end of a disable in the reader's time.
 */
export function clearWindowAction(
  windows: {
    cooldownUntil: Date | null;
    cooldownReason: string | null;
    disabledUntil: Date | null;
    disabledReason: string | null;
  },
  now: number,
  formatInstant: (instant: number) => string,
): ClearWindowAction | null {
  const words = (reason: string | null) => (reason === null ? null : (REASON_WORDS[reason] ?? reason));
  const disabledUntil = windows.disabledUntil?.getTime() ?? 0;
  if (disabledUntil > now) {
    const reason = words(windows.disabledReason);
    return {
      kind: "re-enable",
      label: `Re-enable (disabled${reason ? `: ${reason}` : ""}, until ${formatInstant(disabledUntil)})`,
      reason,
      until: disabledUntil,
    };
  }
  const cooldownUntil = windows.cooldownUntil?.getTime() ?? 0;
  if (cooldownUntil > now) {
    const reason = words(windows.cooldownReason);
    return {
      kind: "clear-cooldown",
      label: `Clear cooldown (${reason ? `${reason}, ` : ""}ends in ${formatRemainingShort(cooldownUntil - now)})`,
      reason,
      until: cooldownUntil,
    };
  }
  return null;
}
