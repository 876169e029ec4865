import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { agentEditSchema } from "@clawfleet/core/fleet/agent-edit.schema";
import { findAgentById, listAgents, updateAgent } from "@clawfleet/db/agent.repository";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { inTransaction } from "@clawfleet/db/client";
import { operatorProcedure, viewerProcedure } from "../trpc";

const agentIdInput = z.object({ agentId: z.uuid("Agent ids are UUIDs.") });

export const agentListInput = z.object({
  search: z.string().trim().max(200).optional(),
  gatewayId: z.uuid().optional(),
  tag: z.string().trim().max(40).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

export const agentsRouter = {
  list: viewerProcedure
    .input(agentListInput)
    .query(({ ctx, input }) => listAgents(ctx.db, { teamId: ctx.team.id, query: input })),

  byId: viewerProcedure.input(agentIdInput).query(async ({ ctx, input }) => {
    const agent = await findAgentById(ctx.db, { teamId: ctx.team.id, agentId: input.agentId });
    if (!agent) throw new TRPCError({ code: "NOT_FOUND", message: "Agent not found." });
    return agent;
  }),

  update: operatorProcedure
    .input(agentIdInput.extend({ expectedVersion: z.number().int().positive(), edit: agentEditSchema }))
    .mutation(({ ctx, input }) =>
      inTransaction(ctx.db, async (tx) => {
        const { before, after } = await updateAgent(tx, {
          teamId: ctx.team.id,
          agentId: input.agentId,
          expectedVersion: input.expectedVersion,
          edit: input.edit,
        });
        await recordAuditEvent(tx, {
          teamId: ctx.team.id,
          actor: { id: ctx.user.id, label: ctx.user.email },
          action: "agent.update",
          target: { type: "agent", id: after.id },
          before: { name: before.name, tags: before.tags, version: before.version },
          after: { name: after.name, tags: after.tags, version: after.version },
          requestId: ctx.requestId,
        });
        return after;
      }),
    ),
} satisfies TRPCRouterRecord;
