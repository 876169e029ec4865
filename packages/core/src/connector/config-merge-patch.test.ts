import { describe, expect, it } from "vitest";
import { configMergePatch } from "./config-merge-patch";

describe("configMergePatch", () => {
  it("sets changed values, removes dropped keys and roots the patch at the fragment's path", () => {
    const change = configMergePatch(
      ["agents", "entries", "main"],
      { model: "anthropic/claude-opus-4-6", params: { cacheRetention: "short", temperature: 1 } },
      { model: "anthropic/claude-sonnet-4-6", params: { cacheRetention: "long" } },
    );
    expect(change).toEqual({
      patch: {
        agents: {
          entries: {
            main: {
              model: "anthropic/claude-sonnet-4-6",
              params: { cacheRetention: "long", temperature: null },
            },
          },
        },
      },
      replacePaths: [],
    });
  });

  it("lists every array it sets, because OpenClaw only replaces arrays named in replacePaths", () => {
    const change = configMergePatch(
      ["agents", "defaults"],
      { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5"] } },
      { model: { primary: "anthropic/claude-opus-4-6", fallbacks: [] } },
    );
    expect(change).toEqual({
      patch: { agents: { defaults: { model: { fallbacks: [] } } } },
      replacePaths: ["agents.defaults.model.fallbacks"],
    });
  });

  it("lists arrays nested in a newly added object", () => {
    const change = configMergePatch(
      ["agents", "entries", "ops"],
      { model: "anthropic/claude-opus-4-6" },
      { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5"] } },
    );
    expect(change?.replacePaths).toEqual(["agents.entries.ops.model.fallbacks"]);
  });

  it("lists arrays it removes, also inside a removed object or one replaced by a plain value", () => {
    expect(
      configMergePatch(["auth"], { order: { anthropic: ["anthropic:a"] } }, { order: {} })?.replacePaths,
    ).toEqual(["auth.order.anthropic"]);
    const fallbacks = { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5"] };
    expect(configMergePatch(["agents", "entries", "ops"], { model: fallbacks }, {})?.replacePaths).toEqual([
      "agents.entries.ops.model.fallbacks",
    ]);
    expect(
      configMergePatch(
        ["agents", "entries", "ops"],
        { model: fallbacks },
        { model: "anthropic/claude-opus-4-6" },
      )?.replacePaths,
    ).toEqual(["agents.entries.ops.model.fallbacks"]);
  });

  it("answers null when nothing changes", () => {
    expect(configMergePatch(["agents"], { a: { b: [1] } }, { a: { b: [1] } })).toBeNull();
    expect(configMergePatch(["agents"], { a: 1 }, { a: 1, b: undefined })).toBeNull();
  });
});
