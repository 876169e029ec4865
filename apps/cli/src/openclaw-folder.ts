import { lstat, readFile, readdir } from "node:fs/promises";
import path from "node:path";

import { type DocumentIssue, formatDocumentIssue } from "@clawfleet/core/document-parsing/document-issue";
import type { OpenClawState } from "@clawfleet/core/models-status/openclaw-state";
import { type StateFile, readStateFiles } from "@clawfleet/core/openclaw-import/state-files";

/**
 * Reads an OpenClaw state folder from disk; the layouts themselves are understood by core's
 * `readStateFiles` (fixture `rendered-input/` folders and JSON-era state dirs), which the web import uses
 * for uploads too.
 */

export type FolderReadResult =
  | { ok: true; state: OpenClawState; warnings: string[] }
  | { ok: false; kind: "config"; issues: DocumentIssue[] }
  | { ok: false; kind: "store" | "folder"; message: string };

/** Files either layout can hold; everything else under the folder (workspaces, sessions) is never read. */
const STATE_FILE =
  /^(openclaw\.json|shared-auth-(profiles|state)\.json|agents\/[^/]+\/(agent\/)?auth-(profiles|state)\.json|legacy-files\/.+\.json)$/u;
/** Folders worth walking into; others are skipped without listing them. */
const STATE_FOLDER = /^(agents|agents\/[^/]+|agents\/[^/]+\/agent|legacy-files(\/.*)?)$/u;

export type FolderFiles = { ok: true; files: StateFile[] } | { ok: false; message: string };

async function walk(root: string, prefix: string, files: StateFile[]): Promise<string | null> {
  const entries = await readdir(path.join(root, prefix), { withFileTypes: true });
  for (const entry of entries.sort((left, right) => (left.name < right.name ? -1 : 1))) {
    const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!STATE_FOLDER.test(relative)) continue;
      const problem = await walk(root, relative, files);
      if (problem !== null) return problem;
    } else if (STATE_FILE.test(relative)) {
      if (entry.isSymbolicLink() || !entry.isFile())
        return `${relative} is a symbolic link or special file; copy the real file into the folder instead.`;
      files.push({ path: relative, text: await readFile(path.join(root, relative), "utf8") });
    }
  }
  return null;
}

/** The state files of `folder`, relative to it; symbolic links are refused, not followed. */
export async function readFolderFiles(folder: string): Promise<FolderFiles> {
  const root = path.resolve(folder);
  const info = await lstat(root).catch(() => null);
  if (!info?.isDirectory()) return { ok: false, message: `Not a folder: ${folder}` };
  const files: StateFile[] = [];
  const problem = await walk(root, "", files);
  return problem === null ? { ok: true, files } : { ok: false, message: problem };
}

/** Reads `folder` as `models status --from` does: config rule violations are refused, like OpenClaw. */
export async function readOpenClawFolder(folder: string): Promise<FolderReadResult> {
  const files = await readFolderFiles(folder);
  if (!files.ok) return { ok: false, kind: "folder", message: files.message };
  const read = readStateFiles(files.files, { strictConfigRules: true });
  if (!read.ok) {
    return read.kind === "config"
      ? { ok: false, kind: "config", issues: read.issues }
      : { ok: false, kind: "store", message: read.issues.map(formatDocumentIssue).join("\n") };
  }
  return { ok: true, state: read.state, warnings: read.warnings.map(formatDocumentIssue) };
}
