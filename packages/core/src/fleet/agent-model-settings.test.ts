import { describe, expect, it } from "vitest";
import type { OpenClawState } from "../models-status/openclaw-state";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { describeAgentModelSettings } from "./agent-model-settings";

const now = Date.parse("2026-11-24T12:00:00Z");

function stateWith(
  config: OpenClawConfig,
  profiles: Record<string, unknown>,
  agentProfiles?: Record<string, unknown>,
  agentLastGood?: Record<string, string>,
): OpenClawState {
  return {
    config,
    sharedStore: { credentials: { version: 1, profiles } as never, runtime: null },
    agentStores: agentProfiles
      ? {
          work: {
            credentials: { version: 1, profiles: agentProfiles } as never,
            runtime: agentLastGood ? { version: 1, lastGood: agentLastGood } : null,
          },
        }
      : {},
  };
}

const config: OpenClawConfig = {
  agents: {
    ownership: "explicit",
    defaults: {
      model: { primary: "anthropic/claude-opus-4-8", fallbacks: ["sonnet"] },
      models: {
        "anthropic/claude-opus-4-8": { alias: "opus", params: { cacheRetention: "long", temperature: 0.5 } },
        "anthropic/claude-sonnet-5": { alias: "sonnet" },
      },
      params: { maxTokens: 4000 },
    },
    entries: {
      main: {},
      work: {
        model: { primary: "opus", fallbacks: ["anthropic/claude-sonnet-5"] },
        params: { temperature: 0.1 },
      },
    },
  },
};

const apiKey = { type: "api_key", provider: "anthropic", key: "sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxx" };
const setupToken = { type: "token", provider: "anthropic", token: `sk-ant-oat01-${"x".repeat(80)}` };

describe("describeAgentModelSettings", () => {
  it("resolves the agent's own primary and fallbacks, and each param with the layer it came from", () => {
    const settings = describeAgentModelSettings(stateWith(config, { "anthropic:default": apiKey }), {
      agentId: "work",
      now,
    });
    expect(settings.choice).toEqual({
      mode: "fallbacks",
      primary: "opus",
      fallbacks: ["anthropic/claude-sonnet-5"],
    });
    expect(settings.effective).toEqual({
      primary: "anthropic/claude-opus-4-8",
      fallbacks: ["anthropic/claude-sonnet-5"],
      primarySource: "agent",
      fallbacksSource: "agent",
    });
    const [primary, fallback] = settings.models;
    expect(primary).toMatchObject({
      modelRef: "anthropic/claude-opus-4-8",
      role: "primary",
      authKind: "api-key",
      firstProfileId: "anthropic:default",
    });
    expect(primary?.params.params.temperature).toMatchObject({
      value: 0.1,
      source: "agent",
      shadowed: [{ source: "defaults.models", value: 0.5 }],
    });
    expect(primary?.params.params.maxTokens).toMatchObject({ value: 4000, source: "defaults" });
    expect(primary?.params.cacheRetention).toMatchObject({ value: "long", source: "defaults.models" });
    expect(fallback?.params.cacheRetention).toMatchObject({ value: "short", source: "provider-default" });
    expect(settings.lastGood).toEqual({});
    expect(settings.knownModels).toEqual(
      expect.arrayContaining(["anthropic/claude-opus-4-8", "opus", "sonnet"]),
    );
  });

  it("says cache settings are ignored when the agent's own setup-token comes first", () => {
    const state = stateWith(
      config,
      { "anthropic:default": apiKey },
      { "anthropic:work": setupToken },
      { anthropic: "anthropic:work" },
    );
    const settings = describeAgentModelSettings(state, { agentId: "work", now });
    expect(settings.lastGood).toEqual({ anthropic: "anthropic:work" });
    const [primary] = settings.models;
    expect(primary).toMatchObject({ authKind: "subscription", firstProfileId: "anthropic:work" });
    expect(primary?.params.cacheSettingsIgnored).toBe(true);
    expect(primary?.params.warnings[0]?.code).toBe("subscription-ignores-cache");
  });

  it("follows the gateway defaults for an agent without its own model", () => {
    const settings = describeAgentModelSettings(stateWith(config, {}), { agentId: "main", now });
    expect(settings.choice).toEqual({ mode: "inherit" });
    expect(settings.effective).toMatchObject({
      primary: "anthropic/claude-opus-4-8",
      fallbacks: ["sonnet"],
      primarySource: "defaults",
    });
    expect(settings.models.map((model) => [model.modelRef, model.authKind])).toEqual([
      ["anthropic/claude-opus-4-8", "unknown"],
      ["anthropic/claude-sonnet-5", "unknown"],
    ]);
  });
});
