import "server-only";
import type { FleetAgentStatus } from "@clawfleet/core/fleet/fleet-status";
import { listAgentIdentities } from "@clawfleet/db/agent.repository";
import type { Db } from "@clawfleet/db/client";
import { computeGatewayModelsStatuses } from "@clawfleet/db/openclaw-state.repository";

/**
 * Every agent's `models status`, computed from the console's state (one load per gateway). Fast enough to
 * run per request for thousands of agents (see `npm run bench`); a background cache can replace it later.
 */
export async function computeTeamAgentStatuses(
  db: Db,
  { teamId, now }: { teamId: string; now: number },
): Promise<FleetAgentStatus[]> {
  const agents = await listAgentIdentities(db, { teamId });
  const gatewayIds = [...new Set(agents.map((agent) => agent.gatewayId))];
  const outcomes = new Map<string, FleetAgentStatus["outcome"]>();
  for (const gatewayId of gatewayIds) {
    for (const [agentId, outcome] of await computeGatewayModelsStatuses(db, { teamId, gatewayId, now }))
      outcomes.set(agentId, outcome);
  }
  return agents.flatMap((agent) => {
    const outcome = outcomes.get(agent.id);
    return outcome
      ? [
          {
            agentId: agent.id,
            agentName: agent.name,
            gatewayId: agent.gatewayId,
            gatewayName: agent.gatewayName,
            outcome,
          },
        ]
      : [];
  });
}
