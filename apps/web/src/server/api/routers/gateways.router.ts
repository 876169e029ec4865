import type { TRPCRouterRecord } from "@trpc/server";
import { listGateways } from "@clawfleet/db/gateway.repository";
import { viewerProcedure } from "../trpc";

export const gatewaysRouter = {
  list: viewerProcedure.query(({ ctx }) => listGateways(ctx.db, { teamId: ctx.team.id })),
} satisfies TRPCRouterRecord;
