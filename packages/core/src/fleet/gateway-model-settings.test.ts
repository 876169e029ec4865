import { describe, expect, it } from "vitest";
import type { OpenClawState } from "../models-status/openclaw-state";
import { describeGatewayModelSettings } from "./gateway-model-settings";

const NOW = Date.UTC(2027, 0, 15, 8, 0, 0);
const KEY = `sk-ant-api03-${"k".repeat(40)}`;

function settingsOf(defaults: Record<string, unknown>, agentParams: Record<string, unknown> = {}) {
  const state = {
    config: {
      agents: {
        ownership: "explicit",
        defaults,
        entries: { main: { name: "Main", params: agentParams } },
      },
    },
    sharedStore: {
      credentials: {
        version: 1,
        profiles: { "anthropic:key": { type: "api_key", provider: "anthropic", key: KEY } },
      },
      runtime: { version: 1, usageStats: {} },
    },
    agentStores: {},
  } as OpenClawState;
  return describeGatewayModelSettings(state, { now: NOW });
}

describe("describeGatewayModelSettings", () => {
  it("lists the default chain and the models map, each param with its gateway layer", () => {
    const settings = settingsOf(
      {
        model: { primary: "opus", fallbacks: ["anthropic/claude-sonnet-4-6"] },
        params: { temperature: 0.5 },
        models: {
          "anthropic/claude-opus-4-8": { alias: "opus", params: { cacheRetention: "long" } },
          "anthropic/claude-haiku-4-5": { params: { cacheControlTtl: "5m" } },
        },
      },
      { temperature: 1 },
    );
    expect(settings.effective).toMatchObject({
      primary: "anthropic/claude-opus-4-8",
      fallbacks: ["anthropic/claude-sonnet-4-6"],
    });
    expect(settings.models.map((model) => [model.modelRef, model.roles])).toEqual([
      ["anthropic/claude-opus-4-8", ["primary", "models-map"]],
      ["anthropic/claude-sonnet-4-6", ["fallback"]],
      ["anthropic/claude-haiku-4-5", ["models-map"]],
    ]);
    const [opus, sonnet, haiku] = settings.models;
    expect(opus).toMatchObject({ authKind: "api-key", firstProfileId: "anthropic:key" });
    expect(opus?.params.cacheRetention).toMatchObject({ value: "long", source: "defaults.models" });
    // An agent's own params never show among the gateway's.
    expect(opus?.params.params.temperature).toMatchObject({ value: 0.5, source: "defaults" });
    expect(sonnet?.params.cacheRetention).toMatchObject({ value: "short", source: "provider-default" });
    expect(haiku?.params.cacheRetention).toMatchObject({ value: "short", source: "legacy-cacheControlTtl" });
  });
});
