import type { z } from "zod";

import { type DocumentPath, locateJsonPath } from "./json-path-locator";

/** One problem in an input document, located well enough for a person to find and fix it. */
export type DocumentIssue = {
  /** The file (or upload) name as the user knows it. */
  file: string;
  /** Dotted path inside the document (`agents.entries.work.model`); empty for the document itself. */
  path: string;
  message: string;
  /** 1-based; present when the document was text and the place could be found. */
  line?: number;
  column?: number;
  /** Set when the text could not be parsed at all (nothing was validated). */
  kind?: "syntax";
};

/** A parse outcome the caller is expected to branch on; issues never contain the document's values. */
export type DocumentParseResult<T> =
  { ok: true; value: T; warnings: DocumentIssue[] } | { ok: false; issues: DocumentIssue[] };

/** `agents.entries.work`, `fallbacks[1]`; keys that are not identifiers are quoted. */
export function formatDocumentPath(path: DocumentPath): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/u.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** `file:line:column: path: message`, leaving out what is unknown. */
export function formatDocumentIssue(issue: DocumentIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  return issue.path === "" ? `${where}: ${issue.message}` : `${where}: ${issue.path}: ${issue.message}`;
}

/** Builds an issue at `path`, with its line and column when the source text is known. */
export function issueAt(
  source: { file: string; text?: string },
  path: DocumentPath,
  message: string,
): DocumentIssue {
  const position = source.text === undefined ? null : locateJsonPath(source.text, path);
  return { file: source.file, path: formatDocumentPath(path), message, ...(position ?? {}) };
}

/** An issue's message; a refused record key says why the key was refused, not zod's "Invalid key in record". */
export function zodIssueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_key") return issue.issues.map((inner) => inner.message).join("; ");
  return issue.message;
}

/** Turns zod's issues into located document issues (messages only: zod's `received` values are dropped). */
export function issuesFromZod(
  source: { file: string; text?: string },
  error: z.ZodError,
  basePath: DocumentPath = [],
): DocumentIssue[] {
  return error.issues.map((issue) =>
    issueAt(
      source,
      [...basePath, ...issue.path.filter((segment) => typeof segment !== "symbol")],
      zodIssueMessage(issue),
    ),
  );
}
