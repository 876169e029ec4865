import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { auditFilterSchema } from "@clawfleet/core/audit/audit-filter.schema";
import { listRecentAuditEvents, readAuditFacets, readAuditPage } from "@clawfleet/services/audit/audit-trail";
import { adminProcedure } from "../trpc";

export const AUDIT_PAGE_MAX = 500;

/** Keyset cursor: the id of the last event of the previous page (ids are bigints, sent as strings). */
export const auditPageInput = z.object({
  filter: auditFilterSchema.default({}),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, "The page cursor is not valid.")
    .optional(),
  limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
});

/** Reading the audit trail is admin-only and always scoped to the caller's team (checklist B6.4). */
export const auditRouter = {
  /** The newest events, unfiltered. */
  list: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(100) }))
    .query(({ ctx, input }) => listRecentAuditEvents(ctx.deps, ctx.caller, input)),

  /** One page of the filtered trail, newest first, with the cursor of the next page. */
  page: adminProcedure
    .input(auditPageInput)
    .query(({ ctx, input }) => readAuditPage(ctx.deps, ctx.caller, input)),

  /** Actions and target types present in the trail, for the filter pickers. */
  facets: adminProcedure.query(({ ctx }) => readAuditFacets(ctx.deps, ctx.caller)),
} satisfies TRPCRouterRecord;
