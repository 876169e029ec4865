import type { ChunkedWork } from "../chunked-work/chunked-work";
import type { DocumentIssue } from "../document-parsing/document-issue";
import { hasLoneSurrogate } from "../document-parsing/json-text-scan";
import type { GatewayRecord } from "./gateway-record";
import type { StateFile } from "./state-files";

const MIB = 1024 * 1024;

/**
 * Upload limits, stated in every refusal so the user knows what fits. Sized for a 100,000-agent
 * `openclaw.json` (about 15 MiB) with its stores: an import runs as a worker job, in bounded batches.
 */
export const IMPORT_LIMITS = {
  maxFileBytes: 64 * MIB,
  maxTotalBytes: 64 * MIB,
  maxFiles: 200_000,
  /** An uploaded `.tar.gz`/`.zip` as sent, before it is unpacked. */
  maxArchiveBytes: 32 * MIB,
  /** Everything an archive may expand to (workspaces and databases included) before it is refused. */
  maxArchiveExpandedBytes: 256 * MIB,
  /** Entries of an archive, folders included. */
  maxArchiveEntries: 400_000,
  /**
   * The HTTP request carrying an upload, from a signed-in user: the files as JSON strings (escaping can at
   * most double them) and room for the rest. Every other request to the console is capped far lower.
   */
  maxUploadRequestBytes: 2 * 64 * MIB + MIB,
  /** Agents in one import: a 100,000-agent gateway fits; more would hold the worker for minutes. */
  maxAgents: 100_000,
  /** Auth profiles in one import, the shared store and every agent's own store together. */
  maxProfiles: 200_000,
} as const;

/** `64 MiB`, `1.5 MiB`: a size as limits and refusals state it. */
export function formatMebibytes(bytes: number): string {
  const mebibytes = bytes / MIB;
  return `${Number.isInteger(mebibytes) ? mebibytes : mebibytes.toFixed(1)} MiB`;
}

/** Characters counted between two progress marks while sizing a large file. */
const CHARS_PER_MARK = 4_000_000;

/** The UTF-8 size of `text`, counted without encoding it (a copy of a 64 MiB file is not needed). */
function* utf8Length(text: string, mark: { done: number; total: number }): ChunkedWork<number> {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      index += 1;
    } else bytes += 3;
    if (index % CHARS_PER_MARK === CHARS_PER_MARK - 1)
      yield { phase: "checking sizes", done: mark.done, total: mark.total };
  }
  return bytes;
}

/** Why a relative upload path is unsafe, or null: no absolute paths, `..`, backslashes or control characters. */
export function unsafePathProblem(path: string): string | null {
  if (path === "") return "an empty file name";
  if (path.startsWith("/") || /^[A-Za-z]:/u.test(path)) return "an absolute path";
  if (path.includes("\\")) return "a backslash in the path";
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f]/u.test(path)) return "a control character in the path";
  // why: a lone surrogate cannot be stored (Postgres refuses it), so it must not reach the run's error list.
  if (hasLoneSurrogate(path)) return "a broken character (a lone UTF-16 surrogate) in the path";
  if (path.split("/").some((segment) => segment === ".." || segment === "."))
    return "a `..` or `.` path segment (path traversal)";
  return null;
}

/**
 * Drops a common leading folder so that `openclaw.json` sits at the root: an upload of `rendered-input/`
 * or an archive of `.openclaw/` arrives with that folder in every path. The shallowest `openclaw.json`
 * (or shared store) decides; files outside that folder are left out.
 */
export function rootedStateFiles(files: readonly StateFile[]): StateFile[] {
  const markers = files
    .map((file) => /^(.*?)(openclaw\.json|shared-auth-profiles\.json)$/u.exec(file.path))
    .filter(
      (match): match is RegExpExecArray =>
        match !== null && (match[1] === "" || match[1]?.endsWith("/") === true),
    )
    .map((match) => match[1] ?? "")
    .sort((left, right) => left.split("/").length - right.split("/").length || left.length - right.length);
  const prefix = markers[0] ?? "";
  if (prefix === "") return [...files];
  return files
    .filter((file) => file.path.startsWith(prefix))
    .map((file) => ({ path: file.path.slice(prefix.length), text: file.text }));
}

/** Refuses an import of more agents or profiles than {@link IMPORT_LIMITS} allows, saying how many it holds. */
export function checkImportCounts(record: GatewayRecord): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  const agents = record.agents.length;
  if (agents > IMPORT_LIMITS.maxAgents)
    issues.push({
      file: "openclaw.json",
      path: "agents",
      message: `Too many agents: ${agents.toLocaleString("en")} (the limit is ${IMPORT_LIMITS.maxAgents.toLocaleString("en")} agents per import).`,
    });
  let profiles = record.sharedStore?.profiles.length ?? 0;
  for (const agent of record.agents) profiles += agent.store?.profiles.length ?? 0;
  if (profiles > IMPORT_LIMITS.maxProfiles)
    issues.push({
      file: "(upload)",
      path: "",
      message: `Too many auth profiles: ${profiles.toLocaleString("en")} across the credential stores (the limit is ${IMPORT_LIMITS.maxProfiles.toLocaleString("en")} per import).`,
    });
  return issues;
}

/** Checks an upload before anything is parsed: count, sizes, safe and unique paths. */
export function* checkUploadLimits(files: readonly StateFile[]): ChunkedWork<DocumentIssue[]> {
  const issues: DocumentIssue[] = [];
  if (files.length === 0)
    return [
      {
        file: "(upload)",
        path: "",
        message: "No files were uploaded; choose an OpenClaw state folder or an archive of one.",
      },
    ];
  if (files.length > IMPORT_LIMITS.maxFiles) {
    return [
      {
        file: "(upload)",
        path: "",
        message: `Too many files: ${files.length} (the limit is ${IMPORT_LIMITS.maxFiles} files per import).`,
      },
    ];
  }
  const seen = new Set<string>();
  let total = 0;
  for (const [index, file] of files.entries()) {
    const problem = unsafePathProblem(file.path);
    if (problem) {
      issues.push({
        // why: control characters are shown escaped (`\u0000`), as a person could read and type them back.
        file: JSON.stringify(file.path).slice(1, -1),
        path: "",
        message: `Refused: ${problem}. Upload paths must stay inside the state folder.`,
      });
      continue;
    }
    if (seen.has(file.path))
      issues.push({
        file: file.path,
        path: "",
        message: "Duplicate file: the same path appears twice in the upload.",
      });
    seen.add(file.path);
    const bytes = yield* utf8Length(file.text, { done: index, total: files.length });
    total += bytes;
    if (bytes > IMPORT_LIMITS.maxFileBytes) {
      issues.push({
        file: file.path,
        path: "",
        message: `File too large: ${(bytes / MIB).toFixed(1)} MiB (the limit is ${formatMebibytes(IMPORT_LIMITS.maxFileBytes)} per file).`,
      });
    }
    if (index % 10_000 === 9_999) yield { phase: "checking sizes", done: index + 1, total: files.length };
  }
  if (total > IMPORT_LIMITS.maxTotalBytes) {
    issues.push({
      file: "(upload)",
      path: "",
      message: `Upload too large: ${(total / MIB).toFixed(1)} MiB in all (the limit is ${formatMebibytes(IMPORT_LIMITS.maxTotalBytes)} per import).`,
    });
  }
  return issues;
}
