/**
 * Finds where a value sits in JSON or JSON5 source text, so that an error found after parsing (a schema
 * violation, a forbidden key) can still name a line and column. The text is assumed to have parsed
 * already, so the scanner only needs to skip tokens, not to validate them.
 */

export type TextPosition = { line: number; column: number };

/** A path into a parsed document: object keys and array indexes, outermost first. */
export type DocumentPath = readonly (string | number)[];

const SINGLE_CHAR_ESCAPES: Record<string, string> = {
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "0": "\0",
};

class SourceScanner {
  offset = 0;

  constructor(private readonly text: string) {}

  peek(): string {
    return this.text.charAt(this.offset);
  }

  atEnd(): boolean {
    return this.offset >= this.text.length;
  }

  skipTrivia(): void {
    while (!this.atEnd()) {
      const char = this.peek();
      if (/\s|\uFEFF/u.test(char)) {
        this.offset += 1;
      } else if (this.text.startsWith("//", this.offset)) {
        const end = this.text.indexOf("\n", this.offset);
        this.offset = end === -1 ? this.text.length : end + 1;
      } else if (this.text.startsWith("/*", this.offset)) {
        const end = this.text.indexOf("*/", this.offset + 2);
        this.offset = end === -1 ? this.text.length : end + 2;
      } else {
        return;
      }
    }
  }

  readString(): string {
    const quote = this.peek();
    this.offset += 1;
    let value = "";
    while (!this.atEnd()) {
      const char = this.peek();
      this.offset += 1;
      if (char === quote) return value;
      if (char !== "\\") {
        value += char;
        continue;
      }
      value += this.readEscape();
    }
    return value;
  }

  private readEscape(): string {
    const escaped = this.peek();
    this.offset += 1;
    if (escaped === "u") {
      const hex = this.text.slice(this.offset, this.offset + 4);
      this.offset += 4;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    if (escaped === "x") {
      const hex = this.text.slice(this.offset, this.offset + 2);
      this.offset += 2;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    if (escaped === "\r" && this.peek() === "\n") this.offset += 1;
    if (escaped === "\n" || escaped === "\r" || escaped === "\u2028" || escaped === "\u2029") return "";
    return SINGLE_CHAR_ESCAPES[escaped] ?? escaped;
  }

  readKey(): string {
    const char = this.peek();
    if (char === '"' || char === "'") return this.readString();
    const start = this.offset;
    while (!this.atEnd() && /[\p{L}\p{N}_$\\\u200C\u200D]/u.test(this.peek())) this.offset += 1;
    return this.text.slice(start, this.offset);
  }

  /** Skips one scalar (number, literal) up to the next delimiter. */
  skipScalar(): void {
    while (!this.atEnd() && !/[,}\]\s/]/u.test(this.peek())) this.offset += 1;
  }

  positionOf(offset: number): TextPosition {
    let line = 1;
    let lineStart = 0;
    for (let index = 0; index < offset; index += 1) {
      if (this.text.charAt(index) === "\n") {
        line += 1;
        lineStart = index + 1;
      }
    }
    return { line, column: offset - lineStart + 1 };
  }
}

/** Where no path segment can match: a depth past any real path, so containers are skipped whole. */
const SKIP_WHOLE_VALUE = Number.POSITIVE_INFINITY;

/**
 * Moves past the value at the scanner's position; returns the offset of `target` (from `depth` on) when it
 * lies inside that value.
 */
function seek(scanner: SourceScanner, target: DocumentPath, depth: number): number | null {
  scanner.skipTrivia();
  if (depth === target.length) return scanner.offset;
  const opener = scanner.peek();
  if (opener === "{") return seekInObject(scanner, target, depth);
  if (opener === "[") return seekInArray(scanner, target, depth);
  if (opener === '"' || opener === "'") scanner.readString();
  else scanner.skipScalar();
  return null;
}

function skipValue(scanner: SourceScanner): void {
  seek(scanner, [], SKIP_WHOLE_VALUE);
}

function seekInObject(scanner: SourceScanner, target: DocumentPath, depth: number): number | null {
  scanner.offset += 1;
  for (;;) {
    scanner.skipTrivia();
    if (scanner.atEnd() || scanner.peek() === "}") {
      scanner.offset += 1;
      return null;
    }
    const keyOffset = scanner.offset;
    const key = scanner.readKey();
    scanner.skipTrivia();
    scanner.offset += 1; // the colon
    if (depth < target.length && key === String(target[depth])) {
      // why: a key that is the last path segment is reported at the key itself, where a reader looks first.
      return depth + 1 === target.length ? keyOffset : seek(scanner, target, depth + 1);
    }
    skipValue(scanner);
    scanner.skipTrivia();
    if (scanner.peek() === ",") scanner.offset += 1;
  }
}

function seekInArray(scanner: SourceScanner, target: DocumentPath, depth: number): number | null {
  scanner.offset += 1;
  for (let index = 0; ; index += 1) {
    scanner.skipTrivia();
    if (scanner.atEnd() || scanner.peek() === "]") {
      scanner.offset += 1;
      return null;
    }
    if (depth < target.length && index === Number(target[depth])) return seek(scanner, target, depth + 1);
    skipValue(scanner);
    scanner.skipTrivia();
    if (scanner.peek() === ",") scanner.offset += 1;
  }
}

/**
 * Line and column (both 1-based) of the value at `path` in already-parsed JSON/JSON5 `text`; for the last
 * segment of an object path, the position of its key. Falls back to the deepest ancestor that exists
 * (a missing required key is reported at its parent object), or null when even the root is absent.
 */
export function locateJsonPath(text: string, path: DocumentPath): TextPosition | null {
  for (let length = path.length; length >= 0; length -= 1) {
    const scanner = new SourceScanner(text);
    const offset = seek(scanner, path.slice(0, length), 0);
    if (offset !== null && offset < text.length) return scanner.positionOf(offset);
  }
  return null;
}
