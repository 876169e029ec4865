import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { type Db, inTransaction } from "@clawfleet/db/client";
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

/** Audits a token change with its hint and the gateway version only: never the token. */
function auditTokenChange(
  tx: Db,
  ctx: TeamContext & { requestId: string },
  action: "gateway.ingest_token.rotate" | "gateway.ingest_token.revoke",
  { before, after }: { before: GatewayIngestState; after: GatewayIngestState },
) {
  return recordAuditEvent(tx, {
    teamId: ctx.team.id,
    actor: { id: ctx.user.id, label: ctx.user.email },
    requestId: ctx.requestId,
    action,
    target: { type: "gateway", id: after.gatewayId },
    before: { hint: before.hint, version: before.version },
    after: { hint: after.hint, version: after.version },
  });
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
      const { token, ...change } = await rotateIngestToken(tx, { teamId: ctx.team.id, ...input });
      await auditTokenChange(tx, ctx, "gateway.ingest_token.rotate", change);
      return { token, gateway: change.after };
    }),
  ),

  revoke: adminProcedure.input(versionedGatewayInput).mutation(({ ctx, input }) =>
    inTransaction(ctx.db, async (tx) => {
      const change = await revokeIngestToken(tx, { teamId: ctx.team.id, ...input });
      await auditTokenChange(tx, ctx, "gateway.ingest_token.revoke", change);
      return { gateway: change.after };
    }),
  ),
} satisfies TRPCRouterRecord;
