import { describe, expect, it } from "vitest";

import { mergeAuthStores } from "./auth-store-merge";
import type { AuthProfileCredential, AuthRuntimeState, AuthStoreDocuments } from "./auth-store.schema";

const NOW = 1_800_000_000_000;

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
      NOW,
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
    const merged = mergeAuthStores(
      shared,
      {
        credentials: { version: 1, profiles: {} },
        runtime: agentState,
      },
      NOW,
    );
    expect(merged.usageStats).toEqual({ "anthropic:k": { cooldownUntil: 5 } });
  });

  // Lab captures gen-1-042, gen-1-056: the agent's cooldown shows nowhere, its lastUsed does not reorder.
  it("ignores the runtime state of a store without a credentials document", () => {
    const merged = mergeAuthStores(shared, { credentials: null, runtime: agentState }, NOW);
    expect(merged.usageStats).toEqual({ "anthropic:k": { lastUsed: 3 } });
    const sharedStateOnly = mergeAuthStores(
      { credentials: null, runtime: { version: 1, order: { anthropic: ["anthropic:a"] } } },
      { credentials: shared.credentials, runtime: null },
      NOW,
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
    const merged = mergeAuthStores(
      sharedStore,
      {
        credentials: { version: 1, profiles: { "google:manual": key("google", "g3") } },
        runtime: { version: 1, order: { anthropic: ["anthropic:x"] } },
      },
      NOW,
    );
    expect(merged.order).toEqual({
      google: ["google:manual", "google:default"],
      openai: ["openai:a"],
      anthropic: ["anthropic:x"],
    });
  });

  it("lets the agent's own order of a provider win outright, one key per provider", () => {
    const merged = mergeAuthStores(
      sharedStore,
      {
        credentials: { version: 1, profiles: { "google:manual": key("google", "g3") } },
        runtime: { version: 1, order: { Google: ["google:spare", "google:spare"] } },
      },
      NOW,
    );
    expect(merged.order).toEqual({ openai: ["openai:a"], Google: ["google:spare"] });
  });

  it("keeps the shared order alone for providers the agent holds nothing of", () => {
    const merged = mergeAuthStores(
      sharedStore,
      {
        credentials: { version: 1, profiles: { "openai:b": key("openai", "o") } },
        runtime: null,
      },
      NOW,
    );
    expect(merged.order).toEqual({ google: ["google:default"], openai: ["openai:b", "openai:a"] });
  });
});

describe("mergeAuthStores: an agent's legacy default OAuth login gives way (reconcileMainStoreOAuthProfileDrift)", () => {
  const MINUTE = 60_000;
  const login = (expires: number, identity: { email?: string; accountId?: string } = {}) => ({
    type: "oauth" as const,
    provider: "openai",
    access: `access-${expires}`,
    refresh: "refresh",
    expires,
    ...identity,
  });
  const storeOf = (
    profiles: Record<string, AuthProfileCredential>,
    runtime: AuthRuntimeState | null = null,
  ): AuthStoreDocuments => ({ credentials: { version: 1, profiles }, runtime });
  const idsOf = (merged: ReturnType<typeof mergeAuthStores>) =>
    merged.profiles.map((profile) => [profile.profileId, profile.owner, profile.credential]);

  // Lab capture gen-6-010: the agent's expired identity-less login disappears behind the shared one.
  it("replaces an expired identity-less legacy login by the one newer usable shared login", () => {
    const ops = login(NOW + 10 * MINUTE, { email: "ops@example.com" });
    const manual = { type: "token" as const, provider: "openai", token: "t" };
    const merged = mergeAuthStores(
      storeOf({ "openai:ops@example.com": ops }),
      storeOf(
        { "openai:default": login(NOW - 10 * MINUTE), "openai:manual": manual },
        { version: 1, usageStats: { "openai:default": { errorCount: 3 }, "openai:manual": { lastUsed: 1 } } },
      ),
      NOW,
    );
    expect(idsOf(merged)).toEqual([
      ["openai:manual", "agent", manual],
      ["openai:ops@example.com", "shared", ops],
    ]);
    expect(merged.byId.has("openai:default")).toBe(false);
    expect(merged.usageStats).toEqual({ "openai:manual": { lastUsed: 1 } });
  });

  it("weighs usability at `now`: a shared login inside its 5-minute refresh margin replaces nothing", () => {
    const shared = storeOf({ "openai:ops": login(NOW + 10 * MINUTE) });
    const agent = storeOf({ "openai:default": login(NOW - MINUTE) });
    expect(mergeAuthStores(shared, agent, NOW).byId.has("openai:default")).toBe(false);
    expect(mergeAuthStores(shared, agent, NOW + 5 * MINUTE).byId.has("openai:default")).toBe(true);
    expect(mergeAuthStores(shared, agent, NOW).clockInstants).toEqual([NOW - 6 * MINUTE, NOW + 5 * MINUTE]);
  });

  it("only touches `<provider>:default` ids holding OAuth", () => {
    const shared = storeOf({ "openai:ops": login(NOW + 60 * MINUTE) });
    const merged = mergeAuthStores(
      shared,
      storeOf({ "openai:old": login(NOW - MINUTE), "openai:Default": login(NOW - MINUTE) }),
      NOW,
    );
    expect([...merged.byId.keys()]).toEqual(["openai:old", "openai:Default", "openai:ops"]);
    expect(merged.clockInstants).toEqual([]);
  });

  it("refuses a shared login whose email or account id conflicts with the legacy one", () => {
    const agent = storeOf({ "openai:default": login(NOW - MINUTE, { email: "Me@example.com" }) });
    const conflicting = storeOf({ "openai:other": login(NOW + 60 * MINUTE, { email: "other@example.com" }) });
    expect(mergeAuthStores(conflicting, agent, NOW).byId.has("openai:default")).toBe(true);
    const sameAccount = storeOf({ "openai:me": login(NOW + 60 * MINUTE, { email: "me@example.com " }) });
    expect(mergeAuthStores(sameAccount, agent, NOW).byId.has("openai:default")).toBe(false);
    const byAccount = storeOf({
      "openai:acct": login(NOW + 60 * MINUTE, { email: "me@example.com", accountId: "acct-2" }),
    });
    const agentWithAccount = storeOf({
      "openai:default": login(NOW - MINUTE, { email: "me@example.com", accountId: "acct-1" }),
    });
    expect(mergeAuthStores(byAccount, agentWithAccount, NOW).byId.has("openai:default")).toBe(true);
  });

  it("keeps a usable legacy login with an identity unless a shared login matches it", () => {
    // why: a shared login without identity is not an exact match for a legacy login with one; it is only a
    // fallback, and fallbacks replace an unusable legacy login only.
    const shared = storeOf({ "openai:anon": login(NOW + 60 * MINUTE) });
    const usable = storeOf({ "openai:default": login(NOW + 30 * MINUTE, { accountId: "acct-1" }) });
    expect(mergeAuthStores(shared, usable, NOW).byId.has("openai:default")).toBe(true);
    const expired = storeOf({ "openai:default": login(NOW - MINUTE, { accountId: "acct-1" }) });
    expect(mergeAuthStores(shared, expired, NOW).byId.get("openai:anon")?.owner).toBe("shared");
    expect(mergeAuthStores(shared, expired, NOW).byId.has("openai:default")).toBe(false);
  });

  it("replaces even a usable identity-less legacy login by one that expires later, never by an earlier one", () => {
    const agent = storeOf({ "openai:default": login(NOW + 30 * MINUTE) });
    const later = storeOf({ "openai:ops": login(NOW + 60 * MINUTE) });
    expect(mergeAuthStores(later, agent, NOW).byId.has("openai:default")).toBe(false);
    const earlier = storeOf({ "openai:ops": login(NOW + 20 * MINUTE) });
    expect(mergeAuthStores(earlier, agent, NOW).byId.has("openai:default")).toBe(true);
  });

  it("replaces an identity-less legacy login by none of several candidates, but by the latest matching one", () => {
    const two = storeOf({
      "openai:a": login(NOW + 60 * MINUTE),
      "openai:b": login(NOW + 90 * MINUTE, { email: "b@example.com" }),
    });
    const anonymous = storeOf({ "openai:default": login(NOW - MINUTE) });
    expect(mergeAuthStores(two, anonymous, NOW).byId.has("openai:default")).toBe(true);
    const matching = storeOf({
      "openai:z": login(NOW + 60 * MINUTE, { email: "me@example.com" }),
      "openai:y": login(NOW + 90 * MINUTE, { email: "me@example.com" }),
      "openai:x": login(NOW + 90 * MINUTE, { email: "me@example.com" }),
      "openai:setup": {
        ...login(NOW + 120 * MINUTE, { email: "me@example.com" }),
        setup: { replacement: {} },
      },
    });
    const merged = mergeAuthStores(
      matching,
      storeOf(
        { "openai:default": login(NOW - MINUTE, { email: "me@example.com" }) },
        {
          version: 1,
          order: { openai: ["openai:default", "openai:z"] },
          lastGood: { openai: "openai:default" },
        },
      ),
      NOW,
    );
    expect(merged.order).toEqual({ openai: ["openai:x", "openai:z"] });
    expect(merged.lastGood).toEqual({ openai: "openai:x" });
  });

  it("rewrites order, lastGood and usage, and shows the shared profiles of both ids", () => {
    const sharedDefault = login(NOW - 60 * MINUTE);
    const sharedOps = login(NOW + 60 * MINUTE);
    const agentOps = login(NOW + 20 * MINUTE);
    const merged = mergeAuthStores(
      storeOf(
        { "openai:default": sharedDefault, "openai:ops": sharedOps },
        { version: 1, usageStats: { "openai:default": { lastUsed: 7 }, "openai:ops": { lastUsed: 8 } } },
      ),
      storeOf(
        { "openai:ops": agentOps, "openai:default": login(NOW - MINUTE) },
        {
          version: 1,
          order: { openai: ["openai:default", "openai:ops"] },
          lastGood: { openai: "openai:default" },
          usageStats: { "openai:default": { errorCount: 2 } },
        },
      ),
      NOW,
    );
    expect(idsOf(merged)).toEqual([
      ["openai:ops", "agent", sharedOps],
      ["openai:default", "agent", sharedDefault],
    ]);
    expect(merged.order).toEqual({ openai: ["openai:ops"] });
    expect(merged.lastGood).toEqual({ openai: "openai:ops" });
    expect(merged.usageStats).toEqual({ "openai:default": { lastUsed: 7 }, "openai:ops": { lastUsed: 8 } });
  });

  it("keeps the agent's own copy of the replacement id when it is at least as fresh", () => {
    const agentOps = login(NOW + 90 * MINUTE);
    const merged = mergeAuthStores(
      storeOf({ "openai:ops": login(NOW + 60 * MINUTE) }),
      storeOf({ "openai:default": login(NOW - MINUTE), "openai:ops": agentOps }),
      NOW,
    );
    expect(idsOf(merged)).toEqual([["openai:ops", "agent", agentOps]]);
  });
});
