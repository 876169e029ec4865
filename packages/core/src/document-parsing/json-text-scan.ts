import type { DocumentPath } from "./json-path-locator";

/**
 * One linear pass over JSON or JSON5 text, before it is parsed, for what the parsers accept but the console
 * must not: nesting deeper than {@link MAX_DOCUMENT_DEPTH} (a recursive walk of 300,000 levels overflows the
 * stack), a lone UTF-16 surrogate, raw or escaped (Postgres refuses it, so a preview would pass and the commit
 * fail), and a duplicate key in one object (the parsers silently keep the last one, so what was imported is
 * not what the file says). The scan keeps no recursion and no copy of the text: a frame per open object or
 * array, and the keys of the open objects.
 */

/** Deeper than any OpenClaw document (a config is about ten levels); far below any stack limit. */
export const MAX_DOCUMENT_DEPTH = 100;

export type JsonTextProblem = { message: string; path: DocumentPath; offset: number };

type Frame =
  | { kind: "object"; keys: Set<string>; key: string | null; expectingKey: boolean }
  | { kind: "array"; index: number };

const BACKSLASH = 0x5c;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The code unit of a `\uXXXX` escape starting at `offset` (at the backslash), or -1. */
function escapedCodeUnit(text: string, offset: number): number {
  if (text.charCodeAt(offset) !== BACKSLASH || text.charAt(offset + 1) !== "u") return -1;
  const hex = text.slice(offset + 2, offset + 6);
  return /^[0-9A-Fa-f]{4}$/u.test(hex) ? Number.parseInt(hex, 16) : -1;
}

/**
 * Whether `text` holds a lone surrogate as a raw code unit. In a `u` regex a well-formed pair is one astral
 * code point, so only an unpaired half falls in the surrogate range: one native pass, fast on 64 MiB.
 */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDFFF]/u.test(text);
}

/** The offset of the first lone surrogate in `text[from, to)`, or -1. */
function firstLoneSurrogate(text: string, from: number, to: number): number {
  for (let offset = from; offset < to; offset += 1) {
    const code = text.charCodeAt(offset);
    if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(offset + 1))) offset += 1;
    else if (isHighSurrogate(code) || isLowSurrogate(code)) return offset;
  }
  return -1;
}

/** Characters of a JSON5 unquoted key: identifier characters, `\u` escapes, and anything non-ASCII. */
function isKeyCharacter(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f ||
    code === 0x24 ||
    code === BACKSLASH ||
    code > 0x7f
  );
}

/** The key as the parser will see it: escapes decoded (`"\u0061"` and `"a"` are the same key). */
function decodeKey(raw: string, quote: string | null): string {
  if (!raw.includes("\\")) return raw;
  const body = quote === null ? raw : raw.replace(/\\'/gu, "'").replace(/(^|[^\\])"/gu, '$1\\"');
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return raw;
  }
}

function pathOf(frames: readonly Frame[]): (string | number)[] {
  const path: (string | number)[] = [];
  for (const frame of frames) {
    if (frame.kind === "array") path.push(frame.index);
    else if (frame.key !== null) path.push(frame.key);
  }
  return path;
}

const LONE_SURROGATE =
  "holds a lone UTF-16 surrogate (half of a character, e.g. \\ud800 without its pair); the text cannot be stored. Re-save the file as UTF-8.";

/** The first problem of `text`, or null; the offset is where it starts. */
export function scanJsonText(text: string): JsonTextProblem | null {
  const frames: Frame[] = [];
  const surrogateProblem = (offset: number): JsonTextProblem => ({
    message: `The document ${LONE_SURROGATE}`,
    path: pathOf(frames),
    offset,
  });

  /** Skips a quoted string starting at `start`; returns the offset after it, or a problem. */
  const skipString = (start: number): number | JsonTextProblem => {
    const quote = text.charCodeAt(start);
    let offset = start + 1;
    while (offset < text.length) {
      const code = text.charCodeAt(offset);
      if (code === quote) return offset + 1;
      if (code === BACKSLASH) {
        const escaped = escapedCodeUnit(text, offset);
        if (isHighSurrogate(escaped)) {
          if (!isLowSurrogate(escapedCodeUnit(text, offset + 6))) return surrogateProblem(offset);
          offset += 12;
        } else if (isLowSurrogate(escaped)) return surrogateProblem(offset);
        else offset += escaped === -1 ? 2 : 6;
        continue;
      }
      if (isHighSurrogate(code)) {
        if (!isLowSurrogate(text.charCodeAt(offset + 1))) return surrogateProblem(offset);
        offset += 2;
        continue;
      }
      if (isLowSurrogate(code)) return surrogateProblem(offset);
      offset += 1;
    }
    return offset;
  };

  const recordKey = (frame: Frame | undefined, key: string, offset: number): JsonTextProblem | null => {
    if (frame?.kind !== "object" || !frame.expectingKey) return null;
    frame.expectingKey = false;
    if (frame.keys.has(key)) {
      frame.key = null;
      return {
        message: `Duplicate key ${JSON.stringify(key)}: it appears twice in the same object, and only one can be kept. Remove one of them.`,
        path: [...pathOf(frames), key],
        offset,
      };
    }
    frame.keys.add(key);
    frame.key = key;
    return null;
  };

  let offset = 0;
  while (offset < text.length) {
    const code = text.charCodeAt(offset);
    const char = text[offset];
    if (char === '"' || char === "'") {
      const end = skipString(offset);
      if (typeof end !== "number") return end;
      const raw = text.slice(offset + 1, end - 1);
      const duplicate = recordKey(frames.at(-1), decodeKey(raw, char === "'" ? char : null), offset);
      if (duplicate) return duplicate;
      offset = end;
    } else if (char === "/" && (text[offset + 1] === "/" || text[offset + 1] === "*")) {
      const block = text[offset + 1] === "*";
      const found = block ? text.indexOf("*/", offset + 2) : text.indexOf("\n", offset);
      const end = found === -1 ? text.length : found + (block ? 2 : 0);
      const lone = firstLoneSurrogate(text, offset, end);
      if (lone !== -1) return surrogateProblem(lone);
      offset = end;
    } else if (char === "{" || char === "[") {
      if (frames.length >= MAX_DOCUMENT_DEPTH)
        return {
          message: `The document is nested more than ${MAX_DOCUMENT_DEPTH} levels deep; OpenClaw documents are far shallower.`,
          path: pathOf(frames),
          offset,
        };
      frames.push(
        char === "{"
          ? { kind: "object", keys: new Set(), key: null, expectingKey: true }
          : { kind: "array", index: 0 },
      );
      offset += 1;
    } else if (char === "}" || char === "]") {
      frames.pop();
      offset += 1;
    } else if (char === ",") {
      const frame = frames.at(-1);
      if (frame?.kind === "array") frame.index += 1;
      else if (frame) {
        frame.expectingKey = true;
        frame.key = null;
      }
      offset += 1;
    } else if (isHighSurrogate(code) || isLowSurrogate(code)) {
      if (!isHighSurrogate(code) || !isLowSurrogate(text.charCodeAt(offset + 1)))
        return surrogateProblem(offset);
      offset += 2;
    } else if (isKeyCharacter(code)) {
      // why: a bare word is a JSON5 key when an object expects one, else a literal (true, 12, Infinity).
      let end = offset + 1;
      while (end < text.length && isKeyCharacter(text.charCodeAt(end))) {
        const unit = text.charCodeAt(end);
        if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(end + 1))) end += 2;
        else if (isHighSurrogate(unit) || isLowSurrogate(unit)) break;
        else end += 1;
      }
      const frame = frames.at(-1);
      if (frame?.kind === "object" && frame.expectingKey) {
        const duplicate = recordKey(frame, decodeKey(text.slice(offset, end), null), offset);
        if (duplicate) return duplicate;
      }
      offset = end;
    } else offset += 1;
  }
  return null;
}

/** The 1-based line and column of `offset` in `text`. */
export function textPositionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (
    let index = text.indexOf("\n");
    index !== -1 && index < offset;
    index = text.indexOf("\n", index + 1)
  ) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
