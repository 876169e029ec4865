import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import {
  readIngestTokenState,
  revokeGatewayIngestToken,
  rotateGatewayIngestToken,
} from "@clawfleet/services/gateways/ingest-tokens";
import { adminProcedure, viewerProcedure } from "../trpc";

const gatewayInput = z.object({ gatewayId: z.uuid("Gateway ids are UUIDs.") });
const versionedGatewayInput = gatewayInput.extend({
  expectedVersion: z.number().int().positive("expectedVersion is the gateway version you saw."),
});

export const ingestTokensRouter = {
  /** The gateway's token hint, version and last report time (no secret: the hint is 4 of 47 characters). */
  forGateway: viewerProcedure
    .input(gatewayInput)
    .query(({ ctx, input }) => readIngestTokenState(ctx.deps, ctx.caller, input)),

  /** A new token, returned by this response only; the previous token stops working at once. */
  rotate: adminProcedure
    .input(versionedGatewayInput)
    .mutation(({ ctx, input }) => rotateGatewayIngestToken(ctx.deps, ctx.caller, input)),

  revoke: adminProcedure
    .input(versionedGatewayInput)
    .mutation(({ ctx, input }) => revokeGatewayIngestToken(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
