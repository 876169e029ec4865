import type { FleetAgentStatus } from "@clawfleet/core/fleet/fleet-status";
import { listAgentIdentities } from "@clawfleet/db/agent.repository";
import type { Db } from "@clawfleet/db/client";
import { teamStatusInputsStamp } from "@clawfleet/db/openclaw-state.repository";
import { computeGatewayModelsStatuses } from "./agent-models-status";

/**
 * How long computed statuses are reused while nothing they depend on changed. Statuses also depend on the
 * clock (expiries, cooldown ends), so reuse is short: a countdown the page shows is derived from absolute
 * times and stays exact; a verdict may lag a crossing expiry by at most this long.
 */
export const STATUS_REUSE_MS = 15_000;
const MAX_CACHED_TEAMS = 64;

type CachedStatuses = { stamp: string; computedAt: number; statuses: FleetAgentStatus[] };

/** Per server instance; correctness never depends on it (a miss recomputes). */
const cache = new Map<string, CachedStatuses>();

async function computeFresh(db: Db, teamId: string, now: number): Promise<FleetAgentStatus[]> {
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

/**
 * Every agent's `models status`, computed from the console's state (one load per gateway), reused for
 * {@link STATUS_REUSE_MS} while the team's state stamp is unchanged: the fleet page, the status filter and the
 * auth matrix all read it, and a 10,000-agent fleet takes about a second to compute (see `npm run bench`).
 */
export async function computeTeamAgentStatuses(
  db: Db,
  { teamId, now }: { teamId: string; now: number },
): Promise<FleetAgentStatus[]> {
  const stamp = await teamStatusInputsStamp(db, { teamId });
  const cached = cache.get(teamId);
  const age = cached ? now - cached.computedAt : Infinity;
  if (cached?.stamp === stamp && age >= 0 && age < STATUS_REUSE_MS) return cached.statuses;
  const statuses = await computeFresh(db, teamId, now);
  cache.delete(teamId);
  cache.set(teamId, { stamp, computedAt: now, statuses });
  if (cache.size > MAX_CACHED_TEAMS) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return statuses;
}
