import { describe, expect, it } from "vitest";

import { resolveAuthOrder } from "../auth-order/resolve-auth-order";
import { mergeAuthStores } from "../auth-profiles/auth-store-merge";
import type { AuthProfileCredential, UsageStatsEntry } from "../auth-profiles/auth-store.schema";
import { envCredentialLookup } from "../auth-profiles/env-credentials";
import type { EnvValues } from "../auth-profiles/profile-eligibility";
import type { OpenClawConfig, SecretRef } from "../openclaw-config/openclaw-config.schema";
import {
  type ModelRoute,
  type RouteAuthContext,
  hasAuthEvidence,
  openAIRouteAuth,
  profileReadiness,
  providerAuthAvailability,
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
    NOW,
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

function routeContext(
  profiles: Record<string, AuthProfileCredential>,
  usageStats: Record<string, UsageStatsEntry> = {},
  config: OpenClawConfig = {},
  env: EnvValues = {},
): RouteAuthContext {
  return {
    ...contextOf(profiles, usageStats, config),
    config,
    env,
    envCredentialOf: envCredentialLookup(env),
    now: NOW,
    storeDetail: "~/.openclaw/state/openclaw.sqlite",
    providerOverview: () => undefined,
  };
}

describe("openAIRouteAuth (OpenAI auth for one model's routes)", () => {
  const luna = { provider: "openai", model: "gpt-5.6-luna" };
  const BOTH = ["api-key", "subscription"] as const;
  const PLATFORM = ["api-key"] as const;

  it("refuses a model with two routes and nothing planned without naming a route", () => {
    expect(openAIRouteAuth(luna, BOTH, routeContext({}))).toEqual({ availability: false });
  });

  it("refuses a model with one route on that route, even when the planned profiles are of another type", () => {
    expect(openAIRouteAuth(luna, PLATFORM, routeContext({}))).toEqual({
      availability: false,
      rejectedRoute: "api-key",
    });
    expect(openAIRouteAuth(luna, PLATFORM, routeContext({ "openai:sub": token("openai") }))).toEqual({
      availability: false,
      rejectedRoute: "api-key",
    });
  });

  it("plans the first stored profile of the provider when the resolved order is empty", () => {
    // The only declared OpenAI profile fits no stored credential, so the resolved order is empty (gen-2-026).
    const config: OpenClawConfig = {
      auth: { profiles: { "openai:work": { provider: "openai", mode: "api_key" } } },
    };
    const profiles = { "openai:BACKUP": token("openai"), "openai:work": token("openai") };
    expect(openAIRouteAuth(luna, BOTH, routeContext(profiles, {}, config))).toMatchObject({
      availability: true,
      source: "profile",
    });
    // An ineligible first profile is planned too, and refused on the route its type authenticates.
    const mismatched = { "openai:work": token("openai") };
    expect(openAIRouteAuth(luna, BOTH, routeContext(mismatched, {}, config))).toEqual({
      availability: false,
      rejectedRoute: "subscription",
    });
  });

  it("refuses on the route of the first profile when every one sits in cooldown, soonest-ending first", () => {
    const profiles = { "openai:sub": token("openai"), "openai:key": key("openai") };
    const subEndsFirst = routeContext(profiles, {
      "openai:sub": { cooldownUntil: NOW + MINUTE },
      "openai:key": { cooldownUntil: NOW + HOUR },
    });
    expect(openAIRouteAuth(luna, BOTH, subEndsFirst).rejectedRoute).toBe("subscription");
    const keyEndsFirst = routeContext(profiles, {
      "openai:sub": { cooldownUntil: NOW + HOUR },
      "openai:key": { disabledUntil: NOW + MINUTE, disabledReason: "billing" },
    });
    expect(openAIRouteAuth(luna, BOTH, keyEndsFirst).rejectedRoute).toBe("api-key");
    // Cooldown refuses before any direct source is looked at.
    const withEnv = routeContext(
      { "openai:key": key("openai") },
      { "openai:key": { cooldownUntil: NOW + HOUR } },
      {},
      { OPENAI_API_KEY: "sk-FAKE-123456789012345678" },
    );
    expect(openAIRouteAuth(luna, BOTH, withEnv).availability).toBe(false);
  });

  it("names no route when an explicit auth.order leaves no profile of a two-route model", () => {
    const config: OpenClawConfig = { auth: { order: { openai: ["openai:nothere"] } } };
    const context = routeContext({ "openai:k": key("openai") }, {}, config);
    expect(openAIRouteAuth(luna, BOTH, context)).toEqual({ availability: false });
    expect(openAIRouteAuth(luna, PLATFORM, context)).toEqual({
      availability: false,
      rejectedRoute: "api-key",
    });
  });

  it("falls back to a config key, and to an env credential only when no profile was planned", () => {
    const env = { OPENAI_API_KEY: "sk-FAKE-123456789012345678" };
    expect(openAIRouteAuth(luna, BOTH, routeContext({}, {}, {}, env))).toEqual({
      availability: true,
      source: "env",
    });
    const expired: AuthProfileCredential = {
      type: "oauth",
      provider: "openai",
      access: "a",
      expires: NOW - HOUR,
    };
    expect(openAIRouteAuth(luna, BOTH, routeContext({ "openai:o": expired }, {}, {}, env)).availability).toBe(
      false,
    );
    const config: OpenClawConfig = {
      models: { providers: { openai: { apiKey: "sk-config-123456789012" } } },
    };
    expect(openAIRouteAuth(luna, BOTH, routeContext({ "openai:o": expired }, {}, config))).toEqual({
      availability: true,
      source: "config",
    });
  });
  it("lets an env credential beside a plain config key serve after planned profiles failed", () => {
    // OpenClaw evaluates the env credential before a plain key, and the key makes it declared auth (gen-4-008).
    const env = { OPENAI_API_KEY: "sk-FAKE-123456789012345678" };
    const config: OpenClawConfig = {
      models: { providers: { openai: { apiKey: "sk-config-123456789012" } } },
    };
    const expired: AuthProfileCredential = {
      type: "token",
      provider: "openai",
      token: "t",
      expires: NOW - HOUR,
    };
    expect(openAIRouteAuth(luna, BOTH, routeContext({ "openai:t": expired }, {}, config, env))).toEqual({
      availability: true,
      source: "env",
    });
  });

  it("hands a SecretRef config key the provider's auth before any profile, and names a serving profile", () => {
    const config: OpenClawConfig = {
      models: {
        providers: { openai: { apiKey: { source: "env", provider: "default", id: "OPENAI_KEY" } } },
      },
    };
    const profiles = { "openai:k": key("openai") };
    expect(openAIRouteAuth(luna, BOTH, routeContext(profiles, {}, config))).toEqual({
      availability: true,
      source: "config",
    });
    expect(openAIRouteAuth(luna, BOTH, routeContext(profiles))).toEqual({
      availability: true,
      evidence: "profile",
      source: "profile",
      selectedProfileId: "openai:k",
    });
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
      case: "an OpenAI login expired, with a refresh token OpenClaw counts on",
      profile: {
        ...oauth(NOW - HOUR, "r"),
        credential: { ...oauth(NOW - HOUR, "r").credential, provider: "openai" },
      },
      expected: "ready",
    },
    {
      case: "an API key",
      profile: { profileId: "anthropic:k", owner: "shared" as const, credential: key("anthropic") },
      expected: "ready",
    },
  ])("$case → $expected", ({ profile, expected }) => {
    expect(profileReadiness(profile, { now: NOW, config: {}, env: {} })).toBe(expected);
  });

  it("reads a key's SecretRef as OpenClaw does offline", () => {
    const ref = (keyRef: SecretRef) => ({
      profileId: "google:default",
      owner: "shared" as const,
      credential: { type: "api_key", provider: "google", keyRef } as AuthProfileCredential,
    });
    const team: SecretRef = { source: "env", provider: "default", id: "TEAM_API_KEY" };
    const readiness = (keyRef: SecretRef, env: EnvValues = {}, config: OpenClawConfig = {}) =>
      profileReadiness(ref(keyRef), { now: NOW, config, env });
    // An unset variable leaves the key unconfirmed (lab capture gen-2-060), a set one makes it ready.
    expect(readiness(team)).toBe("unknown");
    expect(readiness(team, { TEAM_API_KEY: "sk-team-FAKE" })).toBe("ready");
    // An env provider's allowlist, and a provider nobody configured, refuse it.
    const allowlisted: OpenClawConfig = {
      secrets: { providers: { vault: { source: "env", allowlist: ["OTHER"] } } },
    };
    expect(readiness({ ...team, provider: "vault" }, { TEAM_API_KEY: "x" }, allowlisted)).toBe("unavailable");
    expect(readiness({ ...team, provider: "nowhere" }, { TEAM_API_KEY: "x" })).toBe("unavailable");
    // A file provider configured for it cannot be read while reporting status.
    const files: OpenClawConfig = { secrets: { providers: { vault: { source: "file", path: "/x" } } } };
    expect(readiness({ source: "file", provider: "vault", id: "/key" }, {}, files)).toBe("unknown");
  });
});

describe("providerAuthAvailability (a provider without a route catalog, for one model)", () => {
  const route: ModelRoute = { ref: "google/gemini-2.5-flash", provider: "google", model: "gemini-2.5-flash" };
  const GEMINI_ENV: EnvValues = { GEMINI_API_KEY: "AIzaSyFAKEFAKEFAKEFAKEFAKEFAKE12345" };
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
