import type { TRPCRouterRecord } from "@trpc/server";
import { summarizeFleetStatus } from "@clawfleet/core/fleet/fleet-status";
import { computeTeamAgentStatuses } from "../../fleet/fleet-statuses";
import { viewerProcedure } from "../trpc";

export const fleetRouter = {
  /** The `models status --check` roll-up across the team's agents, computed now. */
  status: viewerProcedure.query(async ({ ctx }) => {
    const now = Date.now();
    const statuses = await computeTeamAgentStatuses(ctx.db, { teamId: ctx.team.id, now });
    return { computedAt: now, ...summarizeFleetStatus(statuses, { now }) };
  }),
} satisfies TRPCRouterRecord;
