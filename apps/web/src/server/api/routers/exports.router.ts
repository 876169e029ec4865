import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { DomainError } from "@clawfleet/core/domain-error";
import { agentConfigSnippet, gatewayConfigSnippet } from "@clawfleet/core/openclaw-export/config-snippet";
import { loadGatewayRows } from "@clawfleet/db/openclaw-state.repository";
import { adminProcedure } from "../trpc";

/**
 * Config snippets for pasting into a host's `openclaw.json`. They carry no secrets, but DESIGN.md lists
 * exports among what admins manage, so they are admin procedures.
 */
export const exportsRouter = {
  agentSnippet: adminProcedure
    .input(z.object({ agentId: z.uuid("Agent ids are UUIDs.") }))
    .query(async ({ ctx, input }) => {
      const agent = await ctx.db.agent.findFirst({
        where: { id: input.agentId, teamId: ctx.team.id },
        select: { agentKey: true, gatewayId: true },
      });
      if (!agent) throw new DomainError("NOT_FOUND", "Agent not found.");
      const { record } = await loadGatewayRows(ctx.db, { teamId: ctx.team.id, gatewayId: agent.gatewayId });
      const text = agentConfigSnippet(record, agent.agentKey);
      if (text === null) throw new DomainError("NOT_FOUND", "Agent not found.");
      return { fileName: `${agent.agentKey}.openclaw.json5`, text };
    }),

  gatewaySnippet: adminProcedure
    .input(z.object({ gatewayId: z.uuid("Gateway ids are UUIDs.") }))
    .query(async ({ ctx, input }) => {
      const { gateway, record } = await loadGatewayRows(ctx.db, {
        teamId: ctx.team.id,
        gatewayId: input.gatewayId,
      });
      return { fileName: "openclaw.json", text: gatewayConfigSnippet(record, gateway.name) };
    }),
} satisfies TRPCRouterRecord;
