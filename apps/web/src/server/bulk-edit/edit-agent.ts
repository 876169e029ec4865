import "server-only";
import type { AuditAction } from "@clawfleet/core/audit/audit-event";
import { DomainError } from "@clawfleet/core/domain-error";
import type { AgentDetail } from "@clawfleet/core/fleet/agent";
import { type AgentChanges, findAgentById, updateAgent } from "@clawfleet/db/agent.repository";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { inTransaction } from "@clawfleet/db/client";
import type { Context, TeamContext } from "../api/context";

/** The audited fields of an agent: what the trail shows before and after an edit. */
function auditView(agent: AgentDetail) {
  return {
    name: agent.name,
    tags: agent.tags,
    model: agent.model,
    models: agent.models,
    params: agent.params,
    version: agent.version,
  };
}

export type AgentEditResult = { outcome: "updated" | "unchanged"; agent: AgentDetail };

/**
 * One versioned agent edit and its audit event, in one transaction: the agent editor's saves and each
 * agent of a bulk edit go through here. `changesFor` derives the changes from the current agent; when it
 * returns null (the agent already has the value) nothing is written, but a stale `expectedVersion` is
 * still a CONFLICT, so a change made since the preview is never silently passed over.
 */
export function editAgent(
  ctx: Pick<Context, "db" | "requestId"> & TeamContext,
  input: { agentId: string; expectedVersion: number },
  action: AuditAction,
  changesFor: (current: AgentDetail) => AgentChanges | null,
): Promise<AgentEditResult> {
  return inTransaction(ctx.db, async (tx) => {
    const current = await findAgentById(tx, { teamId: ctx.team.id, agentId: input.agentId });
    if (!current) throw new DomainError("NOT_FOUND", "Agent not found.");
    const changes = changesFor(current);
    if (changes === null) {
      if (current.version !== input.expectedVersion) {
        throw new DomainError(
          "CONFLICT",
          `Someone else changed this agent since you loaded it (you saw version ${input.expectedVersion}, it is now version ${current.version}). Reload to see their change, then reapply yours.`,
        );
      }
      return { outcome: "unchanged", agent: current };
    }
    const { before, after } = await updateAgent(tx, {
      teamId: ctx.team.id,
      agentId: input.agentId,
      expectedVersion: input.expectedVersion,
      changes,
    });
    await recordAuditEvent(tx, {
      teamId: ctx.team.id,
      actor: { id: ctx.user.id, label: ctx.user.email },
      action,
      target: { type: "agent", id: after.id },
      before: auditView(before),
      after: auditView(after),
      requestId: ctx.requestId,
    });
    return { outcome: "updated", agent: after };
  });
}
