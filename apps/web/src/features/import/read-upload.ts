/** What the import procedures accept: a folder's text files, or one archive. */
export type ImportUpload =
  { files: { path: string; text: string }[] } | { archive: { name: string; base64: string } };

/** Per-import cap, stated to the user before anything is sent (the server enforces its own limits too). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

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
 * file goes as text with its path inside the chosen folder.
 */
export async function readUpload(
  files: readonly File[],
): Promise<{ ok: true; upload: ImportUpload; bytes: number } | { ok: false; message: string }> {
  if (files.length === 0) return { ok: false, message: "Choose a state folder or an archive first." };
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  if (bytes > MAX_UPLOAD_BYTES) {
    return {
      ok: false,
      message: `These files are ${(bytes / 1048576).toFixed(1)} MiB; an import takes at most ${MAX_UPLOAD_BYTES / 1048576} MiB.`,
    };
  }
  const [first] = files;
  if (files.length === 1 && first && ARCHIVE_NAME.test(first.name)) {
    return {
      ok: true,
      bytes,
      upload: { archive: { name: first.name, base64: toBase64(new Uint8Array(await first.arrayBuffer())) } },
    };
  }
  const texts = await Promise.all(
    files.map(async (file) => ({ path: file.webkitRelativePath || file.name, text: await file.text() })),
  );
  return { ok: true, bytes, upload: { files: texts } };
}
