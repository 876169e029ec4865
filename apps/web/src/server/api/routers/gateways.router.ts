import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { gatewayEditSchema } from "@clawfleet/core/fleet/gateway-edit.schema";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { inTransaction } from "@clawfleet/db/client";
import {
  type GatewaySummary,
  createGateway,
  findGatewayById,
  listGateways,
  updateGateway,
} from "@clawfleet/db/gateway.repository";
import { adminProcedure, viewerProcedure } from "../trpc";

const gatewayIdInput = z.object({ gatewayId: z.uuid("Gateway ids are UUIDs.") });

/** The audited fields of a gateway: what an admin edits, plus its version. */
function auditedGateway(gateway: GatewaySummary) {
  const { name, stateDir, homeDir, openclawVersion, version } = gateway;
  return { name, stateDir, homeDir, openclawVersion, version };
}

export const gatewaysRouter = {
  list: viewerProcedure.query(({ ctx }) => listGateways(ctx.db, { teamId: ctx.team.id })),

  byId: viewerProcedure.input(gatewayIdInput).query(async ({ ctx, input }) => {
    const gateway = await findGatewayById(ctx.db, { teamId: ctx.team.id, gatewayId: input.gatewayId });
    if (!gateway) throw new TRPCError({ code: "NOT_FOUND", message: "Gateway not found." });
    return gateway;
  }),

  create: adminProcedure.input(gatewayEditSchema).mutation(({ ctx, input }) =>
    inTransaction(ctx.db, async (tx) => {
      const gateway = await createGateway(tx, { teamId: ctx.team.id, edit: input });
      await recordAuditEvent(tx, {
        teamId: ctx.team.id,
        actor: { id: ctx.user.id, label: ctx.user.email },
        action: "gateway.create",
        target: { type: "gateway", id: gateway.id },
        after: auditedGateway(gateway),
        requestId: ctx.requestId,
      });
      return gateway;
    }),
  ),

  update: adminProcedure
    .input(gatewayIdInput.extend({ expectedVersion: z.number().int().positive(), edit: gatewayEditSchema }))
    .mutation(({ ctx, input }) =>
      inTransaction(ctx.db, async (tx) => {
        const { before, after } = await updateGateway(tx, {
          teamId: ctx.team.id,
          gatewayId: input.gatewayId,
          expectedVersion: input.expectedVersion,
          edit: input.edit,
        });
        await recordAuditEvent(tx, {
          teamId: ctx.team.id,
          actor: { id: ctx.user.id, label: ctx.user.email },
          action: "gateway.update",
          target: { type: "gateway", id: after.id },
          before: auditedGateway(before),
          after: auditedGateway(after),
          requestId: ctx.requestId,
        });
        return after;
      }),
    ),
} satisfies TRPCRouterRecord;
