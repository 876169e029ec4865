import "server-only";
import { z } from "zod";
import { gatewayEditSchema } from "@clawfleet/core/fleet/gateway-edit.schema";
import { IMPORT_LIMITS, formatMebibytes } from "@clawfleet/core/openclaw-import/import-limits";
import type { ImportTarget } from "@clawfleet/services/imports/gateway-import";
import type { ImportUpload } from "@clawfleet/services/imports/unpack-upload";

/**
 * The transport shapes of the import procedures' input: the upload (either the files of a state folder, or
 * one archive of it in base64; unpacked by the preview job) and the target. Transport bounds are generous
 * on purpose: the importer itself checks the real limits and names the file and the limit in its message,
 * which a transport-level refusal could not.
 */

const MAX_ARCHIVE_BASE64_CHARS = Math.ceil((IMPORT_LIMITS.maxArchiveBytes * 4) / 3) + 1024;

export const importUploadSchema = z.union([
  z.object({
    files: z
      .array(z.object({ path: z.string().max(1_000), text: z.string().max(IMPORT_LIMITS.maxFileBytes * 2) }))
      .max(IMPORT_LIMITS.maxFiles + 1),
  }),
  z.object({
    archive: z.object({
      name: z.string().min(1).max(255),
      base64: z
        .string()
        .max(
          MAX_ARCHIVE_BASE64_CHARS,
          `Archives are at most ${formatMebibytes(IMPORT_LIMITS.maxArchiveBytes)}.`,
        ),
    }),
  }),
]);
export type ImportUploadInput = z.infer<typeof importUploadSchema>;

/** The upload as the import service keeps it: an archive as its bytes. */
export function importUploadOf(input: ImportUploadInput): ImportUpload {
  if ("files" in input) return { files: input.files };
  return {
    archive: { name: input.archive.name, bytes: new Uint8Array(Buffer.from(input.archive.base64, "base64")) },
  };
}

/** The new gateway an import creates; its state dir defaults to `<home>/.openclaw`. */
export const importNewGatewaySchema = gatewayEditSchema.extend({
  stateDir: gatewayEditSchema.shape.stateDir.optional(),
});

/**
 * `{gatewayId}` to import into an existing gateway, or `{newGateway}` to create one with the import.
 * why: an object with two optional branches, not a union, so a bad field is reported at its own path
 * (`target.newGateway.name`: "Name is required.") instead of a union's bare "Invalid input".
 */
export const importTargetSchema = z
  .object({
    gatewayId: z.uuid("Choose the gateway to replace.").optional(),
    newGateway: importNewGatewaySchema.optional(),
  })
  .refine((target) => (target.gatewayId === undefined) !== (target.newGateway === undefined), {
    message: "Choose an existing gateway to replace, or describe the new gateway (not both).",
  });
export type ImportTargetInput = z.infer<typeof importTargetSchema>;

export function importTargetOf(input: ImportTargetInput): ImportTarget {
  if (input.gatewayId !== undefined) return { kind: "existing", gatewayId: input.gatewayId };
  if (input.newGateway === undefined) throw new Error("importTargetSchema admits exactly one target.");
  const { stateDir, ...rest } = input.newGateway;
  return { kind: "new", ...rest, stateDir: stateDir ?? `${rest.homeDir.replace(/\/+$/u, "")}/.openclaw` };
}
