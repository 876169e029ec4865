import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { gatewayEditSchema } from "@clawfleet/core/fleet/gateway-edit.schema";
import {
  addGateway,
  editGateway,
  listTeamGateways,
  readGateway,
} from "@clawfleet/services/gateways/gateway-edits";
import { adminProcedure, viewerProcedure } from "../trpc";

const gatewayIdInput = z.object({ gatewayId: z.uuid("Gateway ids are UUIDs.") });

export const gatewaysRouter = {
  list: viewerProcedure.query(({ ctx }) => listTeamGateways(ctx.deps, ctx.caller)),

  byId: viewerProcedure
    .input(gatewayIdInput)
    .query(({ ctx, input }) => readGateway(ctx.deps, ctx.caller, input)),

  create: adminProcedure
    .input(gatewayEditSchema)
    .mutation(({ ctx, input }) => addGateway(ctx.deps, ctx.caller, input)),

  update: adminProcedure
    .input(gatewayIdInput.extend({ expectedVersion: z.number().int().positive(), edit: gatewayEditSchema }))
    .mutation(({ ctx, input }) => editGateway(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
