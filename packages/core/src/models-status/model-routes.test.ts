import { describe, expect, it } from "vitest";

import { resolveAuthOrder } from "../auth-order/resolve-auth-order";
import { mergeAuthStores } from "../auth-profiles/auth-store-merge";
import type { AuthProfileCredential, UsageStatsEntry } from "../auth-profiles/auth-store.schema";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { profileReadiness, rejectedRouteRequirement } from "./model-routes";

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
