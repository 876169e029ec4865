import type {
  AuthProfileCredential,
  AuthRuntimeState,
  AuthStoreDocuments,
  UsageStatsEntry,
} from "./auth-store.schema";

/** Which store a profile was read from. */
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

/**
 * Read-through inheritance (facts §3.1): an agent resolves profiles from the shared store, and its own
 * store (when it has one) is merged over it. Agent profile ids win, stored orders merge per provider
 * ({@link mergeOrders}), and `lastGood` and usage stats merge per key (agent wins) and keep only stored profiles.
 */
export function mergeAuthStores(
  shared: AuthStoreDocuments | null,
  agent: AuthStoreDocuments | null,
): MergedAuthStore {
  const byId = new Map<string, MergedAuthProfile>();
  for (const [profileId, credential] of Object.entries(agent?.credentials?.profiles ?? {})) {
    byId.set(profileId, { profileId, credential, owner: "agent" });
  }
  for (const [profileId, credential] of Object.entries(shared?.credentials?.profiles ?? {})) {
    if (!byId.has(profileId)) byId.set(profileId, { profileId, credential, owner: "shared" });
  }
  return {
    profiles: [...byId.values()],
    byId,
    ...overlayRuntime(
      runtimeStateOf(shared),
      runtimeStateOf(agent),
      agent?.credentials?.profiles ?? {},
      (profileId) => byId.has(profileId),
    ),
  };
}
