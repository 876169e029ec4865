import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import {
  readImportRun,
  requestImportCommit,
  requestImportPreview,
} from "@clawfleet/services/imports/import-jobs";
import {
  importTargetOf,
  importTargetSchema,
  importUploadOf,
  importUploadSchema,
} from "../../import/import-upload";
import { adminProcedure } from "../trpc";

export const importsRouter = {
  /**
   * Stores the upload (sealed) with a new import run and queues its preview job; returns the run's id at
   * once. The preview (or the refusal, with file, line and column) appears on the run: see `run`.
   */
  preview: adminProcedure
    .input(
      z.object({
        target: importTargetSchema,
        upload: importUploadSchema,
        /** The admin accepted the config rewrite a refused preview of the same files offered. */
        acceptConfigRewrite: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      requestImportPreview(ctx.deps, ctx.caller, {
        target: importTargetOf(input.target),
        upload: importUploadOf(input.upload),
        acceptConfigRewrite: input.acceptConfigRewrite === true,
      }),
    ),

  /** Confirms a previewed run at the plan hash its preview showed and queues its commit job. */
  commit: adminProcedure
    .input(z.object({ importRunId: z.uuid(), planHash: z.string().min(1).max(200) }))
    .mutation(({ ctx, input }) => requestImportCommit(ctx.deps, ctx.caller, input)),

  /** The run as the import page follows it: state, phase and progress, preview, refusal or result. */
  run: adminProcedure
    .input(z.object({ importRunId: z.uuid() }))
    .query(({ ctx, input }) => readImportRun(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
