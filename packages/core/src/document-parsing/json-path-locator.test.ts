import { describe, expect, it } from "vitest";

import { locateJsonPath } from "./json-path-locator";

const JSON5_TEXT = `// comment with "quotes" and { braces }
{
  /* block */ agents: {
    'defaults': { model: "a/b", tags: ["x", 'y,}', 3.5e+2] },
    list: [{ id: "main" }, { id: "w\\"o" }],
  },
  "s\\u0074ate": null,
}`;

describe("locateJsonPath", () => {
  it.each([
    { path: [], expected: { line: 2, column: 1 } },
    { path: ["agents"], expected: { line: 3, column: 15 } },
    { path: ["agents", "defaults", "model"], expected: { line: 4, column: 19 } },
    { path: ["agents", "defaults", "tags", 2], expected: { line: 4, column: 52 } },
    { path: ["agents", "list", 1, "id"], expected: { line: 5, column: 30 } },
    { path: ["state"], expected: { line: 7, column: 3 } },
    { path: ["agents", "missing", "deeper"], expected: { line: 3, column: 15 } },
  ])("$path → $expected", ({ path, expected }) => {
    expect(locateJsonPath(JSON5_TEXT, path)).toEqual(expected);
  });

  it("returns null for empty text", () => {
    expect(locateJsonPath("", ["a"])).toBeNull();
  });
});
