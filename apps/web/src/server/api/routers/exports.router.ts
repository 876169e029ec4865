import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { exportAgentSnippet, exportGatewaySnippet } from "@clawfleet/services/exports/config-snippets";
import { adminProcedure } from "../trpc";

/**
 * Config snippets for pasting into a host's `openclaw.json`. They carry no secrets, but DESIGN.md lists
 * exports among what admins manage, so they are admin procedures.
 */
export const exportsRouter = {
  agentSnippet: adminProcedure
    .input(z.object({ agentId: z.uuid("Agent ids are UUIDs.") }))
    .query(({ ctx, input }) => exportAgentSnippet(ctx.deps, ctx.caller, input)),

  gatewaySnippet: adminProcedure
    .input(z.object({ gatewayId: z.uuid("Gateway ids are UUIDs.") }))
    .query(({ ctx, input }) => exportGatewaySnippet(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
