import JSON5 from "json5";

import { type DocumentIssue, type DocumentParseResult, formatDocumentPath, issueAt } from "./document-issue";
import type { DocumentPath } from "./json-path-locator";
import { scanJsonText, textPositionAt } from "./json-text-scan";

/**
 * Keys that would reach an object's prototype machinery if any later code copied them with plain
 * assignment or spread; refused everywhere, at any depth, so no input can pollute prototypes.
 */
export const FORBIDDEN_DOCUMENT_KEYS: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
]);

/** Walks the document with one shared path stack (no array per node: a 100,000-agent config has millions). */
function findForbiddenKeys(value: unknown, path: (string | number)[], found: DocumentPath[]): void {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      path.push(index);
      findForbiddenKeys(value[index], path, found);
      path.pop();
    }
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const key of Object.keys(value)) {
    path.push(key);
    if (FORBIDDEN_DOCUMENT_KEYS.has(key)) found.push([...path]);
    else findForbiddenKeys((value as Record<string, unknown>)[key], path, found);
    path.pop();
  }
}

/**
 * A key can spell a forbidden name only if the text holds the name itself, or a backslash escape that could
 * build it (`\u005f`, and in JSON5 any escaped letter). Most documents hold neither, and skip the walk.
 */
function mayHoldForbiddenKey(text: string): boolean {
  if (text.includes("\\")) return true;
  for (const key of FORBIDDEN_DOCUMENT_KEYS) if (text.includes(key)) return true;
  return false;
}

/**
 * JSON first: most large files (a generated 100,000-agent `openclaw.json`) are plain JSON, which the native
 * parser reads about thirty times faster than the JSON5 one. JSON is a subset of JSON5 and both parsers keep
 * a `__proto__` key as an own property, so the value is the same; only text that is not JSON goes to JSON5,
 * which also names the line and column of a syntax error.
 */
function parseJsonOrJson5(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return JSON5.parse(text);
  }
}

/**
 * Parses JSON or JSON5 text (JSON5 is a superset, so one parser serves `openclaw.json` and the credential
 * documents). A syntax error names its line and column; a `__proto__`, `constructor` or `prototype` key
 * anywhere is refused with its location, and so are what {@link scanJsonText} finds first (nesting too deep,
 * a lone surrogate, a duplicate key).
 */
export function parseDocumentText(text: string, file: string): DocumentParseResult<unknown> {
  const problem = scanJsonText(text);
  if (problem) {
    return {
      ok: false,
      issues: [
        {
          file,
          path: formatDocumentPath(problem.path),
          message: problem.message,
          ...textPositionAt(text, problem.offset),
        },
      ],
    };
  }
  let value: unknown;
  try {
    value = parseJsonOrJson5(text);
  } catch (error) {
    return { ok: false, issues: [syntaxIssue(error, file)] };
  }
  const forbidden: DocumentPath[] = [];
  if (mayHoldForbiddenKey(text)) findForbiddenKeys(value, [], forbidden);
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
  const issue: DocumentIssue = {
    file,
    path: "",
    message: message.replace(/ at \d+:\d+$/u, ""),
    kind: "syntax",
  };
  if (typeof located.lineNumber === "number" && typeof located.columnNumber === "number") {
    issue.line = located.lineNumber;
    issue.column = located.columnNumber;
  }
  return issue;
}
