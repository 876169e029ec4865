import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { bulkEditActionSchema, bulkEditAgentIdsSchema } from "@clawfleet/core/fleet/bulk-edit.schema";
import { applyBulkEdit, previewBulkEdit } from "@clawfleet/services/bulk-edits/bulk-agent-edit";
import { operatorProcedure } from "../trpc";

/** Agents per apply call: the console sends a selection in batches of this size to show progress. */
export const BULK_APPLY_BATCH_MAX = 100;

export const bulkEditsRouter = {
  /**
   * Every selected agent's current and new value. It changes nothing; it is a mutation only because up to
   * 1,000 ids do not fit in a query URL.
   */
  preview: operatorProcedure
    .input(z.object({ agentIds: bulkEditAgentIdsSchema, action: bulkEditActionSchema }))
    .mutation(({ ctx, input }) => previewBulkEdit(ctx.deps, ctx.caller, input)),

  /** Applies the edit to a batch of agents, each at the version its preview showed; results per agent, in order. */
  applyBatch: operatorProcedure
    .input(
      z.object({
        action: bulkEditActionSchema,
        items: z
          .array(
            z.object({
              agentId: z.uuid("Agent ids are UUIDs."),
              expectedVersion: z.number().int().positive(),
            }),
          )
          .min(1, "Select at least one agent.")
          .max(BULK_APPLY_BATCH_MAX, `Send at most ${BULK_APPLY_BATCH_MAX} agents per call.`)
          .refine(
            (items) => new Set(items.map((item) => item.agentId)).size === items.length,
            "Each agent may appear once.",
          ),
      }),
    )
    .mutation(({ ctx, input }) => applyBulkEdit(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
