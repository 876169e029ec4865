/** Renaming a profile or moving it between a gateway's shared store and an agent's own store. */
import {
  profileRelocationProblem,
  storedOrdersFollowingRelocation,
} from "@clawfleet/core/auth-profiles/profile-relocation";
import { DomainError } from "@clawfleet/core/domain-error";
import type { AuthProfileSummary } from "@clawfleet/core/fleet/auth-profile";
import { findAgentById } from "@clawfleet/db/agent.repository";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import {
  findAuthProfileSummary,
  findOrCreateAgentStore,
  findOrCreateSharedStore,
  listGatewayStoredOrders,
  listProfilePushTargets,
  relocateAuthProfileAtVersion,
  writeStoredOrders,
} from "@clawfleet/db/auth-profile.repository";
import { inTransaction } from "@clawfleet/db/client";
import { listConfigNamedProfileIds } from "@clawfleet/db/gateway.repository";
import { queueAgentAuthOrder, queueCredentialPush, queueProfileRemoval } from "../connector/host-changes";
import type { Caller, ServiceDeps } from "../service-context";
import { gatewayStatusInputsChanged } from "../statuses/stored-statuses";

/**
 * Gives an API-key or setup-token profile, seen at `expectedVersion`, a new id and/or store on its gateway (core
 * `profileRelocationProblem` says what is refused). A rename follows the id into the stored orders that reach the
 * profile both where it was and where it goes (core `storedOrdersFollowingRelocation`); the host gets the credential pushed to its new place, then the old entry removed, and the agents' renamed orders.
 */
export function relocateAuthProfile(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  input: { authProfileId: string; expectedVersion: number; profileId: string; agentId: string | null },
): Promise<AuthProfileSummary> {
  const { teamId } = caller;
  return inTransaction(db, async (tx) => {
    const before = await findAuthProfileSummary(tx, { teamId, authProfileId: input.authProfileId });
    const [from] = await listProfilePushTargets(tx, { teamId, authProfileIds: [input.authProfileId] });
    if (!before || !from) throw new DomainError("NOT_FOUND", "Auth profile not found.");
    if (before.version !== input.expectedVersion)
      throw new DomainError(
        "CONFLICT",
        `This profile changed since you loaded it (version ${input.expectedVersion}, now ${before.version}). Reload and decide again.`,
      );
    const destinationAgent = input.agentId
      ? await findAgentById(tx, { teamId, agentId: input.agentId })
      : null;
    if (input.agentId && destinationAgent?.gatewayId !== from.gatewayId)
      throw new DomainError("NOT_FOUND", "Agent not found on this profile's gateway.", "agentId");
    const fromPlacement = {
      profileId: before.profileId,
      storeAgentId: before.owner.kind === "agent" ? before.owner.agentId : null,
    };
    const toPlacement = { profileId: input.profileId, storeAgentId: destinationAgent?.id ?? null };
    const problem = profileRelocationProblem({
      type: before.type,
      from: fromPlacement,
      to: toPlacement,
      namedInConfig: (await listConfigNamedProfileIds(tx, { teamId, gatewayId: from.gatewayId })).includes(
        before.profileId,
      ),
    });
    if (problem) throw new DomainError("INVALID_INPUT", problem, "profileId");

    // why: read before the move, so each store's profile ids are those its orders were written against.
    const ordersToRename = storedOrdersFollowingRelocation(
      await listGatewayStoredOrders(tx, { teamId, gatewayId: from.gatewayId }),
      fromPlacement,
      toPlacement,
    );
    const store = destinationAgent
      ? await findOrCreateAgentStore(tx, { teamId, gatewayId: from.gatewayId, agentId: destinationAgent.id })
      : await findOrCreateSharedStore(tx, { teamId, gatewayId: from.gatewayId });
    const moved = await relocateAuthProfileAtVersion(tx, {
      teamId,
      authProfileId: before.id,
      expectedVersion: input.expectedVersion,
      storeId: store.id,
      profileId: input.profileId,
    });
    if (!moved)
      throw new DomainError("CONFLICT", "This profile changed since you loaded it. Reload and decide again.");

    const change = { tx, caller, now: now() };
    const renamedOrders: { agentId: string | null; provider: string; profileIds: string[] }[] = [];
    for (const renamed of ordersToRename) {
      await writeStoredOrders(tx, { teamId, storeId: renamed.storeId, order: renamed.order });
      for (const [provider, profileIds] of Object.entries(renamed.order))
        if (profileIds.includes(input.profileId))
          renamedOrders.push({ agentId: renamed.agentId, provider, profileIds });
    }
    const after = await findAuthProfileSummary(tx, { teamId, authProfileId: before.id });
    if (!after) throw new DomainError("NOT_FOUND", "Auth profile not found.");
    await recordAuditEvent(tx, {
      teamId,
      actor: caller.actor,
      action: "auth_profile.relocate",
      target: { type: "auth_profile", id: after.id },
      before: { profileId: before.profileId, store: from.storeAgentKey ?? "shared", version: before.version },
      after: {
        profileId: after.profileId,
        store: destinationAgent?.agentKey ?? "shared",
        version: after.version,
        renamedInOrders: renamedOrders.length,
      },
      requestId: caller.requestId,
    });
    if (after.type === "api_key" || after.type === "token") {
      await queueCredentialPush(change, {
        gatewayId: from.gatewayId,
        authProfileId: after.id,
        profileId: after.profileId,
        provider: after.provider,
        type: after.type,
        storeAgentKey: destinationAgent?.agentKey ?? null,
        expiresAt: after.expires,
      });
    }
    await queueProfileRemoval(change, from);
    for (const order of renamedOrders) {
      if (!order.agentId) continue;
      const agent = await findAgentById(tx, { teamId, agentId: order.agentId });
      if (agent)
        await queueAgentAuthOrder(change, { agent, provider: order.provider, profileIds: order.profileIds });
    }
    await gatewayStatusInputsChanged(tx, { teamId, gatewayId: from.gatewayId, now: now().getTime() });
    return after;
  });
}
