import { DomainError } from "@clawfleet/core/domain-error";
import type { DocumentIssue } from "@clawfleet/core/document-parsing/document-issue";
import type { StateFile } from "@clawfleet/core/openclaw-import/state-files";
import { unpackStateArchive } from "./state-archive";

/** An import's upload: the files of a state folder, or one archive of it. */
export type ImportUpload = { files: readonly StateFile[] } | { archive: { name: string; bytes: Uint8Array } };

export type UnpackedUpload = { ok: true; files: StateFile[] } | { ok: false; errors: DocumentIssue[] };

/** The upload as files; an archive that cannot be unpacked safely is an error naming the entry. */
export async function unpackUpload(upload: ImportUpload): Promise<UnpackedUpload> {
  if ("files" in upload) return { ok: true, files: [...upload.files] };
  try {
    return { ok: true, files: await unpackStateArchive(upload.archive.name, upload.archive.bytes) };
  } catch (error) {
    if (error instanceof DomainError)
      return { ok: false, errors: [{ file: upload.archive.name, path: "", message: error.message }] };
    throw error;
  }
}
