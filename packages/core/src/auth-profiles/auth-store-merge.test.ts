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

  it("keeps an agent's usage row for a profile only the shared store holds", () => {
    const merged = mergeAuthStores(
      {
        credentials: {
          version: 1,
          profiles: { "anthropic:k": { type: "api_key", provider: "anthropic", key: "k" } },
        },
        runtime: null,
      },
      { credentials: null, runtime: { version: 1, usageStats: { "anthropic:k": { cooldownUntil: 5 } } } },
    );
    expect(merged.usageStats).toEqual({ "anthropic:k": { cooldownUntil: 5 } });
  });
});
