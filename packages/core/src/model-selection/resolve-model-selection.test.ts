import { describe, expect, it } from "vitest";

import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { OPENCLAW_DATA } from "../openclaw-data/openclaw-shipped-data";
import { detectAnthropicAuthMode } from "./anthropic-plugin-defaults";
import { applyDefaultModelAliases, buildAliasIndex } from "./model-aliases";
import { resolveModelRef } from "./model-ref";
import {
  prepareModelSelection,
  readAgentModelOverride,
  resolveModelSelection,
} from "./resolve-model-selection";

const defaults = { model: { primary: "anthropic/claude-opus-4-8", fallbacks: ["openai/gpt-5.5"] } };
const withAgent = (model: unknown): OpenClawConfig =>
  ({ agents: { ownership: "explicit", defaults, entries: { main: {}, work: { model } } } }) as OpenClawConfig;

describe("agent model overrides: strict primary (facts §1.2 fallbacks, §3.2)", () => {
  it.each([
    {
      case: "no model",
      model: undefined,
      defaultModel: "anthropic/claude-opus-4-8",
      fallbacks: ["openai/gpt-5.5"],
      sources: ["defaults", "defaults"],
    },
    {
      case: "a string",
      model: "openai/gpt-5.5",
      defaultModel: "openai/gpt-5.5",
      fallbacks: [],
      sources: ["agent", "agent"],
    },
    {
      case: "a blank string",
      model: "  ",
      defaultModel: "anthropic/claude-opus-4-8",
      fallbacks: ["openai/gpt-5.5"],
      sources: ["defaults", "defaults"],
    },
    {
      case: "primary without fallbacks",
      model: { primary: "anthropic/claude-sonnet-5" },
      defaultModel: "anthropic/claude-sonnet-5",
      fallbacks: [],
      sources: ["agent", "agent"],
    },
    {
      case: "primary with [] fallbacks",
      model: { primary: "anthropic/claude-sonnet-5", fallbacks: [] },
      defaultModel: "anthropic/claude-sonnet-5",
      fallbacks: [],
      sources: ["agent", "agent"],
    },
    {
      case: "primary with fallbacks",
      model: { primary: "anthropic/claude-sonnet-5", fallbacks: ["x/y"] },
      defaultModel: "anthropic/claude-sonnet-5",
      fallbacks: ["x/y"],
      sources: ["agent", "agent"],
    },
    {
      case: "only fallbacks",
      model: { fallbacks: ["x/y"] },
      defaultModel: "anthropic/claude-opus-4-8",
      fallbacks: ["x/y"],
      sources: ["defaults", "agent"],
    },
  ])("$case", ({ model, defaultModel, fallbacks, sources }) => {
    const selection = resolveModelSelection(withAgent(model), {}, "work");
    expect(selection.defaultModel).toBe(defaultModel);
    expect(selection.fallbacks).toEqual(fallbacks);
    expect(selection.modelConfig).toEqual({ defaultSource: sources[0], fallbacksSource: sources[1] });
  });

  it("ignores the agent's model when the agent was not named explicitly", () => {
    const selection = resolveModelSelection(withAgent("openai/gpt-5.5"), {});
    expect(selection.defaultModel).toBe("anthropic/claude-opus-4-8");
    expect(selection.modelConfig).toBeUndefined();
  });

  it("reads an override without a config around it", () => {
    expect(readAgentModelOverride(undefined)).toEqual({ primary: null, fallbacks: null });
  });
});

describe("defaults, aliases and utility model (facts §1.2, §3.4)", () => {
  it("falls back to OpenClaw's built-in default with nothing configured", () => {
    const selection = resolveModelSelection({}, {});
    expect([selection.defaultModel, selection.resolvedDefault]).toEqual([
      "openai/gpt-6-astra",
      "openai/gpt-6-astra",
    ]);
    expect(selection.utilityModel).toEqual({ ref: "openai/gpt-5.6-luna", source: "provider-default" });
  });

  it("resolves an alias primary and keeps the raw value as defaultModel", () => {
    const config: OpenClawConfig = {
      agents: { defaults: { model: "Opus", models: { "anthropic/claude-opus-4-8": { alias: "opus" } } } },
    };
    const selection = resolveModelSelection(config, {});
    expect([selection.defaultModel, selection.resolvedDefault]).toEqual([
      "Opus",
      "anthropic/claude-opus-4-8",
    ]);
  });

  it.each([
    { utilityModel: "", expected: { ref: null, source: "disabled" } },
    { utilityModel: "openai/gpt-5.5", expected: { ref: "openai/gpt-5.5", source: "config" } },
    { utilityModel: undefined, expected: { ref: "anthropic/claude-haiku-4-5", source: "provider-default" } },
  ])("utilityModel $utilityModel → $expected.source", ({ utilityModel, expected }) => {
    const config: OpenClawConfig = {
      agents: {
        defaults: {
          model: "anthropic/claude-opus-4-8",
          ...(utilityModel === undefined ? {} : { utilityModel }),
        },
      },
    };
    expect(resolveModelSelection(config, {}).utilityModel).toEqual(expected);
  });

  it("has no utility model for a provider without a declared small one", () => {
    expect(
      resolveModelSelection({ agents: { defaults: { model: "mistral/large" } } }, {}).utilityModel,
    ).toEqual({ ref: null, source: "none" });
  });

  it("derives the provider default from the inspected agent's own primary, even without --agent", () => {
    const config: OpenClawConfig = {
      agents: {
        ownership: "explicit",
        defaults: { model: "anthropic/claude-opus-4-8", systemAgent: { agentId: "work" } },
        entries: { main: {}, work: { model: "openai/gpt-5.5" } },
      },
    };
    const selection = prepareModelSelection(config, {}).selectionFor(undefined, "work");
    expect(selection.resolvedDefault).toBe("anthropic/claude-opus-4-8");
    expect(selection.utilityModel).toEqual({ ref: "openai/gpt-5.6-luna", source: "provider-default" });
    expect(prepareModelSelection(config, {}).selectionFor(undefined, "main").utilityModel).toEqual({
      ref: "anthropic/claude-haiku-4-5",
      source: "provider-default",
    });
  });

  it("applies a built-in alias only to an unaliased entry whose alias is free", () => {
    const index = buildAliasIndex([
      applyDefaultModelAliases({
        "anthropic/claude-opus-5": {},
        "anthropic/claude-sonnet-5": {},
        "anthropic/claude-opus-4-8": { alias: "sonnet" },
        "openai/gpt-5.4": { alias: "g" },
      }),
    ]);
    expect(index.byAlias).toEqual({
      opus: "anthropic/claude-opus-5",
      sonnet: "anthropic/claude-opus-4-8",
      g: "openai/gpt-5.4",
    });
  });

  it.each([
    { raw: "OPUS", expected: "anthropic/claude-opus-4-8" },
    { raw: "Anthropic/claude-x", expected: "anthropic/claude-x" },
    { raw: "gpt-5.5", expected: "openai/gpt-5.5" },
    { raw: "openrouter/moonshotai/kimi-k2", expected: "openrouter/moonshotai/kimi-k2" },
    { raw: " ", expected: null },
  ])("resolveModelRef($raw) → $expected", ({ raw, expected }) => {
    expect(resolveModelRef(raw, new Map([["opus", "anthropic/claude-opus-4-8"]]))).toBe(expected);
  });

  it("lists an explicit allow list alone: wildcards expand against the catalog, map keys are not added", () => {
    const config: OpenClawConfig = {
      agents: {
        defaults: {
          model: "openai/gpt-5.5",
          models: { "openai/gpt-5.5": { alias: "g" }, "google/gemini-3-pro": {} },
          modelPolicy: { allow: ["g", "mistral/*", "xai/*", "Anthropic/Claude-Opus-5", "acme/big"] },
        },
      },
    };
    expect(resolveModelSelection(config, {}).allowed).toEqual([
      "acme/big",
      "anthropic/claude-opus-5",
      "mistral/*",
      "openai/gpt-5.5",
      ...(OPENCLAW_DATA.catalog.xai ?? []).map((id) => `xai/${id}`).sort(),
    ]);
  });

  it("falls back to the models map keys (canonical) without a policy, and to any model without either", () => {
    const defaults = { model: "openai/gpt-5.5", models: { "Google/gemini-3-pro": {}, "openai/gpt-5.5": {} } };
    const config: OpenClawConfig = { agents: { defaults } };
    expect(resolveModelSelection(config, {}).allowed).toEqual([
      "google/gemini-3.1-pro-preview",
      "openai/gpt-5.5",
    ]);
    const withEmptyPolicy = { agents: { defaults: { ...defaults, modelPolicy: {} } } };
    expect(resolveModelSelection(withEmptyPolicy, {}).allowed).toEqual([]);
    expect(resolveModelSelection({ agents: { defaults: { model: "openai/gpt-5.5" } } }, {}).allowed).toEqual(
      [],
    );
  });

  it("takes an agent's own allow list for that agent, with its own aliases", () => {
    const config: OpenClawConfig = {
      agents: {
        ownership: "explicit",
        defaults: { ...defaults, modelPolicy: { allow: ["anthropic/claude-opus-5"] } },
        entries: {
          main: {},
          work: {
            model: "openai/gpt-5.5",
            models: { "google/gemini-2.5-pro": { alias: "pro" } },
            modelPolicy: { allow: ["pro", "openai/gpt-5.4"] },
          },
        },
      },
    };
    expect(resolveModelSelection(config, {}, "work").allowed).toEqual([
      "google/gemini-2.5-pro",
      "openai/gpt-5.4",
    ]);
    expect(resolveModelSelection(config, {}, undefined).allowed).toEqual(["anthropic/claude-opus-5"]);
  });
});

describe("Anthropic plugin defaults (facts §3.4)", () => {
  const profiles: NonNullable<NonNullable<OpenClawConfig["auth"]>["profiles"]> = {
    "anthropic:key": { provider: "anthropic", mode: "api_key" },
    "anthropic:sub": { provider: "anthropic", mode: "token" },
  };
  const keyOnly = { "anthropic:key": { provider: "anthropic", mode: "api_key" as const } };
  const tokenOnly = { "anthropic:sub": { provider: "anthropic", mode: "token" as const } };
  const cases: {
    case: string;
    auth: NonNullable<OpenClawConfig["auth"]>;
    env: Record<string, string>;
    expected: string;
  }[] = [
    {
      case: "order starts with a token",
      auth: { profiles, order: { anthropic: ["anthropic:sub", "anthropic:key"] } },
      env: {},
      expected: "oauth",
    },
    {
      case: "order starts with an API key",
      auth: { profiles, order: { anthropic: ["anthropic:key", "anthropic:sub"] } },
      env: {},
      expected: "api_key",
    },
    {
      case: "order names the Claude CLI",
      auth: { order: { "claude-cli": ["claude-cli:default"] } },
      env: {},
      expected: "oauth",
    },
    { case: "only API-key profiles", auth: { profiles: keyOnly }, env: {}, expected: "api_key" },
    { case: "only token profiles", auth: { profiles: tokenOnly }, env: {}, expected: "oauth" },
    { case: "both kinds, no env", auth: { profiles }, env: {}, expected: "none" },
    {
      case: "both kinds, OAuth env",
      auth: { profiles },
      env: { ANTHROPIC_OAUTH_TOKEN: "t", ANTHROPIC_API_KEY: "k" },
      expected: "oauth",
    },
    {
      case: "both kinds, API-key env",
      auth: { profiles },
      env: { ANTHROPIC_API_KEY: "k" },
      expected: "api_key",
    },
    { case: "nothing but an env key", auth: {}, env: { ANTHROPIC_API_KEY: "k" }, expected: "api_key" },
    { case: "nothing", auth: {}, env: {}, expected: "none" },
  ];

  it.each(cases)("$case → $expected", ({ auth, env, expected }) => {
    expect(detectAnthropicAuthMode({ auth }, env)).toBe(expected);
  });

  it("in API-key mode seeds short retention, the primary and the two sonnets; aliases and allowed show them", () => {
    const config: OpenClawConfig = {
      agents: {
        defaults: {
          model: "anthropic/claude-opus-5",
          models: { "anthropic/claude-haiku-4-5": { params: { temperature: 0 } } },
        },
      },
    };
    const selection = resolveModelSelection(config, { ANTHROPIC_API_KEY: "k" });
    expect(selection.effectiveModels).toEqual({
      "anthropic/claude-haiku-4-5": { params: { temperature: 0, cacheRetention: "short" } },
      "anthropic/claude-opus-5": { params: { cacheRetention: "short" }, alias: "opus" },
      "anthropic/claude-sonnet-5": { params: { cacheRetention: "short" }, alias: "sonnet" },
      "anthropic/claude-sonnet-4-6": { params: { cacheRetention: "short" } },
    });
    expect(selection.aliases).toEqual({
      opus: "anthropic/claude-opus-5",
      sonnet: "anthropic/claude-sonnet-5",
    });
  });

  it("changes nothing under subscription auth or without agents.defaults", () => {
    const config: OpenClawConfig = { agents: { defaults: { model: "anthropic/claude-opus-5" } } };
    expect(resolveModelSelection(config, { ANTHROPIC_OAUTH_TOKEN: "t" }).allowed).toEqual([]);
    expect(resolveModelSelection({}, { ANTHROPIC_API_KEY: "k" }).allowed).toEqual([]);
  });

  // why: the plugin reads the primary as written, a bare name as Anthropic's, and Claude names as current
  // models (`resolveKnownAnthropicModelRef`); lab capture gen-1-046.
  it.each([
    { primary: "gpt-mini", added: "anthropic/gpt-mini" },
    { primary: "opus", added: "anthropic/claude-opus-5" },
    { primary: "anthropic/claude-opus-4-5", added: "anthropic/claude-opus-5" },
    { primary: "claude-cli/claude-sonnet-4-6", added: "anthropic/claude-sonnet-4-6" },
  ])("in API-key mode adds the primary $primary as $added", ({ primary, added }) => {
    const config: OpenClawConfig = { agents: { defaults: { model: primary } } };
    const { effectiveModels } = resolveModelSelection(config, { ANTHROPIC_API_KEY: "k" });
    expect(effectiveModels[added]?.params).toEqual({ cacheRetention: "short" });
  });

  it("seeds the two sonnets only when some Anthropic model is configured", () => {
    const config: OpenClawConfig = {
      agents: { defaults: { model: "openai/gpt-5.5", models: { "openai/gpt-5.4": {} } } },
    };
    expect(Object.keys(resolveModelSelection(config, { ANTHROPIC_API_KEY: "k" }).effectiveModels)).toEqual([
      "openai/gpt-5.4",
    ]);
  });
});

describe("a bare primary (inferUniqueProviderFromConfiguredModels)", () => {
  // why: lab capture gen-1-046: the Anthropic plugin added `anthropic/gpt-mini`, so `gpt-mini` is Anthropic's,
  // and the provider's utility model follows.
  it("is the model of the one provider whose configured models list it", () => {
    const config: OpenClawConfig = { agents: { defaults: { model: "gpt-mini" } } };
    const selection = resolveModelSelection(config, { ANTHROPIC_API_KEY: "k" });
    expect(selection.resolvedDefault).toBe("anthropic/gpt-mini");
    expect(selection.utilityModel).toEqual({ ref: "anthropic/claude-haiku-4-5", source: "provider-default" });
  });

  it("is the default provider's when no provider or several list it", () => {
    const none: OpenClawConfig = { agents: { defaults: { model: "gpt-mini" } } };
    expect(resolveModelSelection(none, {}).resolvedDefault).toBe("openai/gpt-mini");
    const several = {
      agents: { defaults: { model: "large", models: { "acme/large": {}, "other/large": {} } } },
    } as OpenClawConfig;
    expect(resolveModelSelection(several, {}).resolvedDefault).toBe("openai/large");
  });

  it("reads models.providers rows, and an explicit agent's own map first", () => {
    const config = {
      models: { providers: { acme: { models: [{ id: "large" }] } } },
      agents: {
        ownership: "explicit",
        defaults: { model: "large" },
        entries: { main: {}, work: { models: { "other/large": {} } } },
      },
    } as OpenClawConfig;
    expect(resolveModelSelection(config, {}).resolvedDefault).toBe("acme/large");
    expect(resolveModelSelection(config, {}, "work").resolvedDefault).toBe("other/large");
  });
});

describe("no primary: the first configured provider's model (resolveConfiguredProviderFallback)", () => {
  const acme = { baseUrl: "http://127.0.0.1:9/v1", models: [{ id: "acme-large" }, { id: "acme-small" }] };

  it("makes a custom provider's first model the default, whose provider has no utility model", () => {
    const selection = resolveModelSelection({ models: { providers: { acme } } }, {});
    expect(selection.defaultModel).toBe("acme/acme-large");
    expect(selection.resolvedDefault).toBe("acme/acme-large");
    expect(selection.utilityModel).toEqual({ ref: null, source: "none" });
  });

  it("keeps the built-in default when OpenAI's own rows list it, or no provider lists a model", () => {
    const openai = { models: [{ id: "gpt-6-astra" }] };
    expect(resolveModelSelection({ models: { providers: { openai, acme } } }, {}).defaultModel).toBe(
      "openai/gpt-6-astra",
    );
    expect(
      resolveModelSelection({ models: { providers: { acme: { ...acme, models: [] } } } }, {}).defaultModel,
    ).toBe("openai/gpt-6-astra");
  });

  it("skips an explicit utility model kept apart by the separation migration", () => {
    const config = {
      meta: { migrations: { utilityModelSeparation: true } },
      agents: { defaults: { utilityModel: "acme/acme-large" } },
      models: { providers: { acme } },
    };
    expect(resolveModelSelection(config, {}).defaultModel).toBe("acme/acme-small");
    const { meta: _meta, ...unmarked } = config;
    expect(resolveModelSelection(unmarked, {}).defaultModel).toBe("acme/acme-large");
  });
});
