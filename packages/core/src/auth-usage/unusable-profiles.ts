import type { CooldownClassification, UsageStatsEntry } from "../auth-profiles/auth-store.schema";
import { providerIdProblem } from "../auth-profiles/openclaw-ids";
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
 * The login command a re-auth hint names (`buildOAuthRefreshFailureLoginCommand`): with the provider and the
 * quoted profile id when the provider is a safe provider id, else the bare `openclaw models auth login`
 * (which is what a usage row for an id no store holds gets, since its "provider" is the whole id); the Claude
 * CLI backend logs in through `claude` first.
 */
function reauthCommand(provider: string, profileId: string): string {
  const normalized = provider.trim().toLowerCase();
  if (providerIdProblem(normalized) !== null) return "openclaw models auth login";
  const profileOption = profileId.trim() === "" ? [] : ["--profile-id", profileId.trim()];
  if (normalized === "claude-cli") {
    const login = ["openclaw", "models", "auth", "login", "--provider", "anthropic", "--method", "cli"];
    return `claude auth login && ${commandLine([...login, ...profileOption])}`;
  }
  return commandLine(["openclaw", "models", "auth", "login", "--provider", normalized, ...profileOption]);
}

/**
 * What OpenClaw tells the user to do about an unusable profile (`buildAuthProfileUnusableHint`, §1.3):
 * re-authenticate for auth failures (Gemini CLI OAuth has its own advice), top up for a billing disable,
 * otherwise wait or switch provider.
 */
export function recoveryHintFor(input: {
  kind: "cooldown" | "disabled";
  reason?: string;
  provider: string;
  profileId: string;
}): string {
  if (input.reason !== undefined && REAUTH_REASONS.has(input.reason)) {
    if (input.provider === "google-gemini-cli") {
      return "Gemini CLI OAuth cannot be repaired by OpenClaw. Connect Google with an AI Studio API key using `openclaw models auth login --provider google`, then select that Google profile for the Gemini CLI runtime.";
    }
    return `Re-authenticate with \`${reauthCommand(input.provider, input.profileId)}\`.`;
  }
  if (input.kind === "disabled" && input.reason === "billing") {
    return "Top up credits (provider billing) or switch provider.";
  }
  return "Wait for cooldown or switch provider.";
}

/**
 * `auth.unusableProfiles` (facts §1.3): every `usageStats` entry with an active window at `now`, sorted by
 * `remainingMs` ascending, usage rows for ids no store holds included. `providerOf` gives a stored profile's
 * provider; only a stored provider can exempt a row (openrouter, kilocode), and a row without one has no
 * `provider` and names its id where the hint wants a provider.
 */
export function listUnusableProfiles(
  usageStats: Readonly<Record<string, UsageStatsEntry>>,
  providerOf: (profileId: string) => string | undefined,
  now: number,
): UnusableProfile[] {
  const rows: UnusableProfile[] = [];
  for (const [profileId, entry] of Object.entries(usageStats)) {
    const storedProvider = providerOf(profileId);
    if (isCooldownBypassedForProvider(storedProvider)) continue;
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
      recoveryHint: recoveryHintFor({
        kind: window.kind,
        reason: window.reason,
        provider: storedProvider ?? profileId,
        profileId,
      }),
      until: window.until,
      remainingMs: window.until - now,
    });
  }
  return rows.sort((left, right) => left.remainingMs - right.remainingMs);
}
