import { formatRemainingShort } from "../auth-usage/format-remaining";
import { activeUnusableWindow, isCooldownBypassedForProvider } from "../auth-usage/usage-windows";
import type { ConfigAuthProfile, SecretRef } from "../openclaw-config/openclaw-config.schema";
import type { AuthProfileCredential, UsageStatsEntry } from "./auth-store.schema";
import type { MergedAuthProfile } from "./auth-store-merge";
import { maskSecret } from "./secret-mask";

/** A metadata string as OpenClaw reads it (`normalizeOptionalString`): trimmed, and blank counts as absent. */
function presentText(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === "" ? undefined : trimmed;
}

/**
 * Who a profile belongs to, as labels show it (`resolveAuthProfileMetadata` + `resolveAuthProfileDisplayLabel`):
 * the display name wins over the email, and for each of the two the config's `auth.profiles` entry wins over
 * the stored credential. Null when neither is known.
 */
export function profileOwnerText(
  credential: Pick<AuthProfileCredential, "displayName" | "email">,
  configProfile: Pick<ConfigAuthProfile, "displayName" | "email"> | undefined,
): string | null {
  const displayName = presentText(configProfile?.displayName) ?? presentText(credential.displayName);
  const email = presentText(configProfile?.email) ?? presentText(credential.email);
  return displayName ?? email ?? null;
}

/** `<id> (<owner>)`, or the bare id when the owner is unknown ({@link profileOwnerText}). */
export function profileDisplayLabel(
  profile: MergedAuthProfile,
  configProfile: Pick<ConfigAuthProfile, "displayName" | "email"> | undefined,
): string {
  const owner = profileOwnerText(profile.credential, configProfile);
  return owner === null ? profile.profileId : `${profile.profileId} (${owner})`;
}

function refLabel(ref: SecretRef): string {
  return `ref(${ref.source}:${ref.id})`;
}

function secretLabel(value: string | undefined, ref: SecretRef | undefined): string {
  if (value) return maskSecret(value);
  return ref ? refLabel(ref) : "missing";
}

/**
 * The countdown suffix of a label for a window ending at `until`, seen at `now` (facts §1.3):
 * ` [cooldown 5m]`, ` [disabled:billing 5h]`, or ` [disabled 5h]` for a disable without a reason.
 */
export function unusableWindowSuffix(
  window: { kind: "cooldown" | "disabled"; reason?: string; until: number },
  now: number,
): string {
  const remaining = formatRemainingShort(window.until - now);
  if (window.kind === "cooldown") return ` [cooldown ${remaining}]`;
  return window.reason === undefined
    ? ` [disabled ${remaining}]`
    : ` [disabled:${window.reason} ${remaining}]`;
}

/**
 * The label suffix while the profile is unusable at `now` ({@link unusableWindowSuffix}), else empty;
 * bypass providers never show one.
 */
export function unusableSuffix(provider: string, usage: UsageStatsEntry | undefined, now: number): string {
  if (isCooldownBypassedForProvider(provider)) return "";
  const window = activeUnusableWindow(usage, now);
  return window === null ? "" : unusableWindowSuffix(window, now);
}

/**
 * A profile as the provider overview lists it (facts §1.3): `<id>=<masked key>`, `<id>=token:<masked>`,
 * `<id>=ref(<source>:<id>)`, `<id>=missing`, or `<id>=OAuth (<owner>)` ({@link profileOwnerText}), followed
 * by the unusable suffix. Secrets appear only in OpenClaw's mask.
 */
export function profileOverviewLabel(
  profile: MergedAuthProfile,
  usage: UsageStatsEntry | undefined,
  now: number,
  configProfile?: Pick<ConfigAuthProfile, "displayName" | "email">,
): string {
  const { credential, profileId } = profile;
  let body: string;
  switch (credential.type) {
    case "api_key":
      body = secretLabel(credential.key, credential.keyRef);
      break;
    case "token":
      body = `token:${secretLabel(credential.token, credential.tokenRef)}`;
      break;
    case "oauth": {
      const owner = profileOwnerText(credential, configProfile);
      body = owner === null ? "OAuth" : `OAuth (${owner})`;
      break;
    }
  }
  return `${profileId}=${body}${unusableSuffix(credential.provider, usage, now)}`;
}
