import type { AuditAction } from "@clawfleet/core/audit/audit-event";
import { DomainError } from "@clawfleet/core/domain-error";
import type { AgentDetail } from "@clawfleet/core/fleet/agent";
import { type BulkEditOutcome, bulkEditChanges, planBulkEdit } from "@clawfleet/core/fleet/bulk-edit";
import type { BulkEditAction, BulkEditItem } from "@clawfleet/core/fleet/bulk-edit.schema";
import { findAgentById } from "@clawfleet/db/agent.repository";
import { editAgent } from "../agents/edit-agent";
import type { Caller, ServiceDeps, TeamScope } from "../service-context";

export const NONE_FOUND = "None of the selected agents was found in this team.";

/** Agents read concurrently per batch: enough to load 1,000 quickly, few enough to leave the pool room. */
const READ_BATCH = 20;

const AUDIT_ACTION_OF: Record<BulkEditAction["kind"], AuditAction> = {
  model: "agent.update_model",
  params: "agent.update_params",
};

/** The team's agents among `agentIds`, in that order; ids of other teams or of nothing are left out. */
async function loadTeamAgents(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  agentIds: readonly string[],
): Promise<AgentDetail[]> {
  const agents: AgentDetail[] = [];
  for (let start = 0; start < agentIds.length; start += READ_BATCH) {
    const batch = await Promise.all(
      agentIds.slice(start, start + READ_BATCH).map((agentId) => findAgentById(db, { teamId, agentId })),
    );
    for (const agent of batch) if (agent) agents.push(agent);
  }
  return agents;
}

/**
 * The preview of a bulk edit: every selected agent of the caller's team with its current and new value and
 * the version seen, which the apply sends back. Ids the team does not have are only counted (NOT_FOUND when
 * that is every one of them).
 */
export async function previewBulkEdit(
  deps: Pick<ServiceDeps, "db">,
  scope: TeamScope,
  { agentIds, action }: { agentIds: readonly string[]; action: BulkEditAction },
) {
  const agents = await loadTeamAgents(deps, scope, agentIds);
  if (agents.length === 0) throw new DomainError("NOT_FOUND", NONE_FOUND);
  return { ...planBulkEdit(agents, action), notFoundCount: agentIds.length - agents.length };
}

/**
 * Applies the action to one agent through the editor's own path ({@link editAgent}): its own transaction,
 * version check and audit event, so one agent's conflict or failure leaves the others to be done. An agent
 * the team does not have fails alone.
 */
export async function applyBulkEditToAgent(
  deps: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  item: BulkEditItem,
  action: BulkEditAction,
): Promise<BulkEditOutcome> {
  try {
    const { outcome, agent } = await editAgent(
      deps,
      caller,
      item,
      AUDIT_ACTION_OF[action.kind],
      (current) => bulkEditChanges(current, action),
      { statusRefresh: "queued" },
    );
    return { agentId: item.agentId, status: outcome, version: agent.version };
  } catch (error) {
    if (error instanceof DomainError && error.code === "CONFLICT")
      return { agentId: item.agentId, status: "conflict", message: error.message };
    if (error instanceof DomainError)
      return { agentId: item.agentId, status: "failed", message: error.message };
    // why: driver errors echo their arguments; log the kind only, and give the request id to quote.
    console.error(
      `[clawfleet] bulk edit of one agent failed (request ${caller.requestId}): ${String((error as Error | undefined)?.name)}`,
    );
    return {
      agentId: item.agentId,
      status: "failed",
      message: `Something went wrong on the server. Quote request id ${caller.requestId} when reporting it.`,
    };
  }
}
