import type { TRPCRouterRecord } from "@trpc/server";
import { readFleetStatus } from "@clawfleet/services/statuses/fleet-summary";
import { viewerProcedure } from "../trpc";

export const fleetRouter = {
  /** The `models status --check` roll-up across the team's agents, computed now. */
  status: viewerProcedure.query(({ ctx }) => readFleetStatus(ctx.deps, ctx.caller)),
} satisfies TRPCRouterRecord;
