import type { AuthProfileType } from "../auth-profiles/auth-store.schema";
import type { MergedAuthProfile, MergedAuthStore } from "../auth-profiles/auth-store-merge";
import {
  type EnvValues,
  type IneligibleReason,
  findEligibilityProblem,
  isValidExpires,
} from "../auth-profiles/profile-eligibility";
import { activeUnusableWindow, isCooldownBypassedForProvider } from "../auth-usage/usage-windows";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";

/** Where the base list of an auth order came from (facts §2.4 step 1), strongest first. */
export type AuthOrderSource = "stored-order" | "config-order" | "config-profiles" | "store";

export type ExcludedProfile = { profileId: string; reason: IneligibleReason | "excluded_by_auth_order" };

export type ResolvedAuthOrder = {
  provider: string;
  source: AuthOrderSource;
  /** True for a non-empty stored or config `auth.order` list, which keeps its order; false means round robin. */
  explicit: boolean;
  /** The stored or config `auth.order` list as written (even when repaired or empty); null when neither is set. */
  explicitList: readonly string[] | null;
  /** Eligible profile ids, usable first, then those in cooldown or disabled by soonest end. */
  profileIds: string[];
  /** Ids left out, with the reason (ineligible, or not listed in an explicit order). */
  excluded: ExcludedProfile[];
};

export type AuthOrderInput = {
  provider: string;
  store: MergedAuthStore;
  config: OpenClawConfig;
  now: number;
  /** Unused since SecretRefs count as configured without being resolved; kept so callers' inputs stay valid. */
  env?: EnvValues;
  /** A session pin or a user's `/model …@<profileId>`: moved to the front when eligible (step 4). */
  preferredProfileId?: string;
};

const TYPE_RANK: Record<AuthProfileType, number> = { oauth: 0, token: 1, api_key: 2 };

function storedIdsFor(provider: string, store: MergedAuthStore): string[] {
  return store.profiles
    .filter((profile) => profile.credential.provider === provider)
    .map((profile) => profile.profileId);
}

type BaseList = {
  ids: readonly string[];
  source: AuthOrderSource;
  /** Whether the stored order or config `auth.profiles` may be repaired by falling back to the store. */
  repairable: boolean;
};

function configProfileIdsFor(provider: string, config: OpenClawConfig): string[] {
  return Object.entries(config.auth?.profiles ?? {})
    .filter(([, profile]) => profile.provider.trim().toLowerCase() === provider)
    .map(([profileId]) => profileId);
}

function baseList(input: AuthOrderInput): BaseList {
  const { provider, store, config } = input;
  const configProfileIds = configProfileIdsFor(provider, config);
  const stored = store.order[provider];
  if (stored !== undefined) return { ids: stored, source: "stored-order", repairable: true };
  const configured = config.auth?.order?.[provider];
  if (configured !== undefined)
    return { ids: configured, source: "config-order", repairable: configProfileIds.length > 0 };
  if (configProfileIds.length > 0)
    return { ids: configProfileIds, source: "config-profiles", repairable: true };
  return { ids: storedIdsFor(provider, store), source: "store", repairable: false };
}

/** `resolveTokenExpiryState(expires) === "expired"`: a valid expiry that has passed (absent or invalid is not). */
function isExpiredOAuth(profile: MergedAuthProfile, now: number): boolean {
  const { credential } = profile;
  return (
    credential.type === "oauth" &&
    credential.expires !== undefined &&
    isValidExpires(credential.expires) &&
    credential.expires <= now
  );
}

/**
 * The order in which OpenClaw tries a provider's profiles (`resolveAuthProfileOrderWithMetadata`, facts §2.4):
 * 1. base list: the stored per-agent order beats config `auth.order`, then config `auth.profiles` ids, then
 *    every stored profile of the provider;
 * 2. ineligible profiles are dropped. When none is left because no listed id exists in the store, a stored
 *    order or config `auth.profiles` (not a bare config `auth.order`) falls back to every stored profile, in
 *    round robin;
 * 3. a non-empty explicit order keeps its sequence; otherwise round robin: OAuth < token < API key, OAuth with
 *    an expired access token after the others of its type, then least recently used first. Either way,
 *    profiles in cooldown or disabled go last, soonest-ending first (never for openrouter/kilocode);
 * 4. a preferred profile moves to the front.
 */
export function resolveAuthOrder(input: AuthOrderInput): ResolvedAuthOrder {
  const provider = input.provider.toLowerCase();
  const { store, config, now } = input;
  const base = baseList({ ...input, provider });
  let source = base.source;
  const checkEligibility = (profileId: string) => {
    const profile = store.byId.get(profileId);
    const reason = findEligibilityProblem({
      provider,
      credential: profile?.credential,
      configProfile: config.auth?.profiles?.[profileId],
      now,
    });
    return { profile, reason };
  };
  let candidateIds = base.ids;
  const repaired =
    base.repairable && base.ids.length > 0 && base.ids.every((profileId) => !store.byId.has(profileId));
  if (repaired) {
    candidateIds = storedIdsFor(provider, store);
    source = "store";
  }
  const explicit =
    !repaired && (source === "stored-order" || source === "config-order") && base.ids.length > 0;
  const excluded: ExcludedProfile[] = [];
  const eligible: MergedAuthProfile[] = [];
  for (const profileId of new Set(candidateIds)) {
    const { profile, reason } = checkEligibility(profileId);
    if (reason !== null || !profile) excluded.push({ profileId, reason: reason ?? "profile_missing" });
    else eligible.push(profile);
  }
  if (!repaired && (source === "stored-order" || source === "config-order")) {
    const listed = new Set(candidateIds);
    for (const profileId of storedIdsFor(provider, store)) {
      if (!listed.has(profileId)) excluded.push({ profileId, reason: "excluded_by_auth_order" });
    }
  }

  const bypass = isCooldownBypassedForProvider(provider);
  const windowEnd = (profile: MergedAuthProfile) =>
    bypass ? null : (activeUnusableWindow(store.usageStats[profile.profileId], now)?.until ?? null);
  const usable = eligible.filter((profile) => windowEnd(profile) === null);
  const unusable = eligible
    .filter((profile) => windowEnd(profile) !== null)
    .sort((left, right) => (windowEnd(left) ?? 0) - (windowEnd(right) ?? 0));
  if (!explicit) {
    const lastUsed = (profile: MergedAuthProfile) => store.usageStats[profile.profileId]?.lastUsed ?? 0;
    usable.sort(
      (left, right) =>
        TYPE_RANK[left.credential.type] - TYPE_RANK[right.credential.type] ||
        Number(isExpiredOAuth(left, now)) - Number(isExpiredOAuth(right, now)) ||
        lastUsed(left) - lastUsed(right),
    );
  }
  const profileIds = [...usable, ...unusable].map((profile) => profile.profileId);
  const preferred = input.preferredProfileId;
  if (preferred !== undefined && profileIds.includes(preferred)) {
    profileIds.splice(profileIds.indexOf(preferred), 1);
    profileIds.unshift(preferred);
  }
  const listed = base.source === "stored-order" || base.source === "config-order" ? base.ids : null;
  return { provider, source, explicit, explicitList: listed, profileIds, excluded };
}
