import type { OpenClawState } from "../models-status/openclaw-state";

/** The key of a gateway's shared store. */
export const SHARED_STORE_KEY = "shared";

/** The key of one agent's own store: `agent:<agent id>` (agent ids never contain a colon). */
export function agentStoreKey(agentId: string): string {
  return `agent:${agentId}`;
}

/**
 * Which store an agent reads each profile's credential and each profile's usage entry from, by key. One
 * profile id in two agents' own stores names two credentials, and a usage entry in an agent's own store
 * shadows the shared one (facts §3.1), so facts about a credential or a window that are compared across
 * agents carry the store they come from.
 */
export type ProfileStoreKeys = {
  credentialStoreOf(profileId: string): string;
  usageStoreOf(profileId: string): string;
};

/**
 * The store keys for `agentId` (the agent actually inspected, also when `models status` ran without
 * `--agent`), following the merge rule: the agent's own store wins where it holds the id.
 */
export function profileStoreKeysOf(state: OpenClawState, agentId: string): ProfileStoreKeys {
  const own = state.agentStores[agentId];
  const ownKey = agentStoreKey(agentId);
  const ownProfiles = own?.credentials?.profiles ?? {};
  const ownUsage = own?.runtime?.usageStats ?? {};
  return {
    credentialStoreOf: (profileId) => (Object.hasOwn(ownProfiles, profileId) ? ownKey : SHARED_STORE_KEY),
    usageStoreOf: (profileId) => (Object.hasOwn(ownUsage, profileId) ? ownKey : SHARED_STORE_KEY),
  };
}
