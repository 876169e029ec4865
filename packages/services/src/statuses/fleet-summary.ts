import { summarizeFleetStatus } from "@clawfleet/core/fleet/fleet-status";
import type { ServiceDeps, TeamScope } from "../service-context";
import { computeTeamAgentStatuses } from "./fleet-statuses";

/** The `models status --check` roll-up across the team's agents, computed now. */
export async function readFleetStatus(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
) {
  const now = clock().getTime();
  const statuses = await computeTeamAgentStatuses(db, { teamId, now });
  return { computedAt: now, ...summarizeFleetStatus(statuses, { now }) };
}
