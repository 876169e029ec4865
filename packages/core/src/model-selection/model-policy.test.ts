import { describe, expect, it } from "vitest";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { offlineModelCatalog } from "./model-catalog";
import { allowedModels, modelPolicyEntries } from "./model-policy";

const catalog = [
  { provider: "anthropic", id: "claude-opus-5" },
  { provider: "anthropic", id: "claude-sonnet-5" },
  { provider: "claude-cli", id: "claude-opus-5" },
  { provider: "openrouter", id: "moonshotai/kimi-k2" },
  { provider: "openrouter", id: "openai/gpt-5.5" },
  { provider: "google", id: "gemini-3.1-pro-preview" },
];
const aliases = new Map([["son", "anthropic/claude-sonnet-5"]]);

describe("allowedModels", () => {
  it("is empty (any model) without policy entries", () => {
    expect(allowedModels([], catalog, aliases)).toEqual([]);
  });

  it("expands provider and namespace wildcards against the catalog, at segment boundaries only", () => {
    expect(allowedModels(["Anthropic/*", "openrouter/moonshotai/*"], catalog, aliases)).toEqual([
      "anthropic/claude-opus-5",
      "anthropic/claude-sonnet-5",
      "openrouter/moonshotai/kimi-k2",
    ]);
  });

  it("keeps a wildcard that matches nothing in the catalog as written", () => {
    expect(allowedModels(["mistral/*"], catalog, aliases)).toEqual(["mistral/*"]);
  });

  it("resolves aliases and ids, matches the catalog case-insensitively, and lists unknown exact refs", () => {
    expect(
      allowedModels(
        ["son", "ANTHROPIC/Claude-Opus-5", "google/gemini-3-pro", "acme/big", " "],
        catalog,
        aliases,
      ),
    ).toEqual([
      "acme/big",
      "anthropic/claude-opus-5",
      "anthropic/claude-sonnet-5",
      "google/gemini-3.1-pro-preview",
    ]);
  });

  it("gives a bare id the one catalog provider holding it, else the default provider", () => {
    expect(allowedModels(["gemini-3.1-pro-preview", "claude-opus-5"], catalog, aliases)).toEqual([
      "google/gemini-3.1-pro-preview",
      "openai/claude-opus-5",
    ]);
  });
});

describe("modelPolicyEntries", () => {
  const models = { "openai/gpt-5.5": {}, " ": {} };
  it.each([
    {
      case: "the agent's own list wins, even empty",
      config: { agents: { defaults: { modelPolicy: { allow: ["a/*"] } } } },
      agent: { modelPolicy: { allow: [] } },
      expected: { entries: [], byAgent: true },
    },
    {
      case: "then the defaults' list",
      config: { agents: { defaults: { modelPolicy: { allow: ["a/*"] } } } },
      agent: { modelPolicy: {} },
      expected: { entries: ["a/*"], byAgent: false },
    },
    {
      case: "then the models map keys of an unmigrated config",
      config: { agents: { defaults: {} } },
      agent: undefined,
      expected: { entries: ["openai/gpt-5.5"], byAgent: false },
    },
    {
      case: "not when defaults have a policy object",
      config: { agents: { defaults: { modelPolicy: {} } } },
      agent: undefined,
      expected: { entries: [], byAgent: false },
    },
    {
      case: "not once migrated",
      config: { meta: { migrations: { modelPolicyAllowlist: true } }, agents: { defaults: {} } },
      agent: undefined,
      expected: { entries: [], byAgent: false },
    },
  ])("$case", ({ config, agent, expected }) => {
    expect(modelPolicyEntries(config as OpenClawConfig, agent, models)).toEqual(expected);
  });
});

describe("offlineModelCatalog", () => {
  it("is the shipped catalog plus configured provider rows, ids normalised, without duplicates", () => {
    const config = {
      models: {
        providers: {
          ACME: { models: [{ id: "big" }, { id: " " }, { name: "no id" }] },
          google: { models: [{ id: "gemini-3-pro" }] },
        },
      },
    } as OpenClawConfig;
    const data = {
      catalog: { google: ["gemini-3.1-pro-preview"] },
      modelIdNormalization: { google: { aliases: { "gemini-3-pro": "gemini-3.1-pro-preview" } } },
    };
    expect(offlineModelCatalog(config, data)).toEqual([
      { provider: "google", id: "gemini-3.1-pro-preview" },
      { provider: "acme", id: "big" },
    ]);
  });
});
