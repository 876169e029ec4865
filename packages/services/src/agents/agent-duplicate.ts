/** Duplicating an agent: a new id and name on the same gateway, with the source's model, params and orders. */
import { DomainError } from "@clawfleet/core/domain-error";
import { copyableStoredOrders } from "@clawfleet/core/fleet/agent-duplicate";
import type { AgentDetail } from "@clawfleet/core/fleet/agent";
import { findAgentById, insertAgent, updateAgent } from "@clawfleet/db/agent.repository";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import {
  findAgentStoredOrders,
  listProfilesVisibleToAgent,
  writeAgentStoredOrder,
} from "@clawfleet/db/auth-profile.repository";
import { inTransaction } from "@clawfleet/db/client";
import { queueAgentAuthOrder, queueAgentConfigChange, queueAgentCreation } from "../connector/host-changes";
import type { Caller, ServiceDeps } from "../service-context";
import { gatewayStatusInputsChanged } from "../statuses/stored-statuses";

export type AgentDuplicate = {
  agent: AgentDetail;
  /** Providers whose stored order named the source's own profiles and could not be kept. */
  droppedOrders: string[];
  /** Profiles in the source's own store, which the duplicate does not get (their secrets are not copied). */
  ownProfilesNotCopied: number;
};

/**
 * Creates `agentKey` on the source's gateway with the source (seen at `expectedVersion`) as its template: its model,
 * per-model map, params, tags and the stored auth orders that still hold over the shared store (core
 * `copyableStoredOrders`). Its own credential store is not copied, so no secret is duplicated; the workspace is left
 * to OpenClaw's default, since two agents must not share one. Audited as a creation naming the source.
 */
export function duplicateAgent(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  input: { agentId: string; expectedVersion: number; agentKey: string; name: string },
): Promise<AgentDuplicate> {
  const { teamId } = caller;
  return inTransaction(db, async (tx) => {
    const source = await findAgentById(tx, { teamId, agentId: input.agentId });
    if (!source) throw new DomainError("NOT_FOUND", "Agent not found.");
    if (source.version !== input.expectedVersion)
      throw new DomainError(
        "CONFLICT",
        `Someone else changed ${source.name} (you saw version ${input.expectedVersion}, it is now version ${source.version}). Reload, then duplicate again.`,
      );
    const created = await insertAgent(tx, {
      teamId,
      gatewayId: source.gatewayId,
      agentKey: input.agentKey,
      name: input.name,
      workspace: null,
      model: null,
    });
    const { after: agent } = await updateAgent(tx, {
      teamId,
      agentId: created.id,
      expectedVersion: created.version,
      changes: { model: source.model, models: source.models, params: source.params, tags: source.tags },
    });
    const sourceProfiles = await listProfilesVisibleToAgent(tx, { teamId, agentId: source.id });
    const shared = sourceProfiles.filter((profile) => profile.owner.kind === "shared");
    const { copied, dropped } = copyableStoredOrders(
      await findAgentStoredOrders(tx, { teamId, agentId: source.id }),
      shared,
    );
    for (const [provider, profileIds] of Object.entries(copied))
      await writeAgentStoredOrder(tx, {
        teamId,
        gatewayId: agent.gatewayId,
        agentId: agent.id,
        provider,
        profileIds,
      });

    await recordAuditEvent(tx, {
      ...caller,
      action: "agent.create",
      target: { type: "agent", id: agent.id },
      after: {
        agentKey: agent.agentKey,
        name: agent.name,
        gateway: agent.gatewayName,
        duplicatedFrom: { id: source.id, agentKey: source.agentKey },
        model: agent.model,
        orders: copied,
      },
    });
    const change = { tx, caller, now: now() };
    await queueAgentCreation(change, created);
    await queueAgentConfigChange(change, { before: created, after: agent });
    for (const [provider, profileIds] of Object.entries(copied))
      await queueAgentAuthOrder(change, { agent, provider, profileIds });
    await gatewayStatusInputsChanged(tx, { teamId, gatewayId: agent.gatewayId, now: now().getTime() });
    return {
      agent,
      droppedOrders: dropped,
      ownProfilesNotCopied: sourceProfiles.length - shared.length,
    };
  });
}
