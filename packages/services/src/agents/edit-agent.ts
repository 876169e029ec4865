import type { AuditAction } from "@clawfleet/core/audit/audit-event";
import { DomainError } from "@clawfleet/core/domain-error";
import type { AgentDetail } from "@clawfleet/core/fleet/agent";
import type { AgentEdit } from "@clawfleet/core/fleet/agent-edit.schema";
import {
  type AgentModelChoice,
  type AgentParamsEdit,
  agentModelConfigOf,
} from "@clawfleet/core/fleet/agent-model-edit.schema";
import { replaceParamsLayer } from "@clawfleet/core/fleet/bulk-edit";
import { type AgentChanges, findAgentById, updateAgent } from "@clawfleet/db/agent.repository";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { inTransaction } from "@clawfleet/db/client";
import { queueAgentConfigChange } from "../connector/host-changes";
import type { Caller, ServiceDeps } from "../service-context";
import { agentStatusInputsChanged, refreshAgentStatuses } from "../statuses/stored-statuses";

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
 * still a CONFLICT, so a change made since the preview is never silently passed over. The agent's stored
 * status is recomputed in the same transaction, or (`statusRefresh: "queued"`, for bulk edits, which would
 * otherwise load the gateway once per agent) marked stale with its gateway's refresh queued.
 */
export function editAgent(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  input: { agentId: string; expectedVersion: number },
  action: AuditAction,
  changesFor: (current: AgentDetail) => AgentChanges | null,
  { statusRefresh = "now" }: { statusRefresh?: "now" | "queued" } = {},
): Promise<AgentEditResult> {
  return inTransaction(db, async (tx) => {
    const current = await findAgentById(tx, { teamId: caller.teamId, agentId: input.agentId });
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
      teamId: caller.teamId,
      agentId: input.agentId,
      expectedVersion: input.expectedVersion,
      changes,
    });
    await recordAuditEvent(tx, {
      ...caller,
      action,
      target: { type: "agent", id: after.id },
      before: auditView(before),
      after: auditView(after),
    });
    // why: the host's openclaw.json follows in the same transaction, so the change reaches the host exactly
    // when it is committed here (or stays in the console when the gateway has no connected agent).
    await queueAgentConfigChange({ tx, caller, now: now() }, { before, after });
    const scope = { teamId: caller.teamId, gatewayId: after.gatewayId, agentIds: [after.id] };
    if (statusRefresh === "now") await refreshAgentStatuses(tx, { ...scope, now: now().getTime() });
    else await agentStatusInputsChanged(tx, scope);
    return { outcome: "updated", agent: after };
  });
}

type VersionedAgent = { agentId: string; expectedVersion: number };

/** The editor's save of name and tags: always written (and audited), even when nothing differs. */
export async function updateAgentIdentity(
  deps: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  input: VersionedAgent & { edit: AgentEdit },
): Promise<AgentDetail> {
  return (await editAgent(deps, caller, input, "agent.update", () => input.edit)).agent;
}

/** Primary and fallbacks (or inherit the gateway's), OpenClaw's strict-primary rules (facts §3.2). */
export async function updateAgentModel(
  deps: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  input: VersionedAgent & { choice: AgentModelChoice },
): Promise<AgentDetail> {
  const model = agentModelConfigOf(input.choice);
  return (await editAgent(deps, caller, input, "agent.update_model", () => ({ model }))).agent;
}

/** Replaces one agent-owned params layer: every model's, or one model's (facts §3.3). */
export async function updateAgentParams(
  deps: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  input: VersionedAgent & { edit: AgentParamsEdit },
): Promise<AgentDetail> {
  return (
    await editAgent(deps, caller, input, "agent.update_params", (current) =>
      replaceParamsLayer(current, input.edit),
    )
  ).agent;
}
