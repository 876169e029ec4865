import { describe, expect, it } from "vitest";
import {
  gatewayDefaultsEditSchema,
  gatewayModelsAfterEdit,
  migrateCacheControlTtl,
} from "./gateway-defaults-edit.schema";

describe("gatewayDefaultsEditSchema", () => {
  it("accepts a default model with fallbacks and params, or no default model", () => {
    const edit = {
      model: { primary: "anthropic/claude-sonnet-4-6", fallbacks: ["anthropic/claude-opus-4-6"] },
      params: { cacheRetention: "long" },
    };
    expect(gatewayDefaultsEditSchema.parse(edit)).toEqual(edit);
    expect(gatewayDefaultsEditSchema.safeParse({ model: null, params: {} }).success).toBe(true);
  });

  it.each([
    [{ model: { primary: "", fallbacks: [] }, params: {} }, "Choose a model."],
    [{ model: { primary: "a/b", fallbacks: ["c/d", "c/d"] }, params: {} }, "Each fallback may appear once."],
    [{ model: null, params: { cacheRetention: "forever" } }, "Invalid option"],
  ])("refuses %j with %s", (input, message) => {
    const result = gatewayDefaultsEditSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });
});

describe("gatewayDefaultsEditSchema: image, utility and models map", () => {
  it("accepts image and utility models, and a models map with aliases and params", () => {
    const edit = {
      model: null,
      params: {},
      imageModel: "openai/gpt-image-2",
      utilityModel: null,
      models: { "anthropic/claude-opus-4-8": { alias: "opus", params: { cacheRetention: "long" } } },
    };
    expect(gatewayDefaultsEditSchema.parse(edit)).toEqual(edit);
  });

  it("refuses one alias for two models, naming the entry", () => {
    const result = gatewayDefaultsEditSchema.safeParse({
      model: null,
      params: {},
      models: { "a/one": { alias: "fast" }, "a/two": { alias: "Fast" } },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ["models", "a/two", "alias"],
      message: "The alias Fast is already used by a/one.",
    });
  });
});

describe("gatewayModelsAfterEdit", () => {
  it("replaces alias and params, keeps other settings, drops entries left out and empty params", () => {
    const current = {
      "a/one": { alias: "one", params: { temperature: 1 }, streaming: false },
      "a/gone": { alias: "gone" },
    };
    expect(
      gatewayModelsAfterEdit(current, {
        "a/one": { params: {} },
        "a/new": { alias: "new", params: { cacheRetention: "short" } },
      }),
    ).toEqual({
      "a/one": { streaming: false },
      "a/new": { alias: "new", params: { cacheRetention: "short" } },
    });
  });
});

describe("migrateCacheControlTtl", () => {
  it.each([
    [{ cacheControlTtl: "5m" }, { cacheRetention: "short" }],
    [
      { cacheControlTtl: "1h", temperature: 0.2 },
      { temperature: 0.2, cacheRetention: "long" },
    ],
    [{ cacheControlTtl: "1h", cacheRetention: "none" }, { cacheRetention: "none" }],
    [{ cacheControlTtl: "10m" }, {}],
    [{ temperature: 1 }, { temperature: 1 }],
  ])("%j → %j", (params, expected) => {
    expect(migrateCacheControlTtl(params)).toEqual(expected);
  });
});
