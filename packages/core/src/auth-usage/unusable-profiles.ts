import type { CooldownClassification, UsageStatsEntry } from "../auth-profiles/auth-store.schema";
import { parseProfileId } from "../auth-profiles/profile-id";
import { commandLine } from "../shell/command-line";
import { activeUnusableWindow, isCooldownBypassedForProvider } from "./usage-windows";

/** One row of `auth.unusableProfiles` (2026.9.6, facts §1.3), keys in the CLI's order. */
export type UnusableProfile = {
  profileId: string;
  provider?: string;
  kind: "cooldown" | "disabled";
  reason?: string;
  classification?: CooldownClassification;
  recoveryHint: string;
  until: number;
  remainingMs: number;
};

const REAUTH_REASONS: ReadonlySet<string> = new Set(["auth", "auth_permanent", "session_expired"]);

/**
 * What OpenClaw tells the user to do about an unusable profile (`buildAuthProfileUnusableHint`, §1.3):
 * re-authenticate for auth failures, top up for a billing disable, otherwise wait or switch provider.
 */
export function recoveryHintFor(input: {
  kind: "cooldown" | "disabled";
  reason?: string;
  provider: string;
  profileId: string;
}): string {
  if (input.reason !== undefined && REAUTH_REASONS.has(input.reason)) {
    const login = commandLine([
      "openclaw",
      "models",
      "auth",
      "login",
      "--provider",
      input.provider,
      "--profile-id",
      input.profileId,
    ]);
    return `Re-authenticate with \`${login}\`.`;
  }
  if (input.kind === "disabled" && input.reason === "billing") {
    return "Top up credits (provider billing) or switch provider.";
  }
  return "Wait for cooldown or switch provider.";
}

/**
 * `auth.unusableProfiles` (facts §1.3): every `usageStats` entry with an active window at `now`, except
 * bypass providers, sorted by `remainingMs` ascending. `providerOf` gives a stored profile's provider;
 * for ids no store holds, `provider` is left out and the id's prefix is used for the rules.
 */
export function listUnusableProfiles(
  usageStats: Readonly<Record<string, UsageStatsEntry>>,
  providerOf: (profileId: string) => string | undefined,
  now: number,
): UnusableProfile[] {
  const rows: UnusableProfile[] = [];
  for (const [profileId, entry] of Object.entries(usageStats)) {
    const storedProvider = providerOf(profileId);
    const provider = storedProvider ?? parseProfileId(profileId)?.provider ?? "";
    if (isCooldownBypassedForProvider(provider)) continue;
    const window = activeUnusableWindow(entry, now);
    if (window === null) continue;
    rows.push({
      profileId,
      ...(storedProvider === undefined ? {} : { provider: storedProvider }),
      kind: window.kind,
      ...(window.reason === undefined ? {} : { reason: window.reason }),
      ...(window.kind === "cooldown" && window.classification !== undefined
        ? { classification: window.classification }
        : {}),
      recoveryHint: recoveryHintFor({ kind: window.kind, reason: window.reason, provider, profileId }),
      until: window.until,
      remainingMs: window.until - now,
    });
  }
  return rows.sort((left, right) => left.remainingMs - right.remainingMs);
}
