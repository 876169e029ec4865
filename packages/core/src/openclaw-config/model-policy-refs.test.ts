import { describe, expect, it } from "vitest";
import { findModelPolicyAllowIssues, isValidModelPolicyRef } from "./model-policy-refs";
import { parseOpenClawConfig } from "./parse-openclaw-config";

describe("modelPolicy.allow grammar (OpenClaw 2026.9.6)", () => {
  const aliases = new Set(["sonnet"]);

  it.each([
    "anthropic/claude-sonnet-4-6",
    " OpenAI/gpt-5.4 ",
    "openrouter/moonshotai/kimi-k2",
    "google/*",
    "openrouter/anthropic/*",
    "Sonnet",
    "openrouter:auto",
    "OPENROUTER:free",
  ])("accepts %j", (ref) => expect(isValidModelPolicyRef(ref, aliases)).toBe(true));

  it.each([
    "gpt",
    "",
    "*",
    "openai/",
    "/gpt-5",
    "openai/gpt *",
    "openai/*/x",
    "openai//gpt",
    "open ai/*",
    "opus",
  ])("refuses %j", (ref) => expect(isValidModelPolicyRef(ref, aliases)).toBe(false));

  it("reports every refused entry at OpenClaw's path, an agent's own aliases in scope for it only", () => {
    const issues = findModelPolicyAllowIssues(
      {
        agents: {
          defaults: { modelPolicy: { allow: ["fast", "openai/*"] } },
          entries: {
            work: {
              models: { "anthropic/claude-haiku-4-5": { alias: "fast" } },
              modelPolicy: { allow: ["fast", "gpt"] },
            },
          },
        },
      },
      { file: "openclaw.json" },
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      "agents.defaults.modelPolicy.allow.0",
      "agents.entries.work.modelPolicy.allow.1",
    ]);
    expect(issues[1]?.message).toBe(
      'invalid model policy ref: "gpt". Use a configured alias, an exact "provider/model" ref, or a trailing prefix wildcard such as "provider/*" or "provider/namespace/*".',
    );
  });

  it("is checked only once the ownership rule holds, as OpenClaw stops at the first failing rule", () => {
    const config = (ownership: string) =>
      JSON.stringify({
        agents: {
          ...(ownership ? { ownership } : {}),
          entries: { a: { modelPolicy: { allow: ["gpt"] } }, b: {} },
        },
      });
    const withoutOwner = parseOpenClawConfig(config(""), "openclaw.json");
    const owned = parseOpenClawConfig(config("explicit"), "openclaw.json");
    expect(withoutOwner.ok ? [] : withoutOwner.issues.map((issue) => issue.path)).toEqual([
      "agents.ownership",
    ]);
    expect(owned.ok ? [] : owned.issues.map((issue) => issue.path)).toEqual([
      "agents.entries.a.modelPolicy.allow.0",
    ]);
  });
});
