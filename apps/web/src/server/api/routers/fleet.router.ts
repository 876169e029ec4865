import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { listAttentionAgents, readFleetStatus } from "@clawfleet/services/statuses/fleet-summary";
import { viewerProcedure } from "../trpc";

export const fleetRouter = {
  /**
   * The `models status --check` roll-up across the team's agents, from their stored statuses: counts, attention
   * grouped by cause (bounded), unusable profiles, expiring credentials, missing providers and drift.
   */
  status: viewerProcedure.query(({ ctx }) => readFleetStatus(ctx.deps, ctx.caller)),

  /** One page of the agents behind one attention group of `status`. */
  attentionAgents: viewerProcedure
    .input(
      z.object({
        gatewayId: z.uuid(),
        causeKey: z.string().min(1).max(2_000),
        page: z.number().int().min(1).default(1),
      }),
    )
    .query(({ ctx, input }) => listAttentionAgents(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
