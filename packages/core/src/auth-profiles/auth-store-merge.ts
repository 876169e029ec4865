import type {
  AuthProfileCredential,
  AuthRuntimeState,
  AuthStoreDocuments,
  UsageStatsEntry,
} from "./auth-store.schema";
import {
  findMainStoreOAuthReplacement,
  isLegacyDefaultOAuthProfile,
  isNewerUsableOAuthCredential,
  sameProviderOAuthProfiles,
} from "./main-store-oauth-drift";
import { OAUTH_REFRESH_MARGIN_MS } from "./profile-health";

/**
 * Which store holds the profile id: the agent's own, or only the shared one. An agent's legacy OAuth login
 * replaced by the shared store's keeps its owner, because OpenClaw tells where a provider's profiles come from
 * by the ids the agent's store holds (`resolveProfileSourceAgentDir`).
 */
export type ProfileOwner = "agent" | "shared";

export type MergedAuthProfile = { profileId: string; credential: AuthProfileCredential; owner: ProfileOwner };

/** What one agent sees: its own store read over the shared one. */
export type MergedAuthStore = {
  /** Agent profiles first (in their store order), then shared profiles the agent does not override. */
  profiles: readonly MergedAuthProfile[];
  byId: ReadonlyMap<string, MergedAuthProfile>;
  order: Readonly<Record<string, readonly string[]>>;
  lastGood: Readonly<Record<string, string>>;
  usageStats: Readonly<Record<string, UsageStatsEntry>>;
  /**
   * Instants at which the merge itself would come out differently by the clock alone: where an OAuth login the
   * legacy-login repair weighed stops being usable ({@link reconcileLegacyDefaultOAuth}). The merged profiles
   * may no longer hold those logins, so what is derived from them cannot see these instants.
   */
  clockInstants: readonly number[];
};

function overlay<T>(
  under: Record<string, T> | undefined,
  over: Record<string, T> | undefined,
): Record<string, T> {
  return { ...under, ...over };
}

/** Usage rows of inline `models.providers` keys, which no store holds but OpenClaw keeps (facts §2.2). */
const INLINE_API_KEY_USAGE_PREFIX = "inline-api-key:";

function keepEntries<T>(
  record: Record<string, T>,
  keep: (key: string, value: T) => boolean,
): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key, value]) => keep(key, value)));
}

const providerKey = (provider: string) => provider.trim().toLowerCase();

/**
 * Stored orders as one agent sees them (`mergeProfileOrderWithOverridePrecedence`): per provider key, the
 * agent's order wins; for a provider the agent holds profiles of but has no order for, the shared order
 * still applies with the agent's own profiles of that provider put first (lab capture gen-2-039). Keys are
 * matched case-insensitively and one key is kept per provider.
 */
function mergeOrders(
  shared: Record<string, string[]> | undefined,
  agent: Record<string, string[]> | undefined,
  agentProfiles: Readonly<Record<string, AuthProfileCredential>>,
): Record<string, string[]> {
  if (shared === undefined && agent === undefined) return {};
  const merged = overlay(shared, agent);
  const keyIn = (order: Record<string, string[]> | undefined, provider: string) =>
    Object.keys(order ?? {}).find((key) => providerKey(key) === provider);
  const agentIdsByProvider = new Map<string, string[]>();
  for (const [profileId, credential] of Object.entries(agentProfiles)) {
    const provider = providerKey(credential.provider);
    agentIdsByProvider.set(provider, [...(agentIdsByProvider.get(provider) ?? []), profileId]);
  }
  for (const [provider, agentIds] of agentIdsByProvider) {
    const sharedKey = keyIn(shared, provider);
    const agentKey = keyIn(agent, provider);
    const mergedKey = agentKey ?? sharedKey;
    if (mergedKey === undefined) continue;
    for (const key of Object.keys(merged))
      if (key !== mergedKey && providerKey(key) === provider) delete merged[key];
    const ids =
      agentKey !== undefined
        ? (agent?.[agentKey] ?? [])
        : [
            ...agentIds,
            ...(sharedKey === undefined ? [] : (shared?.[sharedKey] ?? [])),
            ...(merged[mergedKey] ?? []),
          ];
    merged[mergedKey] = [...new Set(ids)];
  }
  return merged;
}

/**
 * The runtime state one agent sees (`mergeAuthProfileStores`): orders merge as {@link mergeOrders} says,
 * `lastGood` and usage rows overlay per key (agent wins), then `lastGood` entries and usage rows that name no
 * stored profile are dropped (usage rows of inline keys stay). So a cooldown recorded for a removed or renamed
 * profile never shows as unusable (lab capture auth-usage-orphan-ids).
 */
function overlayRuntime(
  shared: AuthRuntimeState | null,
  agent: AuthRuntimeState | null,
  agentProfiles: Readonly<Record<string, AuthProfileCredential>>,
  isStored: (profileId: string) => boolean,
) {
  return {
    order: mergeOrders(shared?.order, agent?.order, agentProfiles),
    lastGood: keepEntries(overlay(shared?.lastGood, agent?.lastGood), (_provider, profileId) =>
      isStored(profileId),
    ),
    usageStats: keepEntries(
      overlay(shared?.usageStats, agent?.usageStats),
      (profileId) => isStored(profileId) || profileId.startsWith(INLINE_API_KEY_USAGE_PREFIX),
    ),
  };
}

/**
 * A store's runtime state, which OpenClaw reads only along with its credentials document
 * (`mergePersistedAuthProfileState`): without one there is no store, so its state counts for nothing (lab
 * captures gen-1-042, gen-1-056: an agent's cooldowns and `lastUsed` with no credentials of its own).
 */
function runtimeStateOf(documents: AuthStoreDocuments | null): AuthRuntimeState | null {
  return documents?.credentials ? documents.runtime : null;
}

type MergedParts = {
  byId: Map<string, MergedAuthProfile>;
  order: Record<string, string[]>;
  lastGood: Record<string, string>;
  usageStats: Record<string, UsageStatsEntry>;
};

/**
 * OpenClaw's last merge step (`reconcileMainStoreOAuthProfileDrift` then `replaceMergedProfileReferences`): each
 * agent OAuth login under its provider's legacy `<provider>:default` id that has a shared replacement
 * ({@link findMainStoreOAuthReplacement}) gives way to it. The legacy id then shows the shared store's profile of
 * that id, or disappears; the replacement shows the shared credential unless the agent's own copy of that id is
 * at least as fresh; orders and `lastGood` name the replacement instead (each order keeping one of each id); the
 * legacy id's usage row becomes the shared store's, or goes (lab capture gen-6-010). Returns the instants at
 * which usability, and so the outcome, can change.
 */
function reconcileLegacyDefaultOAuth(
  merged: MergedParts,
  sharedProfiles: Readonly<Record<string, AuthProfileCredential>>,
  sharedUsage: Readonly<Record<string, UsageStatsEntry>>,
  agentProfiles: Readonly<Record<string, AuthProfileCredential>>,
  now: number,
): number[] {
  const replacements = new Map<string, string>();
  const weighed: AuthProfileCredential[] = [];
  for (const [profileId, credential] of Object.entries(agentProfiles)) {
    if (credential.type !== "oauth" || !isLegacyDefaultOAuthProfile(profileId, credential)) continue;
    const candidates = sameProviderOAuthProfiles(profileId, credential, sharedProfiles);
    weighed.push(credential, ...candidates.map(([, candidate]) => candidate));
    for (const [candidateId] of candidates) {
      const own = agentProfiles[candidateId];
      if (own) weighed.push(own);
    }
    const replacement = findMainStoreOAuthReplacement(profileId, credential, sharedProfiles, now);
    if (replacement !== undefined) replacements.set(profileId, replacement);
  }

  const { byId } = merged;
  const showShared = (profileId: string, credential: AuthProfileCredential) => {
    const current = byId.get(profileId);
    // why: assigning an existing key keeps its place, as OpenClaw's object assignment does.
    byId.set(profileId, { profileId, credential, owner: current?.owner ?? "shared" });
  };
  for (const [legacyId, replacementId] of replacements) {
    const sharedLegacy = sharedProfiles[legacyId];
    if (sharedLegacy) showShared(legacyId, sharedLegacy);
    else byId.delete(legacyId);
    const sharedReplacement = sharedProfiles[replacementId];
    const shown = byId.get(replacementId)?.credential;
    if (
      sharedReplacement &&
      (!shown ||
        (shown.type === "oauth" &&
          sharedReplacement.type === "oauth" &&
          isNewerUsableOAuthCredential(shown, sharedReplacement, now)))
    )
      showShared(replacementId, sharedReplacement);
  }
  if (replacements.size > 0) {
    const renamed = (profileId: string) => replacements.get(profileId) ?? profileId;
    for (const [provider, ids] of Object.entries(merged.order))
      merged.order[provider] = [...new Set(ids.map(renamed))];
    for (const [provider, profileId] of Object.entries(merged.lastGood))
      merged.lastGood[provider] = renamed(profileId);
    for (const legacyId of replacements.keys()) {
      const sharedRow = sharedUsage[legacyId];
      if (sharedRow) merged.usageStats[legacyId] = sharedRow;
      else delete merged.usageStats[legacyId];
    }
  }

  return weighed.flatMap((credential) =>
    credential.type === "oauth" &&
    typeof credential.expires === "number" &&
    Number.isFinite(credential.expires)
      ? [credential.expires - OAUTH_REFRESH_MARGIN_MS]
      : [],
  );
}

/**
 * Read-through inheritance (facts §3.1): an agent resolves profiles from the shared store, and its own
 * store (when it has one) is merged over it. Agent profile ids win, stored orders merge per provider
 * ({@link mergeOrders}), and `lastGood` and usage stats merge per key (agent wins) and keep only stored profiles.
 * Last, an agent's stale legacy OAuth login gives way to the shared store's ({@link reconcileLegacyDefaultOAuth}),
 * which depends on which logins are usable at `now`.
 */
export function mergeAuthStores(
  shared: AuthStoreDocuments | null,
  agent: AuthStoreDocuments | null,
  now: number,
): MergedAuthStore {
  const agentProfiles = agent?.credentials?.profiles ?? {};
  const sharedProfiles = shared?.credentials?.profiles ?? {};
  const byId = new Map<string, MergedAuthProfile>();
  for (const [profileId, credential] of Object.entries(agentProfiles)) {
    byId.set(profileId, { profileId, credential, owner: "agent" });
  }
  for (const [profileId, credential] of Object.entries(sharedProfiles)) {
    if (!byId.has(profileId)) byId.set(profileId, { profileId, credential, owner: "shared" });
  }
  const sharedRuntime = runtimeStateOf(shared);
  const merged: MergedParts = {
    byId,
    ...overlayRuntime(sharedRuntime, runtimeStateOf(agent), agentProfiles, (profileId) =>
      byId.has(profileId),
    ),
  };
  const clockInstants = reconcileLegacyDefaultOAuth(
    merged,
    sharedProfiles,
    sharedRuntime?.usageStats ?? {},
    agentProfiles,
    now,
  );
  return { ...merged, profiles: [...byId.values()], clockInstants };
}
