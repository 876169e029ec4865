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

function overlayRuntime(shared: AuthRuntimeState | null, agent: AuthRuntimeState | null) {
  return {
    order: overlay(shared?.order, agent?.order),
    lastGood: overlay(shared?.lastGood, agent?.lastGood),
    usageStats: overlay(shared?.usageStats, agent?.usageStats),
  };
}

/**
 * Read-through inheritance (facts §3.1): an agent resolves profiles from the shared store, and its own
 * store (when it has one) is merged over it. Agent profile ids win, stored orders merge per provider
 * (agent wins), and usage stats merge per profile id (agent wins).
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
    ...overlayRuntime(shared?.runtime ?? null, agent?.runtime ?? null),
  };
}
