import { describe, expect, it } from "vitest";
import { OPENCLAW_DATA } from "../openclaw-data/openclaw-shipped-data";
import { upgradeRetiredClaudeModelId } from "./claude-model-id-upgrades";

const upgrade = (id: string) => upgradeRetiredClaudeModelId(id, OPENCLAW_DATA.claudeModelIdUpgrades);

describe("upgradeRetiredClaudeModelId with openclaw@2026.9.6's rules", () => {
  it.each([
    // current ids stay, including their dated and suffixed forms
    ["claude-opus-5", null],
    ["claude-opus-5-20260301", null],
    ["claude-opus-4-8", null],
    ["claude-sonnet-4-6-fast", null],
    ["claude-haiku-4.5", null],
    // retired Opus and Sonnet versions, by version prefix, exact name or dated id
    ["claude-opus-4-5", "claude-opus-5"],
    ["claude-opus-4.1@work", "claude-opus-5"],
    ["claude-opus-4", "claude-opus-5"],
    ["claude-opus-4-20250514", "claude-opus-5"],
    ["claude-sonnet-4-5-20250929", "claude-sonnet-4-6"],
    ["claude-sonnet-4", "claude-sonnet-4-6"],
    // a version prefix needs a separator after it
    ["claude-opus-4-50", null],
    // Claude 3 by family, short names by list
    ["claude-3-opus-20240229", "claude-opus-5"],
    ["claude-3-5-haiku-latest", "claude-sonnet-4-6"],
    ["opus-4.1", "claude-opus-5"],
    ["sonnet-3.7", "claude-sonnet-4-6"],
    ["haiku-3", "claude-sonnet-4-6"],
    // unknown ids are not this table's
    ["opus", null],
    ["gpt-5.5", null],
  ])("%s → %s", (id, expected) => {
    expect(upgrade(id)).toBe(expected);
  });
});

describe("upgradeRetiredClaudeModelId", () => {
  it("lets the first matching rule decide, each clause kind on its own", () => {
    const rules = [
      { to: null, exact: ["keep-me"] },
      { to: "by-exact", exact: ["keep-me", "old"] },
      { to: "by-prefix", prefixes: ["pre"] },
      { to: "by-version", versionPrefixes: ["ver-1"] },
      { to: "by-pattern", patterns: ["^dated-\\d{4}$"] },
      { to: "by-family", families: [{ startsWith: "fam-", includesAny: ["x", "y"] }] },
    ];
    const upgradeWith = (id: string) => upgradeRetiredClaudeModelId(id, rules);
    expect(upgradeWith("keep-me")).toBeNull();
    expect(upgradeWith("old")).toBe("by-exact");
    expect(upgradeWith("prefixed")).toBe("by-prefix");
    expect([upgradeWith("ver-1"), upgradeWith("ver-1.2"), upgradeWith("ver-10")]).toEqual([
      "by-version",
      "by-version",
      null,
    ]);
    expect([upgradeWith("dated-2026"), upgradeWith("dated-20261")]).toEqual(["by-pattern", null]);
    expect([upgradeWith("fam-y"), upgradeWith("fam-z"), upgradeWith("x-fam")]).toEqual([
      "by-family",
      null,
      null,
    ]);
  });
});
