import { describe, expect, it } from "vitest";

import { resolveAuthOrder } from "../auth-order/resolve-auth-order";
import { mergeAuthStores } from "../auth-profiles/auth-store-merge";
import type { AuthProfileCredential, UsageStatsEntry } from "../auth-profiles/auth-store.schema";
import { envCredentialLookup } from "../auth-profiles/env-credentials";
import type { EnvValues } from "../auth-profiles/profile-eligibility";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import {
  type ModelRoute,
  type RouteAuthContext,
  authoredOpenAIRouteRequirement,
  hasAuthEvidence,
  profileReadiness,
  providerAuthAvailability,
  rejectedRouteRequirement,
} from "./model-routes";

const NOW = 1_800_000_000_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function contextOf(
  profiles: Record<string, AuthProfileCredential>,
  usageStats: Record<string, UsageStatsEntry> = {},
  config: OpenClawConfig = {},
) {
  const store = mergeAuthStores(
    { credentials: { version: 1, profiles }, runtime: { version: 1, usageStats } },
    null,
  );
  return {
    store,
    authOrderFor: (provider: string) => resolveAuthOrder({ provider, store, config, now: NOW }),
  };
}

const key = (provider: string): AuthProfileCredential => ({
  type: "api_key",
  provider,
  key: "sk-x-123456789012345678",
});
const token = (provider: string): AuthProfileCredential => ({
  type: "token",
  provider,
  token: "t".repeat(40),
});

describe("rejectedRouteRequirement (the auth requirement of a route nothing can serve)", () => {
  it("takes it from the first profile of the resolved order, windows sorted soonest-ending first", () => {
    const profiles = { "openai:sub": token("openai"), "openai:key": key("openai") };
    const subEndsFirst = contextOf(profiles, {
      "openai:sub": { cooldownUntil: NOW + MINUTE },
      "openai:key": { cooldownUntil: NOW + HOUR },
    });
    expect(rejectedRouteRequirement("openai", subEndsFirst)).toBe("subscription");
    const keyEndsFirst = contextOf(profiles, {
      "openai:sub": { cooldownUntil: NOW + HOUR },
      "openai:key": { disabledUntil: NOW + MINUTE, disabledReason: "billing" },
    });
    expect(rejectedRouteRequirement("openai", keyEndsFirst)).toBe("api-key");
  });

  it("is the API-key route with nothing stored, and none when an explicit auth.order emptied the order", () => {
    expect(rejectedRouteRequirement("openai", contextOf({}))).toBe("api-key");
    const config: OpenClawConfig = { auth: { order: { openai: ["openai:nothere"] } } };
    expect(
      rejectedRouteRequirement("openai", contextOf({ "openai:k": key("openai") }, {}, config)),
    ).toBeNull();
  });

  it("is none for a provider without a route catalog, whatever is stored", () => {
    const context = contextOf(
      { "anthropic:k": key("anthropic") },
      { "anthropic:k": { cooldownUntil: NOW + HOUR } },
    );
    expect(rejectedRouteRequirement("anthropic", context)).toBeNull();
  });
});

describe("profileReadiness", () => {
  const oauth = (expires: number, refresh?: string) => ({
    profileId: "anthropic:o",
    owner: "shared" as const,
    credential: {
      type: "oauth",
      provider: "anthropic",
      access: "a".repeat(40),
      ...(refresh === undefined ? {} : { refresh }),
      expires,
    } as AuthProfileCredential,
  });

  it.each([
    { case: "valid beyond the 5 min refresh margin", profile: oauth(NOW + 6 * MINUTE), expected: "ready" },
    {
      case: "inside the margin, with a refresh token",
      profile: oauth(NOW + 4 * MINUTE, "r"),
      expected: "unknown",
    },
    { case: "expired, with a refresh token", profile: oauth(NOW - HOUR, "r"), expected: "unknown" },
    { case: "expired, without a refresh token", profile: oauth(NOW - HOUR), expected: "unavailable" },
    {
      case: "an API key",
      profile: { profileId: "anthropic:k", owner: "shared" as const, credential: key("anthropic") },
      expected: "ready",
    },
  ])("$case → $expected", ({ profile, expected }) => {
    expect(profileReadiness(profile, NOW)).toBe(expected);
  });
});

describe("providerAuthAvailability (a provider without a route catalog, for one model)", () => {
  const route: ModelRoute = { ref: "google/gemini-2.5-flash", provider: "google", model: "gemini-2.5-flash" };
  const GEMINI_ENV: EnvValues = { GEMINI_API_KEY: "AIzaSyFAKEFAKEFAKEFAKEFAKEFAKE12345" };
  const routeContext = (
    profiles: Record<string, AuthProfileCredential>,
    usageStats: Record<string, UsageStatsEntry> = {},
    config: OpenClawConfig = {},
    env: EnvValues = {},
  ): RouteAuthContext => ({
    ...contextOf(profiles, usageStats, config),
    config,
    envCredentialOf: envCredentialLookup(env),
    now: NOW,
    storeDetail: "~/.openclaw/state/openclaw.sqlite",
    providerOverview: () => undefined,
  });
  const availabilityOf = (context: RouteAuthContext) => providerAuthAvailability(route, context).availability;

  it("is usable through a usable profile, which it selects, and unknown when only a refresh could revive it", () => {
    expect(providerAuthAvailability(route, routeContext({ "google:k": key("google") }))).toEqual({
      availability: true,
      evidence: "profile",
      selectedProfileId: "google:k",
    });
    const refreshOnly = {
      type: "oauth",
      provider: "google",
      access: "a".repeat(40),
      refresh: "r",
      expires: NOW - HOUR,
    } as AuthProfileCredential;
    expect(providerAuthAvailability(route, routeContext({ "google:o": refreshOnly }))).toEqual({
      availability: undefined,
      evidence: "profile",
      selectedProfileId: "google:o",
    });
  });

  // why: lab capture gen-1-012 (Anthropic profiles all disabled, ANTHROPIC_API_KEY set: missing in use).
  it("is missing when every profile sits in cooldown, though an env credential exists", () => {
    const context = routeContext(
      { "google:k": key("google") },
      { "google:k": { cooldownUntil: NOW + HOUR } },
      {},
      GEMINI_ENV,
    );
    expect(availabilityOf(context)).toBe(false);
  });

  // why: lab capture route-image-use-and-undeclared-providers (`auth.order.google: []`, GEMINI_API_KEY set).
  it("is missing when an explicit auth.order leaves no profile, though an env credential exists", () => {
    const config: OpenClawConfig = { auth: { order: { google: [] } } };
    expect(availabilityOf(routeContext({}, {}, config, GEMINI_ENV))).toBe(false);
  });

  it("falls back to a config key after unusable profiles, to an env credential only when none was planned", () => {
    const expired = {
      type: "oauth",
      provider: "google",
      access: "a".repeat(40),
      expires: NOW - HOUR,
    } as AuthProfileCredential;
    const withConfigKey: OpenClawConfig = { models: { providers: { google: { apiKey: "AIza-literal" } } } };
    expect(availabilityOf(routeContext({ "google:o": expired }, {}, withConfigKey))).toBe(true);
    expect(availabilityOf(routeContext({ "google:o": expired }, {}, {}, GEMINI_ENV))).toBe(false);
    expect(availabilityOf(routeContext({}, {}, {}, GEMINI_ENV))).toBe(true);
  });

  // why: lab captures gen-1-006 (google with nothing: indeterminate), gen-1-007 (anthropic declared only in
  // auth.profiles: missing), gen-1-055 (a custom provider declared in models.providers: indeterminate).
  it("is missing with nothing usable when something declares the provider's auth, else unknown", () => {
    expect(availabilityOf(routeContext({}))).toBeUndefined();
    const declared: OpenClawConfig = {
      auth: { profiles: { "google:work": { provider: "google", mode: "api_key" } } },
    };
    expect(availabilityOf(routeContext({}, {}, declared))).toBe(false);
    const customProvider = { models: { providers: { google: {} } } } as OpenClawConfig;
    expect(availabilityOf(routeContext({}, {}, customProvider))).toBeUndefined();
  });
});

describe("hasAuthEvidence", () => {
  const evidenceOf = (
    provider: string,
    profiles: Record<string, AuthProfileCredential>,
    config: OpenClawConfig = {},
  ) => hasAuthEvidence(provider, { ...contextOf(profiles, {}, config), config, now: NOW });

  it("counts a stored profile of the provider, even an ineligible one, and not another provider's", () => {
    const keyless = { type: "api_key", provider: "google" } as AuthProfileCredential;
    expect(evidenceOf("google", { "google:x": keyless })).toBe(true);
    expect(evidenceOf("google", { "anthropic:k": key("anthropic") })).toBe(false);
  });

  it("counts a config auth.order entry, an auth.profiles entry and a provider auth mode", () => {
    expect(evidenceOf("google", {}, { auth: { order: { google: [] } } })).toBe(true);
    expect(
      evidenceOf("google", {}, { auth: { profiles: { "g:1": { provider: "Google", mode: "token" } } } }),
    ).toBe(true);
    expect(evidenceOf("google", {}, { models: { providers: { google: { auth: "api-key" } } } })).toBe(true);
  });
});

describe("authoredOpenAIRouteRequirement (the one route of an OpenAI model whose transport the config authors)", () => {
  const withOpenAI = (openai: Record<string, unknown>): OpenClawConfig => ({
    models: { providers: { openai } },
  });

  it("is none when the config authors no transport", () => {
    expect(authoredOpenAIRouteRequirement("gpt-5.4", {})).toBeNull();
    expect(authoredOpenAIRouteRequirement("gpt-5.4", withOpenAI({ apiKey: "sk-config-123" }))).toBeNull();
  });

  it("is the API-key route for the Platform endpoint or another server, the subscription one for ChatGPT", () => {
    expect(
      authoredOpenAIRouteRequirement("gpt-5.4", withOpenAI({ baseUrl: "https://api.openai.com/v1" })),
    ).toBe("api-key");
    expect(authoredOpenAIRouteRequirement("gpt-x", withOpenAI({ baseUrl: "http://127.0.0.1:9/v1" }))).toBe(
      "api-key",
    );
    expect(
      authoredOpenAIRouteRequirement(
        "gpt-5.4",
        withOpenAI({ baseUrl: "https://chatgpt.com/backend-api/codex" }),
      ),
    ).toBe("subscription");
    expect(authoredOpenAIRouteRequirement("gpt-5.4", withOpenAI({ api: "openai-chatgpt-responses" }))).toBe(
      "subscription",
    );
  });

  it("reads the model's own entry before the provider's, keeping only a custom provider base URL", () => {
    const config = withOpenAI({
      baseUrl: "https://api.openai.com/v1",
      models: [{ id: "gpt-5.4", api: "openai-chatgpt-responses" }],
    });
    expect(authoredOpenAIRouteRequirement("gpt-5.4", config)).toBe("subscription");
    expect(authoredOpenAIRouteRequirement("gpt-5.5", config)).toBe("api-key");
  });

  it("leaves Chat Completions on an official endpoint, unknown adapters and unusable URLs to other rules", () => {
    expect(authoredOpenAIRouteRequirement("gpt-5.4", withOpenAI({ api: "openai-completions" }))).toBeNull();
    expect(authoredOpenAIRouteRequirement("gpt-5.4", withOpenAI({ api: "anthropic-messages" }))).toBeNull();
    expect(
      authoredOpenAIRouteRequirement("gpt-5.4", withOpenAI({ baseUrl: "https://api.openai.com/v2" })),
    ).toBeNull();
  });
});
