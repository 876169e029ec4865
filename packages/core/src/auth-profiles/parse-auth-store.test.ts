import { describe, expect, it } from "vitest";

import { mergeAuthStores } from "./auth-store-merge";
import { parseAuthProfilesFile, parseAuthStateFile } from "./parse-auth-store";
import { migrateLegacyProfileId, oauthProfileId, parseProfileId, tokenProfileId } from "./profile-id";

describe("parseAuthProfilesFile", () => {
  it("accepts the legacy `mode` and `apiKey` spellings and lower-cases providers", () => {
    const result = parseAuthProfilesFile(
      JSON.stringify({
        version: 1,
        profiles: { "anthropic:old": { mode: "api_key", provider: "Anthropic", apiKey: "k" } },
      }),
      "auth-profiles.json",
    );
    expect(result.ok && result.value.credentials?.profiles["anthropic:old"]).toMatchObject({
      type: "api_key",
      provider: "anthropic",
      key: "k",
    });
  });

  it("drops an entry with an unknown type or no provider, with a located warning", () => {
    const result = parseAuthProfilesFile(
      '{\n  "version": 1,\n  "profiles": {\n    "x:a": { "type": "magic", "provider": "x" },\n    "x:b": { "type": "api_key" },\n    "x:c": { "type": "api_key", "provider": "x", "key": "k" }\n  }\n}',
      "auth-profiles.json",
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.keys(result.value.credentials?.profiles ?? {})).toEqual(["x:c"]);
    expect(result.warnings.map((warning) => [warning.path, warning.line])).toEqual([
      ['profiles["x:a"]', 4],
      ['profiles["x:b"]', 5],
    ]);
  });

  it("keeps a non-numeric expiry as NaN so health can call it invalid", () => {
    const result = parseAuthProfilesFile(
      JSON.stringify({
        version: 1,
        profiles: { "a:t": { type: "token", provider: "a", token: "t", expires: "soon" } },
      }),
      "f",
    );
    expect(result.ok && result.value.credentials?.profiles["a:t"]).toMatchObject({ expires: Number.NaN });
  });

  it("splits the runtime state out of a 2026.3-style single file", () => {
    const result = parseAuthProfilesFile(
      JSON.stringify({
        version: 1,
        profiles: {},
        lastGood: { a: "a:k" },
        usageStats: { "a:k": { errorCount: 1 } },
      }),
      "f",
    );
    expect(result.ok && result.value.runtime).toEqual({
      version: 1,
      lastGood: { a: "a:k" },
      usageStats: { "a:k": { errorCount: 1 } },
    });
  });

  it.each([
    { case: "no profiles", text: '{ "version": 1 }', path: "profiles" },
    { case: "a string version", text: '{ "version": "1", "profiles": {} }', path: "version" },
    {
      case: "a prototype key",
      text: '{ "version": 1, "profiles": { "prototype": {} } }',
      path: "profiles.prototype",
    },
  ])("refuses $case at $path", ({ text, path }) => {
    const result = parseAuthProfilesFile(text, "auth-profiles.json");
    expect(!result.ok && result.issues[0]?.path).toBe(path);
  });

  it("refuses a runtime state with a negative error count, naming the line", () => {
    const result = parseAuthStateFile(
      '{\n  "usageStats": {\n    "a:k": { "errorCount": -1 }\n  }\n}',
      "auth-state.json",
    );
    expect(!result.ok && result.issues[0]).toMatchObject({
      path: 'usageStats["a:k"].errorCount',
      line: 3,
      column: 14,
    });
  });
});

describe("mergeAuthStores (facts §3.1)", () => {
  it("reads the agent store over the shared one: agent ids first and winning, orders and stats per key", () => {
    const merged = mergeAuthStores(
      {
        credentials: {
          version: 1,
          profiles: {
            "a:shared": { type: "api_key", provider: "a", key: "s" },
            "a:both": { type: "api_key", provider: "a", key: "old" },
          },
        },
        runtime: {
          order: { a: ["a:shared"], b: ["b:x"] },
          usageStats: { "a:shared": { errorCount: 1 }, "a:both": { errorCount: 2 } },
        },
      },
      {
        credentials: {
          version: 1,
          profiles: {
            "a:both": { type: "token", provider: "a", token: "new" },
            "a:own": { type: "api_key", provider: "a", key: "o" },
          },
        },
        runtime: { order: { a: ["a:own", "a:shared"] }, usageStats: { "a:both": { errorCount: 5 } } },
      },
      0,
    );
    expect(merged.profiles.map((profile) => [profile.profileId, profile.owner])).toEqual([
      ["a:both", "agent"],
      ["a:own", "agent"],
      ["a:shared", "shared"],
    ]);
    expect(merged.byId.get("a:both")?.credential.type).toBe("token");
    expect(merged.order).toEqual({ a: ["a:own", "a:shared"], b: ["b:x"] });
    expect(merged.usageStats).toEqual({ "a:shared": { errorCount: 1 }, "a:both": { errorCount: 5 } });
  });
});

describe("profile ids (facts §2.3)", () => {
  it.each([
    { id: "anthropic:default", expected: { provider: "anthropic", name: "default" } },
    { id: "OpenAI:me@example.com", expected: { provider: "openai", name: "me@example.com" } },
    { id: "a:b:c", expected: { provider: "a", name: "b:c" } },
    { id: "nocolon", expected: null },
    { id: ":x", expected: null },
    { id: "x:", expected: null },
  ])("parseProfileId($id)", ({ id, expected }) => {
    expect(parseProfileId(id)).toEqual(expected);
  });

  it("builds OpenClaw's default, email and normalized token ids, and migrates openai-codex", () => {
    expect(oauthProfileId("openai", " me@example.com ")).toBe("openai:me@example.com");
    expect(oauthProfileId("Anthropic")).toBe("anthropic:default");
    expect(tokenProfileId("anthropic", "Work Laptop #2")).toBe("anthropic:work-laptop-2");
    expect(tokenProfileId("anthropic", "!!!")).toBe("anthropic:default");
    expect(migrateLegacyProfileId("openai-codex:codex-cli")).toBe("openai:codex-cli");
    expect(migrateLegacyProfileId("anthropic:claude-cli")).toBe("anthropic:claude-cli");
  });
});
