import { DomainError } from "@clawfleet/core/domain-error";
import type { DocumentIssue } from "@clawfleet/core/document-parsing/document-issue";
import type { StateFile } from "@clawfleet/core/openclaw-import/state-files";
import { unpackStateArchive } from "./state-archive";

/** An import's upload: the files of a state folder, or one archive of it in base64. */
export type ImportUpload = { files: readonly StateFile[] } | { archive: { name: string; base64: string } };

export type UnpackedUpload = { ok: true; files: StateFile[] } | { ok: false; errors: DocumentIssue[] };

/** The upload as files; an archive that cannot be unpacked safely is an error naming the entry. */
export function unpackUpload(upload: ImportUpload): UnpackedUpload {
  if ("files" in upload) return { ok: true, files: [...upload.files] };
  const bytes = Buffer.from(upload.archive.base64, "base64");
  try {
    return { ok: true, files: unpackStateArchive(upload.archive.name, new Uint8Array(bytes)) };
  } catch (error) {
    if (error instanceof DomainError)
      return { ok: false, errors: [{ file: upload.archive.name, path: "", message: error.message }] };
    throw error;
  }
}
