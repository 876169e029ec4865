import { describe, expect, it } from "vitest";

import { mergeAuthStores } from "./auth-store-merge";

describe("mergeAuthStores: runtime state of ids no store holds", () => {
  it("drops usage rows and lastGood of unstored ids, keeps inline-key rows (lab capture auth-usage-orphan-ids)", () => {
    const merged = mergeAuthStores(
      {
        credentials: {
          version: 1,
          profiles: { "anthropic:k": { type: "api_key", provider: "anthropic", key: "k" } },
        },
        runtime: {
          version: 1,
          lastGood: { anthropic: "anthropic:ghost", openai: "anthropic:k" },
          usageStats: {
            "anthropic:k": { lastUsed: 1 },
            "anthropic:ghost": { cooldownUntil: 2 },
            "Legacy Profile": { cooldownUntil: 2 },
            "inline-api-key:openai": { errorCount: 1 },
          },
        },
      },
      null,
    );
    expect(Object.keys(merged.usageStats)).toEqual(["anthropic:k", "inline-api-key:openai"]);
    expect(merged.lastGood).toEqual({ openai: "anthropic:k" });
  });

  const shared = {
    credentials: {
      version: 1 as const,
      profiles: { "anthropic:k": { type: "api_key" as const, provider: "anthropic", key: "k" } },
    },
    runtime: { version: 1 as const, usageStats: { "anthropic:k": { lastUsed: 3 } } },
  };
  const agentState = { version: 1 as const, usageStats: { "anthropic:k": { cooldownUntil: 5 } } };

  it("keeps an agent's usage row for a profile only the shared store holds", () => {
    const merged = mergeAuthStores(shared, {
      credentials: { version: 1, profiles: {} },
      runtime: agentState,
    });
    expect(merged.usageStats).toEqual({ "anthropic:k": { cooldownUntil: 5 } });
  });

  // Lab captures gen-1-042, gen-1-056: the agent's cooldown shows nowhere, its lastUsed does not reorder.
  it("ignores the runtime state of a store without a credentials document", () => {
    const merged = mergeAuthStores(shared, { credentials: null, runtime: agentState });
    expect(merged.usageStats).toEqual({ "anthropic:k": { lastUsed: 3 } });
    const sharedStateOnly = mergeAuthStores(
      { credentials: null, runtime: { version: 1, order: { anthropic: ["anthropic:a"] } } },
      { credentials: shared.credentials, runtime: null },
    );
    expect(sharedStateOnly.order).toEqual({});
  });
});

describe("mergeAuthStores: stored orders (mergeProfileOrderWithOverridePrecedence)", () => {
  const key = (provider: string, value: string) => ({ type: "api_key" as const, provider, key: value });
  const sharedStore = {
    credentials: {
      version: 1 as const,
      profiles: { "google:default": key("google", "g1"), "google:spare": key("google", "g2") },
    },
    runtime: { version: 1 as const, order: { google: ["google:default"], openai: ["openai:a"] } },
  };

  it("puts the agent's own profiles of a provider before the shared order it has no order for (gen-2-039)", () => {
    const merged = mergeAuthStores(sharedStore, {
      credentials: { version: 1, profiles: { "google:manual": key("google", "g3") } },
      runtime: { version: 1, order: { anthropic: ["anthropic:x"] } },
    });
    expect(merged.order).toEqual({
      google: ["google:manual", "google:default"],
      openai: ["openai:a"],
      anthropic: ["anthropic:x"],
    });
  });

  it("lets the agent's own order of a provider win outright, one key per provider", () => {
    const merged = mergeAuthStores(sharedStore, {
      credentials: { version: 1, profiles: { "google:manual": key("google", "g3") } },
      runtime: { version: 1, order: { Google: ["google:spare", "google:spare"] } },
    });
    expect(merged.order).toEqual({ openai: ["openai:a"], Google: ["google:spare"] });
  });

  it("keeps the shared order alone for providers the agent holds nothing of", () => {
    const merged = mergeAuthStores(sharedStore, {
      credentials: { version: 1, profiles: { "openai:b": key("openai", "o") } },
      runtime: null,
    });
    expect(merged.order).toEqual({ google: ["google:default"], openai: ["openai:b", "openai:a"] });
  });
});
