import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { gatewayDefaultsEditSchema } from "@clawfleet/core/fleet/gateway-defaults-edit.schema";
import { gatewayEditSchema } from "@clawfleet/core/fleet/gateway-edit.schema";
import {
  addGateway,
  editGateway,
  editGatewayDefaults,
  listTeamGateways,
  readGateway,
  readGatewayDefaults,
  readGatewayModelSettings,
} from "@clawfleet/services/gateways/gateway-edits";
import { adminProcedure, operatorProcedure, viewerProcedure } from "../trpc";

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

  defaults: viewerProcedure
    .input(gatewayIdInput)
    .query(({ ctx, input }) => readGatewayDefaults(ctx.deps, ctx.caller, input)),

  /** The models an agent following the defaults runs, and each model's params with the layer they come from. */
  modelSettings: viewerProcedure
    .input(gatewayIdInput)
    .query(({ ctx, input }) => readGatewayModelSettings(ctx.deps, ctx.caller, input)),

  /** Operators edit params and models (DESIGN roles); the gateway's identity stays an admin's. */
  updateDefaults: operatorProcedure
    .input(
      gatewayIdInput.extend({
        expectedVersion: z.number().int().positive(),
        edit: gatewayDefaultsEditSchema,
      }),
    )
    .mutation(({ ctx, input }) => editGatewayDefaults(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
