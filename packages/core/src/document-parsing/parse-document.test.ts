import { describe, expect, it } from "vitest";
import { parseDocumentText } from "./parse-document";

describe("parseDocumentText", () => {
  it("reads plain JSON and JSON5 alike", () => {
    expect(parseDocumentText('{"agents": {"entries": {"a": {}}}}', "openclaw.json")).toMatchObject({
      ok: true,
      value: { agents: { entries: { a: {} } } },
    });
    expect(
      parseDocumentText("{ agents: { entries: { a: {}, }, }, // comment\n}", "openclaw.json"),
    ).toMatchObject({
      ok: true,
      value: { agents: { entries: { a: {} } } },
    });
  });

  it("names the line and column of a syntax error", () => {
    const parsed = parseDocumentText("{\n  agents: {\n    defaults: }\n}", "openclaw.json");
    expect(parsed).toMatchObject({ ok: false, issues: [{ file: "openclaw.json", line: 3, column: 15 }] });
  });

  it.each([
    ["a plain key", '{"x": {"__proto__": {"polluted": true}}}'],
    ["a JSON unicode escape", '{"x": {"\\u005f\\u005fproto\\u005f\\u005f": 1}}'],
    ["a JSON5 identity escape", '{ x: { "\\c\\onstructor": 1 } }'],
    ["a JSON5 hex escape", "{ x: { 'proto\\x74ype': 1 } }"],
  ])("refuses a forbidden key written as %s, with its path", (_name, text) => {
    const parsed = parseDocumentText(text, "openclaw.json");
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.issues.map((issue) => issue.path)).toHaveLength(1);
    expect(parsed.ok ? "" : parsed.issues[0]?.message).toMatch(/is not allowed/u);
  });

  it("accepts a forbidden word where it is a value, not a key", () => {
    expect(parseDocumentText('{"description": "a constructor of prototypes"}', "x.json").ok).toBe(true);
  });
});
