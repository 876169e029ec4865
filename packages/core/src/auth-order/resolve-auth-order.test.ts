import { describe, expect, it } from "vitest";

import type {
  AuthProfileCredential,
  AuthStoreDocuments,
  UsageStatsEntry,
} from "../auth-profiles/auth-store.schema";
import { mergeAuthStores } from "../auth-profiles/auth-store-merge";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { resolveAuthOrder } from "./resolve-auth-order";

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;

const apiKey = (provider = "anthropic"): AuthProfileCredential => ({
  type: "api_key",
  provider,
  key: "sk-ant-api03-abcdefghijklmnop",
});
const token = (expires?: number): AuthProfileCredential => ({
  type: "token",
  provider: "anthropic",
  token: "sk-ant-oat01-abcdefghijklmnop",
  ...(expires === undefined ? {} : { expires }),
});
const oauth = (expires: number): AuthProfileCredential => ({
  type: "oauth",
  provider: "anthropic",
  access: "a",
  refresh: "r",
  expires,
});

function storeOf(
  profiles: Record<string, AuthProfileCredential>,
  runtime: { order?: Record<string, string[]>; usageStats?: Record<string, UsageStatsEntry> } = {},
): AuthStoreDocuments {
  return { credentials: { version: 1, profiles }, runtime: { version: 1, ...runtime } };
}

function order(
  store: AuthStoreDocuments,
  config: OpenClawConfig = {},
  agent: AuthStoreDocuments | null = null,
  preferredProfileId?: string,
) {
  return resolveAuthOrder({
    provider: "anthropic",
    store: mergeAuthStores(store, agent, NOW),
    config,
    now: NOW,
    env: {},
    ...(preferredProfileId === undefined ? {} : { preferredProfileId }),
  });
}

describe("resolveAuthOrder (facts §2.4)", () => {
  it("round robin without an order: oauth < token < api_key, then least recently used", () => {
    const result = order(
      storeOf(
        {
          "anthropic:k1": apiKey(),
          "anthropic:k2": apiKey(),
          "anthropic:t": token(),
          "anthropic:o": oauth(NOW + HOUR),
        },
        { usageStats: { "anthropic:k1": { lastUsed: NOW - 1 }, "anthropic:k2": { lastUsed: NOW - HOUR } } },
      ),
    );
    expect(result).toMatchObject({
      source: "store",
      explicit: false,
      profileIds: ["anthropic:o", "anthropic:t", "anthropic:k2", "anthropic:k1"],
    });
  });

  it("puts OAuth with an expired access token after the other OAuth profiles", () => {
    const result = order(
      storeOf({
        "anthropic:old": oauth(NOW - HOUR),
        "anthropic:new": oauth(NOW + HOUR),
        "anthropic:k": apiKey(),
      }),
    );
    expect(result.profileIds).toEqual(["anthropic:new", "anthropic:old", "anthropic:k"]);
  });

  it("keeps an explicit config order, drops the ineligible, moves unusable last by soonest end", () => {
    const config: OpenClawConfig = {
      auth: {
        order: {
          anthropic: ["anthropic:dis", "anthropic:cool", "anthropic:k", "anthropic:old", "anthropic:nope"],
        },
      },
    };
    const result = order(
      storeOf(
        {
          "anthropic:k": apiKey(),
          "anthropic:dis": apiKey(),
          "anthropic:cool": token(),
          "anthropic:old": token(NOW - 1),
          "anthropic:extra": apiKey(),
        },
        {
          usageStats: {
            "anthropic:dis": { disabledUntil: NOW + 5 * HOUR },
            "anthropic:cool": { cooldownUntil: NOW + HOUR },
          },
        },
      ),
      config,
    );
    expect(result.source).toBe("config-order");
    expect(result.profileIds).toEqual(["anthropic:k", "anthropic:cool", "anthropic:dis"]);
    expect(result.excluded).toEqual([
      { profileId: "anthropic:old", reason: "expired" },
      { profileId: "anthropic:nope", reason: "profile_missing" },
      { profileId: "anthropic:extra", reason: "excluded_by_auth_order" },
    ]);
  });

  it("lets the stored per-agent order beat config auth.order", () => {
    const shared = storeOf({ "anthropic:a": apiKey(), "anthropic:b": apiKey() });
    const agent = storeOf({}, { order: { anthropic: ["anthropic:b", "anthropic:a"] } });
    const config: OpenClawConfig = { auth: { order: { anthropic: ["anthropic:a", "anthropic:b"] } } };
    expect(order(shared, config, agent)).toMatchObject({
      source: "stored-order",
      profileIds: ["anthropic:b", "anthropic:a"],
    });
  });

  it("uses config auth.profiles ids before the whole store, and checks their mode", () => {
    const config: OpenClawConfig = {
      auth: {
        profiles: {
          "anthropic:a": { provider: "anthropic", mode: "token" },
          "anthropic:b": { provider: "anthropic", mode: "oauth" },
        },
      },
    };
    const result = order(
      storeOf({ "anthropic:a": apiKey(), "anthropic:b": token(), "anthropic:c": apiKey() }),
      config,
    );
    expect(result).toMatchObject({ source: "config-profiles", profileIds: ["anthropic:b"] });
    expect(result.excluded).toEqual([{ profileId: "anthropic:a", reason: "mode_mismatch" }]);
  });

  it("falls back to the stored profiles, in round robin, when no id of a stored order exists", () => {
    const agent = storeOf({}, { order: { anthropic: ["anthropic:gone"] } });
    const stored = storeOf({ "anthropic:k": apiKey(), "anthropic:o": oauth(NOW + HOUR) });
    expect(order(stored, {}, agent)).toMatchObject({
      source: "store",
      explicit: false,
      explicitList: ["anthropic:gone"],
      profileIds: ["anthropic:o", "anthropic:k"],
    });
  });

  it("falls back when no id of config auth.profiles exists", () => {
    const config: OpenClawConfig = {
      auth: { profiles: { "anthropic:gone": { provider: "anthropic", mode: "api_key" } } },
    };
    expect(order(storeOf({ "anthropic:k": apiKey() }), config)).toMatchObject({
      source: "store",
      profileIds: ["anthropic:k"],
    });
  });

  it("does not fall back for a bare config auth.order of missing ids (lab capture auth-order-stored-vs-config)", () => {
    const config: OpenClawConfig = { auth: { order: { anthropic: ["anthropic:gone"] } } };
    expect(order(storeOf({ "anthropic:k": apiKey() }), config)).toMatchObject({
      source: "config-order",
      profileIds: [],
    });
  });

  it("does not fall back while a listed id exists, even an ineligible one", () => {
    const config: OpenClawConfig = {
      auth: { profiles: { "anthropic:t": { provider: "anthropic", mode: "api_key" } } },
    };
    const stored = storeOf({
      "anthropic:t": { type: "token", provider: "anthropic", token: "t" },
      "anthropic:k": apiKey(),
    });
    expect(order(stored, config)).toMatchObject({
      source: "config-profiles",
      profileIds: [],
      excluded: [{ profileId: "anthropic:t", reason: "mode_mismatch" }],
    });
  });

  it("an explicit empty order selects nothing", () => {
    const agent = storeOf({}, { order: { anthropic: [] } });
    expect(order(storeOf({ "anthropic:k": apiKey() }), {}, agent).profileIds).toEqual([]);
  });

  it("drops a listed profile of another provider", () => {
    const config: OpenClawConfig = { auth: { order: { anthropic: ["anthropic:k", "openai:k"] } } };
    const result = order(storeOf({ "anthropic:k": apiKey(), "openai:k": apiKey("openai") }), config);
    expect(result.excluded).toEqual([{ profileId: "openai:k", reason: "provider_mismatch" }]);
  });

  it("moves a preferred profile to the front", () => {
    const result = order(
      storeOf({ "anthropic:o": oauth(NOW + HOUR), "anthropic:k": apiKey() }),
      {},
      null,
      "anthropic:k",
    );
    expect(result.profileIds).toEqual(["anthropic:k", "anthropic:o"]);
  });
});
