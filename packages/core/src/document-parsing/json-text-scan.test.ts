import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import { MAX_DOCUMENT_DEPTH, scanJsonText, textPositionAt } from "./json-text-scan";
import { parseDocumentText } from "./parse-document";

describe("scanJsonText", () => {
  it("accepts ordinary JSON and JSON5, pairs of surrogates, and the same key in different objects", () => {
    for (const text of [
      '{"a": {"x": 1}, "b": {"x": 2}, "list": [{"x": 1}, {"x": 2}]}',
      "{ a: 1, // a: 2 in a comment\n /* a: 3 */ b: 'it\\'s \"a\"', c: [1, 2, {a: 1}] }",
      '{"emoji": "😀", "escaped": "\\ud83d\\ude00", "😀": 1, "😁": 2}',
      "{ a😀: 1, a😁: 2 }",
      `{"deep": ${"[".repeat(MAX_DOCUMENT_DEPTH - 1)}${"]".repeat(MAX_DOCUMENT_DEPTH - 1)}}`,
    ])
      expect(scanJsonText(text)).toBeNull();
  });

  it("refuses nesting 300,000 levels deep without recursing, naming the limit", () => {
    const text = `{"a": ${"[".repeat(300_000)}${"]".repeat(300_000)}}`;
    const problem = scanJsonText(text);
    expect(problem?.message).toBe(
      `The document is nested more than ${MAX_DOCUMENT_DEPTH} levels deep; OpenClaw documents are far shallower.`,
    );
    expect(problem?.path.slice(0, 2)).toEqual(["a", 0]);
  });

  it.each([
    ['{"a": "\\ud800"}', ["a"]],
    ['{"a": "x\\udc00"}', ["a"]],
    ['{"a": "\\ud800\\u0041"}', ["a"]],
    ['{"list": [1, "\ud800"]}', ["list", 1]],
    ['{"\udfff": 1}', []],
    ["// \ud800\n{}", []],
  ])("refuses a lone surrogate in %j", (text, path) => {
    const problem = scanJsonText(text);
    expect(problem?.message).toMatch(/lone UTF-16 surrogate/u);
    expect(problem?.path).toEqual(path);
  });

  it.each([
    ['{"a": 1, "a": 2}', "a", []],
    ['{"x": {"b": 1, "\\u0062": 2}}', "b", ["x"]],
    ["{ x: [ {}, { k: 1, 'k': 2 } ] }", "k", ["x", 1]],
    ['{"agents": {"entries": {"work": {}, "main": {}, "work": {}}}}', "work", ["agents", "entries"]],
  ])("refuses the duplicate key in %j, naming it and where", (text, key, parent) => {
    const problem = scanJsonText(text);
    expect(problem?.message).toMatch(new RegExp(`^Duplicate key "${key}"`, "u"));
    expect(problem?.path).toEqual([...parent, key]);
  });

  it("gives 1-based lines and columns", () => {
    expect(textPositionAt("{\n  a: 1,\n  a: 2\n}", 12)).toEqual({ line: 3, column: 3 });
  });
});

describe("parseDocumentText refuses what the parsers would take", () => {
  it("a duplicate key that JSON5 would silently keep the last of", () => {
    const text = "{\n  agents: { entries: { work: {}, work: { model: 'x' } } }\n}";
    expect(JSON5.parse<unknown>(text)).toBeTruthy();
    expect(parseDocumentText(text, "openclaw.json")).toEqual({
      ok: false,
      issues: [
        {
          file: "openclaw.json",
          path: "agents.entries.work",
          message: expect.stringMatching(/^Duplicate key "work"/u) as unknown,
          line: 2,
          column: 34,
        },
      ],
    });
  });

  it("a lone surrogate and a deep document, with a clear message and no stack overflow", () => {
    const lone = parseDocumentText('{"name": "\\ud800"}', "a.json");
    expect(lone.ok === false && lone.issues[0]?.message).toMatch(/lone UTF-16 surrogate/u);
    const deep = parseDocumentText("[".repeat(300_000), "a.json");
    expect(deep.ok === false && deep.issues[0]?.message).toMatch(/nested more than 100 levels/u);
  });
});
