import { describe, expect, it } from "vitest";

import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { type ModelAuthKind, modelAuthKindOf, resolveModelParams } from "./resolve-model-params";

const REF = "anthropic/claude-opus-4-8";

function configWith(layers: {
  defaults?: Record<string, unknown>;
  defaultsModel?: Record<string, unknown>;
  agentModel?: Record<string, unknown>;
  agent?: Record<string, unknown>;
}): OpenClawConfig {
  return {
    agents: {
      ownership: "explicit",
      defaults: { params: layers.defaults, models: { [REF]: { params: layers.defaultsModel } } },
      entries: { work: { params: layers.agent, models: { [REF]: { params: layers.agentModel } } } },
    },
  };
}

function resolve(
  config: OpenClawConfig,
  authKind: ModelAuthKind = "api-key",
  modelRef = REF,
  agentId: string | null = "work",
) {
  return resolveModelParams({ config, ...(agentId === null ? {} : { agentId }), modelRef, authKind });
}

describe("the four-layer merge, later wins (facts §3.3)", () => {
  const all = configWith({
    defaults: { temperature: 0.1, maxTokens: 100, context1m: false, fastAutoOnSeconds: 5 },
    defaultsModel: { temperature: 0.2, maxTokens: 200, context1m: true },
    agentModel: { temperature: 0.3, maxTokens: 300 },
    agent: { temperature: 0.4 },
  });

  it.each([
    {
      key: "temperature",
      value: 0.4,
      source: "agent",
      shadowed: ["agent.models", "defaults.models", "defaults"],
    },
    { key: "maxTokens", value: 300, source: "agent.models", shadowed: ["defaults.models", "defaults"] },
    { key: "context1m", value: true, source: "defaults.models", shadowed: ["defaults"] },
    { key: "fastAutoOnSeconds", value: 5, source: "defaults", shadowed: [] },
  ])("$key comes from $source", ({ key, value, source, shadowed }) => {
    const param = resolve(all).params[key];
    expect(param?.value).toBe(value);
    expect(param?.source).toBe(source);
    expect(param?.shadowed.map((layer) => layer.source)).toEqual(shadowed);
  });

  it("without an agent only the defaults layers apply", () => {
    expect(resolve(all, "api-key", REF, null).params.temperature).toEqual({
      value: 0.2,
      source: "defaults.models",
      shadowed: [{ source: "defaults", value: 0.1 }],
    });
  });

  it("another model does not see this model's layers", () => {
    expect(resolve(all, "api-key", "anthropic/claude-sonnet-5").params.temperature?.source).toBe("agent");
    expect(resolve(all, "api-key", "anthropic/claude-sonnet-5").params.maxTokens?.source).toBe("defaults");
  });
});

describe("cacheRetention", () => {
  it.each([
    {
      case: "explicit none",
      layers: { agent: { cacheRetention: "none" } },
      authKind: "api-key",
      ref: REF,
      expected: { value: "none", source: "agent" },
    },
    {
      case: "explicit long",
      layers: { defaultsModel: { cacheRetention: "long" } },
      authKind: "api-key",
      ref: REF,
      expected: { value: "long", source: "defaults.models" },
    },
    {
      case: "explicit short",
      layers: { agentModel: { cacheRetention: "short" } },
      authKind: "api-key",
      ref: REF,
      expected: { value: "short", source: "agent.models" },
    },
    {
      case: "legacy 5m",
      layers: { defaults: { cacheControlTtl: "5m" } },
      authKind: "api-key",
      ref: REF,
      expected: { value: "short", source: "legacy-cacheControlTtl" },
    },
    {
      case: "legacy 1h",
      layers: { agent: { cacheControlTtl: "1h" } },
      authKind: "api-key",
      ref: REF,
      expected: { value: "long", source: "legacy-cacheControlTtl" },
    },
    {
      case: "explicit beats legacy",
      layers: { defaults: { cacheRetention: "none" }, agent: { cacheControlTtl: "1h" } },
      authKind: "api-key",
      ref: REF,
      expected: { value: "none", source: "defaults" },
    },
    {
      case: "API-key default for direct Anthropic",
      layers: {},
      authKind: "api-key",
      ref: REF,
      expected: { value: "short", source: "provider-default" },
    },
    {
      case: "default for anthropic-vertex",
      layers: {},
      authKind: "unknown",
      ref: "anthropic-vertex/claude-opus-4-8",
      expected: { value: "short", source: "provider-default" },
    },
    {
      case: "invalid value falls through to the default",
      layers: { agent: { cacheRetention: "standard" } },
      authKind: "api-key",
      ref: REF,
      expected: { value: "short", source: "provider-default" },
    },
    { case: "no default for OpenAI", layers: {}, authKind: "api-key", ref: "openai/gpt-5.5", expected: null },
    {
      case: "no default under subscription auth",
      layers: {},
      authKind: "subscription",
      ref: REF,
      expected: null,
    },
  ] as const)("$case", ({ layers, authKind, ref, expected }) => {
    const result = resolve(configWith(layers), authKind, ref).cacheRetention;
    expect(result === null ? null : { value: result.value, source: result.source }).toEqual(expected);
  });

  it("warns when a legacy or invalid value is found", () => {
    expect(
      resolve(configWith({ agent: { cacheRetention: "standard" } })).warnings.map((warning) => warning.code),
    ).toEqual(["invalid-cache-retention"]);
    expect(
      resolve(configWith({ defaults: { cacheControlTtl: "5m" } })).warnings.map((warning) => warning.code),
    ).toEqual(["legacy-cache-control-ttl"]);
  });

  it("says cache settings are ineffective under subscription auth", () => {
    const result = resolve(configWith({ defaultsModel: { cacheRetention: "long" } }), "subscription");
    expect(result.cacheSettingsIgnored).toBe(true);
    expect(result.warnings[0]?.code).toBe("subscription-ignores-cache");
    expect(result.cacheRetention?.value).toBe("long");
    expect(
      resolve(configWith({ defaultsModel: { cacheRetention: "long" } }), "api-key").cacheSettingsIgnored,
    ).toBe(false);
  });
});

describe("modelAuthKindOf", () => {
  it.each([
    { input: "api_key", expected: "api-key" },
    { input: "env-api-key", expected: "api-key" },
    { input: "token", expected: "subscription" },
    { input: "oauth", expected: "subscription" },
    { input: "env-oauth", expected: "subscription" },
    { input: undefined, expected: "unknown" },
  ] as const)("$input → $expected", ({ input, expected }) => {
    expect(modelAuthKindOf(input)).toBe(expected);
  });
});
