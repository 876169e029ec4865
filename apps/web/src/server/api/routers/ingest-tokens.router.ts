import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { inTransaction } from "@clawfleet/db/client";
import {
  type GatewayIngestState,
  findGatewayIngestState,
  revokeIngestToken,
  rotateIngestToken,
} from "@clawfleet/db/ingest-token.repository";
import type { TeamContext } from "../context";
import { adminProcedure, viewerProcedure } from "../trpc";

const gatewayInput = z.object({ gatewayId: z.uuid("Gateway ids are UUIDs.") });
const versionedGatewayInput = gatewayInput.extend({
  expectedVersion: z.number().int().positive("expectedVersion is the gateway version you saw."),
});

/** What the audit trail keeps of a token change: its hint and the gateway version, never the token. */
function auditedState(state: GatewayIngestState) {
  return { hint: state.hint, version: state.version };
}

function auditActor(ctx: TeamContext & { requestId: string }) {
  return { teamId: ctx.team.id, actor: { id: ctx.user.id, label: ctx.user.email }, requestId: ctx.requestId };
}

export const ingestTokensRouter = {
  /** The gateway's token hint, version and last report time (no secret: the hint is 4 of 47 characters). */
  forGateway: viewerProcedure.input(gatewayInput).query(async ({ ctx, input }) => {
    const state = await findGatewayIngestState(ctx.db, { teamId: ctx.team.id, gatewayId: input.gatewayId });
    if (!state) throw new TRPCError({ code: "NOT_FOUND", message: "Gateway not found." });
    return state;
  }),

  /** A new token, returned by this response only; the previous token stops working at once. */
  rotate: adminProcedure.input(versionedGatewayInput).mutation(({ ctx, input }) =>
    inTransaction(ctx.db, async (tx) => {
      const { token, before, after } = await rotateIngestToken(tx, { teamId: ctx.team.id, ...input });
      await recordAuditEvent(tx, {
        ...auditActor(ctx),
        action: "gateway.ingest_token.rotate",
        target: { type: "gateway", id: after.gatewayId },
        before: auditedState(before),
        after: auditedState(after),
      });
      return { token, gateway: after };
    }),
  ),

  revoke: adminProcedure.input(versionedGatewayInput).mutation(({ ctx, input }) =>
    inTransaction(ctx.db, async (tx) => {
      const { before, after } = await revokeIngestToken(tx, { teamId: ctx.team.id, ...input });
      await recordAuditEvent(tx, {
        ...auditActor(ctx),
        action: "gateway.ingest_token.revoke",
        target: { type: "gateway", id: after.gatewayId },
        before: auditedState(before),
        after: auditedState(after),
      });
      return { gateway: after };
    }),
  ),
} satisfies TRPCRouterRecord;
