import { describe, expect, it } from "vitest";

import type { OpenClawState } from "../models-status/openclaw-state";
import { SHARED_STORE_KEY, agentStoreKey, profileStoreKeysOf } from "./profile-store-keys";

const key = { type: "api_key", provider: "anthropic", key: "sk-ant-api03-x" } as const;

const state: OpenClawState = {
  config: {},
  sharedStore: {
    credentials: { version: 1, profiles: { "anthropic:shared": key, "anthropic:both": key } },
    runtime: { version: 1, usageStats: { "anthropic:shared": { cooldownUntil: 1 } } },
  },
  agentStores: {
    ops: {
      credentials: { version: 1, profiles: { "anthropic:both": key, "anthropic:own": key } },
      runtime: { version: 1, usageStats: { "anthropic:shared": { cooldownUntil: 2 } } },
    },
    bare: { credentials: null, runtime: null },
  },
};

describe("profileStoreKeysOf (the merge rule: an agent's own store wins)", () => {
  it.each([
    { agentId: "ops", profileId: "anthropic:own", credential: "agent:ops", usage: SHARED_STORE_KEY },
    { agentId: "ops", profileId: "anthropic:both", credential: "agent:ops", usage: SHARED_STORE_KEY },
    { agentId: "ops", profileId: "anthropic:shared", credential: SHARED_STORE_KEY, usage: "agent:ops" },
    { agentId: "bare", profileId: "anthropic:shared", credential: SHARED_STORE_KEY, usage: SHARED_STORE_KEY },
    { agentId: "none", profileId: "anthropic:both", credential: SHARED_STORE_KEY, usage: SHARED_STORE_KEY },
  ])(
    "$agentId reads $profileId from $credential (usage from $usage)",
    ({ agentId, profileId, credential, usage }) => {
      const stores = profileStoreKeysOf(state, agentId);
      expect(stores.credentialStoreOf(profileId)).toBe(credential);
      expect(stores.usageStoreOf(profileId)).toBe(usage);
    },
  );

  it("keys an agent's store by its id", () => {
    expect(agentStoreKey("ops")).toBe("agent:ops");
  });
});
