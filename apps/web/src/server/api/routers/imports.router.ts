import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { DomainError } from "@clawfleet/core/domain-error";
import { formatDocumentIssue } from "@clawfleet/core/document-parsing/document-issue";
import { commitImport, previewImport, readImportProgress } from "@clawfleet/services/imports/gateway-import";
import { unpackUpload } from "@clawfleet/services/imports/unpack-upload";
import { importTargetOf, importTargetSchema, importUploadSchema } from "../../import/import-upload";
import { adminProcedure } from "../trpc";

/** The preview lists at most this many changes; the summary always counts all of them. */
const MAX_LISTED_CHANGES = 500;

export const importsRouter = {
  /**
   * Dry run: parses the upload, plans it against the gateway and records an ImportRun (status previewed).
   * Refused files come back as `errors` (file, path, line, column) and leave no row behind.
   */
  preview: adminProcedure
    .input(z.object({ target: importTargetSchema, upload: importUploadSchema }))
    .mutation(async ({ ctx, input }) => {
      const unpacked = unpackUpload(input.upload);
      const preview = unpacked.ok
        ? await previewImport(ctx.deps, ctx.caller, {
            target: importTargetOf(input.target),
            files: unpacked.files,
          })
        : unpacked;
      if (!preview.ok) {
        return {
          importRunId: null,
          planHash: null,
          summary: null,
          changes: [],
          totalChanges: 0,
          warnings: [],
          errors: preview.errors,
        };
      }
      return {
        importRunId: preview.importRunId,
        planHash: preview.planHash,
        summary: preview.plan.summary,
        changes: preview.plan.changes.slice(0, MAX_LISTED_CHANGES),
        totalChanges: preview.plan.changes.length,
        warnings: preview.warnings,
        errors: [],
      };
    }),

  /** Applies a previewed import from the same upload; CONFLICT when the plan is no longer the previewed one. */
  commit: adminProcedure
    .input(
      z.object({ importRunId: z.uuid(), planHash: z.string().min(1).max(200), upload: importUploadSchema }),
    )
    .mutation(async ({ ctx, input }) => {
      const unpacked = unpackUpload(input.upload);
      if (!unpacked.ok)
        throw new DomainError("INVALID_INPUT", unpacked.errors.map(formatDocumentIssue).join("\n"));
      const result = await commitImport(ctx.deps, ctx.caller, {
        importRunId: input.importRunId,
        planHash: input.planHash,
        files: unpacked.files,
      });
      return { gatewayId: result.gatewayId, summary: result.plan.summary };
    }),

  /** For the progress bar: written outside the import's transaction, so it moves while the import runs. */
  progress: adminProcedure
    .input(z.object({ importRunId: z.uuid() }))
    .query(({ ctx, input }) => readImportProgress(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
