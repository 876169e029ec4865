/** The agent list (with its `--check` verdict filter), one agent, the list's facets, an agent's model settings. */
import { DomainError } from "@clawfleet/core/domain-error";
import type { AgentDetail, AgentListQuery, Page } from "@clawfleet/core/fleet/agent";
import { type AgentListItem, agentHealthOf } from "@clawfleet/core/fleet/agent-list";
import { describeAgentModelSettings } from "@clawfleet/core/fleet/agent-model-settings";
import type { FleetAgentVerdict } from "@clawfleet/core/fleet/fleet-status";
import { findAgentById, listAgentFacets, listAgents } from "@clawfleet/db/agent.repository";
import { loadGatewayState } from "@clawfleet/db/openclaw-state.repository";
import type { ServiceDeps, TeamScope } from "../service-context";

/**
 * One page of the team's agents, sorted in SQL, each with its health (the stored `--check` verdict it counts
 * with and why) and the model its status resolved. With `status`, only agents whose stored verdict is that
 * one (joined in SQL, see `AgentStatus`).
 */
export async function listAgentPage(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
  { status, ...query }: Omit<AgentListQuery, "verdict"> & { status?: FleetAgentVerdict },
): Promise<Page<AgentListItem>> {
  const at = now();
  const page = await listAgents(db, { teamId, query: status ? { ...query, verdict: status } : query });
  return {
    ...page,
    items: page.items.map(({ stored, ...agent }) => ({
      ...agent,
      health: agentHealthOf(
        stored && {
          effectiveVerdict: stored.effectiveVerdict,
          computedVerdict: stored.computedVerdict,
          worstCause: stored.worstCause,
          updating: stored.stale || (stored.validUntil !== null && stored.validUntil <= at),
        },
      ),
      resolvedModel: stored?.resolvedModel ?? null,
    })),
  };
}

export async function readAgent(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { agentId }: { agentId: string },
): Promise<AgentDetail> {
  const agent = await findAgentById(db, { teamId, agentId });
  if (!agent) throw new DomainError("NOT_FOUND", "Agent not found.");
  return agent;
}

/** Tags and providers present in the team, for the list's filter pickers. */
export function readAgentFacets({ db }: Pick<ServiceDeps, "db">, { teamId }: TeamScope) {
  return listAgentFacets(db, { teamId });
}

/** The agent's model, fallbacks and every param's effective value with its layer, as OpenClaw resolves them. */
export async function readAgentModelSettings(
  deps: Pick<ServiceDeps, "db" | "now">,
  scope: TeamScope,
  { agentId }: { agentId: string },
) {
  const agent = await readAgent(deps, scope, { agentId });
  const { state } = await loadGatewayState(deps.db, { teamId: scope.teamId, gatewayId: agent.gatewayId });
  return describeAgentModelSettings(state, { agentId: agent.agentKey, now: deps.now().getTime() });
}
