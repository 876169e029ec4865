import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { listAuditEvents } from "@clawfleet/db/audit.repository";
import { adminProcedure } from "../trpc";

export const auditRouter = {
  list: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(500).default(100) }))
    .query(({ ctx, input }) => listAuditEvents(ctx.db, { teamId: ctx.team.id, limit: input.limit })),
} satisfies TRPCRouterRecord;
