import { describe, expect, it } from "vitest";

import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { resolveOpenAIModelRoutes } from "./openai-model-routes";

const routesOf = (model: string, config: OpenClawConfig = {}, env = {}, catalogued = false) =>
  resolveOpenAIModelRoutes({ model, config, env, catalogued });

const withProvider = (entry: Record<string, unknown>): OpenClawConfig => ({
  models: { providers: { openai: entry } },
});

describe("resolveOpenAIModelRoutes (the routes OpenAI's route policy gives a model)", () => {
  it("gives a model OpenAI ships on both transports both routes, Platform first", () => {
    expect(routesOf("gpt-5.6-luna", {}, {}, true)).toEqual({
      kind: "routes",
      requirements: ["api-key", "subscription"],
    });
    // The legacy id is the same model.
    expect(routesOf("gpt-5.4-codex")).toEqual({ kind: "routes", requirements: ["api-key", "subscription"] });
  });

  it("gives another catalogued model its Platform route only", () => {
    expect(routesOf("gpt-5.4-nano", {}, {}, true)).toEqual({ kind: "routes", requirements: ["api-key"] });
  });

  it("gives a single-transport model its one route without a catalog row", () => {
    expect(routesOf("gpt-5.6")).toEqual({ kind: "routes", requirements: ["api-key"] });
    expect(routesOf("gpt-5.3-codex-spark")).toEqual({ kind: "routes", requirements: ["subscription"] });
  });

  it("leaves an uncatalogued model undecided until some fact names its route", () => {
    expect(routesOf("gpt")).toEqual({ kind: "indeterminate" });
    // An authored Platform base URL decides it (lab capture gen-1-047).
    expect(routesOf("gpt", withProvider({ baseUrl: "https://api.openai.com/v1", models: [] }))).toEqual({
      kind: "routes",
      requirements: ["api-key"],
    });
    expect(routesOf("gpt", {}, { OPENAI_BASE_URL: "https://proxy.example/v1" })).toEqual({
      kind: "routes",
      requirements: ["api-key"],
    });
  });

  it("narrows a dual model to the authored transport", () => {
    expect(routesOf("gpt-5.5", withProvider({ baseUrl: "https://chatgpt.com/backend-api/codex" }))).toEqual({
      kind: "routes",
      requirements: ["subscription"],
    });
    expect(routesOf("gpt-5.5", withProvider({ baseUrl: "https://api.openai.com/v1" }))).toEqual({
      kind: "routes",
      requirements: ["api-key"],
    });
    // A model row's own facts win over the provider's.
    const row = withProvider({
      baseUrl: "https://api.openai.com/v1",
      models: [
        { id: "openai/gpt-5.5", api: "openai-chatgpt-responses", baseUrl: "https://chatgpt.com/backend-api" },
      ],
    });
    expect(routesOf("gpt-5.5", row)).toEqual({ kind: "routes", requirements: ["subscription"] });
  });

  it("refuses what OpenClaw refuses, with its code and message", () => {
    expect(routesOf("gpt-5.5", withProvider({ baseUrl: "ftp://example.com" }))).toEqual({
      kind: "incompatible",
      code: "invalid-openai-base-url",
      message: "OpenAI model route baseUrl must be a non-empty URL string.",
    });
    expect(routesOf("gpt-5.3-codex-spark", withProvider({ baseUrl: "https://api.openai.com/v1" }))).toEqual({
      kind: "incompatible",
      code: "subscription-only-model-on-platform",
      message: "gpt-5.3-codex-spark is available only through ChatGPT subscription authentication.",
    });
    expect(routesOf("gpt-5.6", withProvider({ api: "openai-chatgpt-responses" }))).toMatchObject({
      kind: "incompatible",
      code: "platform-only-model-on-chatgpt",
    });
    expect(
      routesOf("gpt-5.5", withProvider({ baseUrl: "https://relay.example", api: "anthropic-messages" })),
    ).toEqual({
      kind: "incompatible",
      code: "unsupported-custom-openai-api",
      message: "anthropic-messages is not an OpenAI-compatible model adapter.",
    });
  });

  // The one route of a model whose transport the config authors (lab capture gen-3-003: a configured
  // `https://api.openai.com/v1` leaves `gpt-5.4` only its API-key route).
  it("gives an authored transport its one route: Platform or another server API key, ChatGPT subscription", () => {
    const both = { kind: "routes", requirements: ["api-key", "subscription"] };
    expect(routesOf("gpt-5.4", {}, {}, true)).toEqual(both);
    expect(routesOf("gpt-5.4", withProvider({ apiKey: "sk-config-123" }), {}, true)).toEqual(both);
    const one = (requirement: string) => ({ kind: "routes", requirements: [requirement] });
    expect(routesOf("gpt-5.4", withProvider({ baseUrl: "https://api.openai.com/v1" }), {}, true)).toEqual(
      one("api-key"),
    );
    expect(routesOf("gpt-x", withProvider({ baseUrl: "http://127.0.0.1:9/v1" }))).toEqual(one("api-key"));
    expect(routesOf("gpt-5.4", withProvider({ baseUrl: "https://chatgpt.com/backend-api/codex" }))).toEqual(
      one("subscription"),
    );
    expect(routesOf("gpt-5.4", withProvider({ api: "openai-chatgpt-responses" }))).toEqual(
      one("subscription"),
    );
  });

  it("reads the model's own entry before the provider's, keeping only a custom provider base URL", () => {
    const config = withProvider({
      baseUrl: "https://api.openai.com/v1",
      models: [{ id: "gpt-5.4", api: "openai-chatgpt-responses" }],
    });
    expect(routesOf("gpt-5.4", config, {}, true)).toEqual({ kind: "routes", requirements: ["subscription"] });
    expect(routesOf("gpt-5.5", config, {}, true)).toEqual({ kind: "routes", requirements: ["api-key"] });
  });

  it("keeps both routes under Chat Completions, and refuses an unknown adapter or an unusable URL", () => {
    expect(routesOf("gpt-5.4", withProvider({ api: "openai-completions" }), {}, true)).toEqual({
      kind: "routes",
      requirements: ["api-key", "subscription"],
    });
    expect(routesOf("gpt-5.4", withProvider({ api: "anthropic-messages" }), {}, true)).toMatchObject({
      kind: "incompatible",
      code: "unsupported-official-openai-api",
    });
    expect(
      routesOf("gpt-5.4", withProvider({ baseUrl: "https://api.openai.com/v2" }), {}, true),
    ).toMatchObject({
      kind: "incompatible",
      code: "invalid-openai-base-url",
    });
  });
});
