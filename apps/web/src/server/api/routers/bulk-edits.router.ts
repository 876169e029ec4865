import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import {
  bulkEditActionSchema,
  bulkEditAgentIdsSchema,
  bulkEditItemsSchema,
} from "@clawfleet/core/fleet/bulk-edit.schema";
import { previewBulkEdit } from "@clawfleet/services/bulk-edits/bulk-agent-edit";
import { readBulkEditRun, requestBulkEdit } from "@clawfleet/services/bulk-edits/bulk-edit-runs";
import { operatorProcedure } from "../trpc";

export const bulkEditsRouter = {
  /**
   * Every selected agent's current and new value. It changes nothing; it is a mutation only because up to
   * 1,000 ids do not fit in a query URL.
   */
  preview: operatorProcedure
    .input(z.object({ agentIds: bulkEditAgentIdsSchema, action: bulkEditActionSchema }))
    .mutation(({ ctx, input }) => previewBulkEdit(ctx.deps, ctx.caller, input)),

  /**
   * Applies a bulk edit: records a run (each agent at the version its preview showed) and queues the worker
   * job that applies it agent by agent; returns the run's id at once. Follow it with `run`. (Not named
   * `apply`: tRPC reserves `apply`, `call` and `then`, which its client proxies intercept.)
   */
  start: operatorProcedure
    .input(z.object({ action: bulkEditActionSchema, items: bulkEditItemsSchema }))
    .mutation(({ ctx, input }) => requestBulkEdit(ctx.deps, ctx.caller, input)),

  /** A run's progress, outcome counts and one page of per-agent results. */
  run: operatorProcedure
    .input(z.object({ bulkEditRunId: z.uuid(), page: z.number().int().min(1).max(1_000).optional() }))
    .query(({ ctx, input }) => readBulkEditRun(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
