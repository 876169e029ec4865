import { describe, expect, it } from "vitest";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { applyAnthropicModelDefaults } from "./anthropic-plugin-defaults";

const SHORT = { params: { cacheRetention: "short" } };

describe("the Anthropic plugin's load-time models (API-key mode)", () => {
  it("adds its default allow list beside an Anthropic entry, with short cache retention", () => {
    const config: OpenClawConfig = {
      agents: { defaults: { models: { "anthropic/claude-opus-4-8": {}, "openai/gpt-5.4": {} } } },
    };
    expect(applyAnthropicModelDefaults(config, "api_key")).toEqual({
      "anthropic/claude-opus-4-8": SHORT,
      "openai/gpt-5.4": {},
      "anthropic/claude-sonnet-5": SHORT,
      "anthropic/claude-sonnet-4-6": SHORT,
    });
  });

  it("adds an Anthropic primary, and the allow list with it", () => {
    const config: OpenClawConfig = { agents: { defaults: { model: "anthropic/claude-haiku-4-5" } } };
    expect(Object.keys(applyAnthropicModelDefaults(config, "api_key"))).toEqual([
      "anthropic/claude-haiku-4-5",
      "anthropic/claude-sonnet-5",
      "anthropic/claude-sonnet-4-6",
    ]);
  });

  it("leaves a map without Anthropic models as written (lab gen-2-025)", () => {
    const config: OpenClawConfig = {
      agents: { defaults: { systemAgent: { agentId: "main" }, models: { "openai/gpt-5.4": {} } } },
    };
    expect(applyAnthropicModelDefaults(config, "api_key")).toEqual({ "openai/gpt-5.4": {} });
    expect(applyAnthropicModelDefaults({ agents: { defaults: {} } }, "api_key")).toEqual({});
  });

  it("changes nothing outside API-key mode or without agents.defaults", () => {
    const models = { "anthropic/claude-opus-4-8": {} };
    expect(applyAnthropicModelDefaults({ agents: { defaults: { models } } }, "oauth")).toBe(models);
    expect(applyAnthropicModelDefaults({}, "api_key")).toEqual({});
  });
});
