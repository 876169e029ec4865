import { formatRemainingShort } from "../auth-usage/format-remaining";
import { activeUnusableWindow, isCooldownBypassedForProvider } from "../auth-usage/usage-windows";
import type { SecretRef } from "../openclaw-config/openclaw-config.schema";
import type { UsageStatsEntry } from "./auth-store.schema";
import type { MergedAuthProfile } from "./auth-store-merge";
import { maskSecret } from "./secret-mask";

function refLabel(ref: SecretRef): string {
  return `ref(${ref.source}:${ref.id})`;
}

function secretLabel(value: string | undefined, ref: SecretRef | undefined): string {
  if (value) return maskSecret(value);
  return ref ? refLabel(ref) : "missing";
}

/**
 * ` [cooldown 5m]` or ` [disabled:billing 5h]` while the profile is unusable at `now`, else empty
 * (facts §1.3); bypass providers never show one.
 */
export function unusableSuffix(provider: string, usage: UsageStatsEntry | undefined, now: number): string {
  if (isCooldownBypassedForProvider(provider)) return "";
  const window = activeUnusableWindow(usage, now);
  if (window === null) return "";
  const remaining = formatRemainingShort(window.until - now);
  if (window.kind === "cooldown") return ` [cooldown ${remaining}]`;
  return window.reason === undefined
    ? ` [disabled ${remaining}]`
    : ` [disabled:${window.reason} ${remaining}]`;
}

/**
 * A profile as the provider overview lists it (facts §1.3): `<id>=<masked key>`, `<id>=token:<masked>`,
 * `<id>=ref(<source>:<id>)`, `<id>=missing`, or `<id>=OAuth (<email or display name>)`, followed by the
 * unusable suffix. Secrets appear only in OpenClaw's mask.
 */
export function profileOverviewLabel(
  profile: MergedAuthProfile,
  usage: UsageStatsEntry | undefined,
  now: number,
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
      const who = credential.email ?? credential.displayName;
      body = who ? `OAuth (${who})` : "OAuth";
      break;
    }
  }
  return `${profileId}=${body}${unusableSuffix(credential.provider, usage, now)}`;
}
