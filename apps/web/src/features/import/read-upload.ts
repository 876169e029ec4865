import { MAX_DOCUMENT_DEPTH } from "@clawfleet/core/document-parsing/json-text-scan";
import { IMPORT_LIMITS, formatMebibytes } from "@clawfleet/core/openclaw-import/import-limits";

/** What the import procedures accept: a folder's text files, or one archive. */
export type ImportUpload =
  { files: { path: string; text: string }[] } | { archive: { name: string; base64: string } };

/** The caps, stated to the user before anything is sent (the server checks its own limits too). */
export const UPLOAD_LIMITS_TEXT = `At most ${formatMebibytes(IMPORT_LIMITS.maxTotalBytes)} and ${IMPORT_LIMITS.maxFiles.toLocaleString("en")} files per import, ${formatMebibytes(IMPORT_LIMITS.maxArchiveBytes)} per archive (expanding to at most ${formatMebibytes(IMPORT_LIMITS.maxArchiveExpandedBytes)}), ${IMPORT_LIMITS.maxAgents.toLocaleString("en")} agents and ${IMPORT_LIMITS.maxProfiles.toLocaleString("en")} auth profiles; JSON nested at most ${MAX_DOCUMENT_DEPTH} levels, without duplicate keys.`;

const ARCHIVE_NAME = /\.(tar\.gz|tgz|zip)$/i;

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let at = 0; at < bytes.length; at += chunk)
    binary += String.fromCharCode(...bytes.subarray(at, at + chunk));
  return btoa(binary);
}

/**
 * Reads the picked files in the browser: one `.tar.gz`/`.tgz`/`.zip` goes as an archive; otherwise every
 * JSON file goes as text with its path inside the chosen folder (an OpenClaw state is JSON; workspaces and
 * databases beside it are not read, as the archive reader skips them too).
 */
export async function readUpload(
  picked: readonly File[],
): Promise<
  { ok: true; upload: ImportUpload; bytes: number; fileCount: number } | { ok: false; message: string }
> {
  const [first] = picked;
  const isArchive = picked.length === 1 && first !== undefined && ARCHIVE_NAME.test(first.name);
  const files = isArchive ? picked : picked.filter((file) => file.name.endsWith(".json"));
  if (files.length === 0) return { ok: false, message: "Choose a state folder or an archive first." };
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  const cap = isArchive ? IMPORT_LIMITS.maxArchiveBytes : IMPORT_LIMITS.maxTotalBytes;
  if (bytes > cap) {
    return {
      ok: false,
      message: `${isArchive ? "This archive is" : "These files are"} ${formatMebibytes(bytes)}; an import takes at most ${formatMebibytes(cap)}${isArchive ? " per archive" : ""}.`,
    };
  }
  if (isArchive) {
    return {
      ok: true,
      bytes,
      fileCount: 1,
      upload: { archive: { name: first.name, base64: toBase64(new Uint8Array(await first.arrayBuffer())) } },
    };
  }
  const texts = await Promise.all(
    files.map(async (file) => ({ path: file.webkitRelativePath || file.name, text: await file.text() })),
  );
  return { ok: true, bytes, fileCount: texts.length, upload: { files: texts } };
}
