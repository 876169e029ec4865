import type { AuthProfileType } from "../fleet/auth-profile";
import { profileIdProblem } from "./openclaw-ids";

/** Where a profile is and where an admin asks to put it: its id and its store (null for the shared one). */
export type ProfilePlacement = { profileId: string; storeAgentId: string | null };

/**
 * Why a profile cannot be renamed or moved as asked, or null. A move or a rename reaches the host as a push of the
 * credential under its new place and a removal of the old one, so:
 * - an OAuth sign-in cannot go (the console does not push OAuth tokens; sign in again in the new place);
 * - the provider stays (`anthropic:a` → `anthropic:b`, never `openai:b`), and the new id follows OpenClaw's rule;
 * - a rename of an id the gateway's config names (`auth.profiles`, `auth.order`) is refused, since the config would
 *   then name a profile that no longer exists: change the auth order first;
 * - asking for the place it already has changes nothing, which is refused rather than recorded.
 */
export function profileRelocationProblem({
  type,
  from,
  to,
  namedInConfig,
}: {
  type: AuthProfileType;
  from: ProfilePlacement;
  to: ProfilePlacement;
  namedInConfig: boolean;
}): string | null {
  if (from.profileId === to.profileId && from.storeAgentId === to.storeAgentId)
    return "The profile is already there: choose another name or another store.";
  if (type === "oauth")
    return "An OAuth sign-in cannot be moved or renamed from the console (its tokens are never pushed to a host); sign in again in the new place, then remove this one.";
  const idProblem = profileIdProblem(to.profileId);
  if (idProblem) return idProblem;
  const provider = (id: string) => id.slice(0, id.indexOf(":")).toLowerCase();
  if (provider(to.profileId) !== provider(from.profileId))
    return `A renamed profile keeps its provider (${provider(from.profileId)}:…); add a new profile for another provider.`;
  if (to.profileId !== from.profileId && namedInConfig)
    return `${from.profileId} is named in the gateway's config (auth.profiles or auth.order); change the auth order there first, then rename it.`;
  return null;
}

/**
 * Stored orders (`state.order`, provider → ids) with `from` renamed to `to`; null when no list names `from`, so the
 * caller writes only the stores that change.
 */
export function renameInStoredOrders(
  orders: Readonly<Record<string, readonly string[]>>,
  from: string,
  to: string,
): Record<string, string[]> | null {
  let changed = false;
  const renamed: Record<string, string[]> = {};
  for (const [provider, ids] of Object.entries(orders)) {
    renamed[provider] = ids.map((id) => {
      if (id !== from) return id;
      changed = true;
      return to;
    });
  }
  return changed ? renamed : null;
}

/** One credential store of a gateway: its agent (null for the shared store), the profile ids it holds, its orders. */
export type StoreWithOrders = {
  storeId: string;
  agentId: string | null;
  profileIds: readonly string[];
  order: Readonly<Record<string, readonly string[]>>;
};

/**
 * Whether the orders of the store of `agentId` (null: the shared store) name the profile at `placement` when they
 * name its id. As OpenClaw merges stores, an agent's own profile shadows a shared one with the same id, so an agent
 * reaches its own profiles and the shared ones it does not shadow; the shared store reaches only its own.
 */
function ordersReach(
  agentId: string | null,
  ownProfileIds: ReadonlySet<string>,
  placement: ProfilePlacement,
) {
  if (placement.storeAgentId !== null) return agentId === placement.storeAgentId;
  return agentId === null || !ownProfileIds.has(placement.profileId);
}

/**
 * The stores whose stored orders a relocation renames, each with its renamed orders. A rename follows the profile
 * into the orders that meant it where it was and still reach it where it goes: another agent's order that named
 * an id of its own store, or a shared profile the profile now leaves behind, is not theirs to change.
 */
export function storedOrdersFollowingRelocation(
  stores: readonly StoreWithOrders[],
  from: ProfilePlacement,
  to: ProfilePlacement,
): { storeId: string; agentId: string | null; order: Record<string, string[]> }[] {
  if (from.profileId === to.profileId) return [];
  return stores.flatMap(({ storeId, agentId, profileIds, order }) => {
    const ownProfileIds = new Set(
      agentId === from.storeAgentId ? profileIds.filter((id) => id !== from.profileId) : profileIds,
    );
    if (!ordersReach(agentId, ownProfileIds, from) || !ordersReach(agentId, ownProfileIds, to)) return [];
    const renamed = renameInStoredOrders(order, from.profileId, to.profileId);
    return renamed ? [{ storeId, agentId, order: renamed }] : [];
  });
}
