import JSON5 from "json5";

import { type DocumentIssue, type DocumentParseResult, issueAt } from "./document-issue";
import type { DocumentPath } from "./json-path-locator";

/**
 * Keys that would reach an object's prototype machinery if any later code copied them with plain
 * assignment or spread; refused everywhere, at any depth, so no input can pollute prototypes.
 */
export const FORBIDDEN_DOCUMENT_KEYS: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
]);

function findForbiddenKeys(value: unknown, path: (string | number)[], found: DocumentPath[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => findForbiddenKeys(item, [...path, index], found));
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_DOCUMENT_KEYS.has(key)) found.push([...path, key]);
    else findForbiddenKeys((value as Record<string, unknown>)[key], [...path, key], found);
  }
}

/**
 * Parses JSON or JSON5 text (JSON5 is a superset, so one parser serves `openclaw.json` and the credential
 * documents). A syntax error names its line and column; a `__proto__`, `constructor` or `prototype` key
 * anywhere is refused with its location.
 */
export function parseDocumentText(text: string, file: string): DocumentParseResult<unknown> {
  let value: unknown;
  try {
    value = JSON5.parse(text);
  } catch (error) {
    return { ok: false, issues: [syntaxIssue(error, file)] };
  }
  const forbidden: DocumentPath[] = [];
  findForbiddenKeys(value, [], forbidden);
  if (forbidden.length > 0) {
    return {
      ok: false,
      issues: forbidden.map((path) =>
        issueAt({ file, text }, path, `key "${String(path.at(-1))}" is not allowed`),
      ),
    };
  }
  return { ok: true, value, warnings: [] };
}

function syntaxIssue(error: unknown, file: string): DocumentIssue {
  const located = error as { message?: unknown; lineNumber?: unknown; columnNumber?: unknown };
  const message = typeof located.message === "string" ? located.message : "unreadable document";
  // why: json5 appends " at L:C" to its message; the position is reported in its own fields instead.
  const issue: DocumentIssue = { file, path: "", message: message.replace(/ at \d+:\d+$/u, "") };
  if (typeof located.lineNumber === "number" && typeof located.columnNumber === "number") {
    issue.line = located.lineNumber;
    issue.column = located.columnNumber;
  }
  return issue;
}
