/** Creating and deleting agents from the console, each audited with the gateway's statuses recomputed. */
import { DomainError } from "@clawfleet/core/domain-error";
import type { AgentDetail } from "@clawfleet/core/fleet/agent";
import type { AgentCreate } from "@clawfleet/core/fleet/agent-edit.schema";
import {
  type AgentDeletionImpact,
  countAgentDeletionImpact,
  deleteAgentAtVersion,
  insertAgent,
} from "@clawfleet/db/agent.repository";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { inTransaction } from "@clawfleet/db/client";
import { findGatewayById } from "@clawfleet/db/gateway.repository";
import { queueAgentCreation, queueAgentDeletion } from "../connector/host-changes";
import type { Caller, ServiceDeps, TeamScope } from "../service-context";
import { gatewayStatusInputsChanged } from "../statuses/stored-statuses";

function auditedAgent(agent: AgentDetail) {
  return { agentKey: agent.agentKey, name: agent.name, workspace: agent.workspace, model: agent.model };
}

/**
 * Adds an agent to a gateway. Adding one can change which agent is the default and what every agent's status
 * says about its peers, so the whole gateway's stored statuses are recomputed.
 */
export function createAgent(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  input: AgentCreate & { gatewayId: string },
): Promise<AgentDetail> {
  return inTransaction(db, async (tx) => {
    const gateway = await findGatewayById(tx, { teamId: caller.teamId, gatewayId: input.gatewayId });
    if (!gateway) throw new DomainError("NOT_FOUND", "Gateway not found.");
    const agent = await insertAgent(tx, { teamId: caller.teamId, ...input });
    await recordAuditEvent(tx, {
      ...caller,
      action: "agent.create",
      target: { type: "agent", id: agent.id },
      after: { ...auditedAgent(agent), gateway: gateway.name },
    });
    await queueAgentCreation({ tx, caller, now: now() }, agent);
    await gatewayStatusInputsChanged(tx, {
      teamId: caller.teamId,
      gatewayId: gateway.id,
      now: now().getTime(),
    });
    return agent;
  });
}

/** Deletes an agent seen at `expectedVersion`, with its own credential store, statuses and history. */
export function deleteAgent(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  input: { agentId: string; expectedVersion: number },
): Promise<AgentDetail> {
  return inTransaction(db, async (tx) => {
    const agent = await deleteAgentAtVersion(tx, { teamId: caller.teamId, ...input });
    await recordAuditEvent(tx, {
      ...caller,
      action: "agent.delete",
      target: { type: "agent", id: agent.id },
      before: { ...auditedAgent(agent), gateway: agent.gatewayName },
    });
    await queueAgentDeletion({ tx, caller, now: now() }, agent);
    await gatewayStatusInputsChanged(tx, {
      teamId: caller.teamId,
      gatewayId: agent.gatewayId,
      now: now().getTime(),
    });
    return agent;
  });
}

/** What deleting the agent would take with it: its own profiles, snapshots and re-auth links (counts only). */
export async function readAgentDeletionImpact(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { agentId }: { agentId: string },
): Promise<AgentDeletionImpact> {
  const impact = await countAgentDeletionImpact(db, { teamId, agentId });
  if (!impact) throw new DomainError("NOT_FOUND", "Agent not found.");
  return impact;
}
