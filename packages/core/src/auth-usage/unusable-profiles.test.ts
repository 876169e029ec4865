import { describe, expect, it } from "vitest";

import type { UsageStatsEntry } from "../auth-profiles/auth-store.schema";
import { listUnusableProfiles, recoveryHintFor } from "./unusable-profiles";
import { activeUnusableWindow, isUsableAt } from "./usage-windows";

const NOW = 1_800_000_000_000;
const MINUTE = 60_000;

describe("activeUnusableWindow", () => {
  it.each([
    { case: "no entry", entry: undefined, expected: null },
    { case: "no windows", entry: { errorCount: 2 }, expected: null },
    { case: "an ended cooldown", entry: { cooldownUntil: NOW - 1 }, expected: null },
    { case: "a window ending exactly now", entry: { cooldownUntil: NOW }, expected: null },
    {
      case: "a cooldown",
      entry: { cooldownUntil: NOW + MINUTE, cooldownReason: "overloaded" },
      expected: { kind: "cooldown", until: NOW + MINUTE, reason: "overloaded" },
    },
    {
      case: "a disable beats a longer cooldown for the kind, and until is the latest",
      entry: {
        cooldownUntil: NOW + 9 * MINUTE,
        cooldownReason: "auth",
        disabledUntil: NOW + MINUTE,
        disabledReason: "billing",
      },
      expected: { kind: "disabled", until: NOW + 9 * MINUTE, reason: "billing" },
    },
    {
      case: "a subscription block counts as a cooldown",
      entry: { blockedUntil: NOW + MINUTE, blockedReason: "subscription_limit" },
      expected: { kind: "cooldown", until: NOW + MINUTE },
    },
    {
      case: "a model-scoped rate limit",
      entry: { cooldownUntil: NOW + MINUTE, cooldownReason: "rate_limit", cooldownModel: "gpt-5.5" },
      expected: { kind: "cooldown", until: NOW + MINUTE, reason: "rate_limit", onlyModel: "gpt-5.5" },
    },
    {
      case: "a classified auth cooldown",
      entry: {
        cooldownUntil: NOW + MINUTE,
        cooldownReason: "auth",
        cooldownClassification: "wham_token_expired",
      },
      expected: {
        kind: "cooldown",
        until: NOW + MINUTE,
        reason: "auth",
        classification: "wham_token_expired",
      },
    },
  ] satisfies { case: string; entry: UsageStatsEntry | undefined; expected: unknown }[])(
    "$case",
    ({ entry, expected }) => {
      expect(activeUnusableWindow(entry, NOW)).toEqual(expected);
    },
  );
});

describe("isUsableAt", () => {
  const rateLimited: UsageStatsEntry = {
    cooldownUntil: NOW + MINUTE,
    cooldownReason: "rate_limit",
    cooldownModel: "gpt-5.5",
  };
  it.each([
    {
      case: "the rate-limited model",
      entry: rateLimited,
      provider: "openai",
      model: "gpt-5.5",
      expected: false,
    },
    {
      case: "another model of the provider",
      entry: rateLimited,
      provider: "openai",
      model: "gpt-5.6",
      expected: true,
    },
    { case: "no model given", entry: rateLimited, provider: "openai", model: undefined, expected: false },
    {
      case: "a billing disable for any model",
      entry: { disabledUntil: NOW + MINUTE, disabledReason: "billing" },
      provider: "openai",
      model: "gpt-5.6",
      expected: false,
    },
    {
      case: "openrouter in cooldown",
      entry: { cooldownUntil: NOW + MINUTE },
      provider: "openrouter",
      model: "x",
      expected: true,
    },
    {
      case: "kilocode disabled",
      entry: { disabledUntil: NOW + MINUTE },
      provider: "kilocode",
      model: undefined,
      expected: true,
    },
  ])("$case → $expected", ({ entry, provider, model, expected }) => {
    expect(isUsableAt(entry, provider, NOW, model)).toBe(expected);
  });
});

describe("recoveryHintFor (facts §1.3)", () => {
  it.each([
    {
      kind: "cooldown",
      reason: "auth",
      expected:
        "Re-authenticate with `openclaw models auth login --provider anthropic --profile-id 'anthropic:x'`.",
    },
    {
      kind: "disabled",
      reason: "auth_permanent",
      expected:
        "Re-authenticate with `openclaw models auth login --provider anthropic --profile-id 'anthropic:x'`.",
    },
    {
      kind: "cooldown",
      reason: "session_expired",
      expected:
        "Re-authenticate with `openclaw models auth login --provider anthropic --profile-id 'anthropic:x'`.",
    },
    {
      kind: "disabled",
      reason: "billing",
      expected: "Top up credits (provider billing) or switch provider.",
    },
    { kind: "cooldown", reason: "billing", expected: "Wait for cooldown or switch provider." },
    { kind: "cooldown", reason: "rate_limit", expected: "Wait for cooldown or switch provider." },
    { kind: "cooldown", reason: undefined, expected: "Wait for cooldown or switch provider." },
  ] as const)("$kind/$reason", ({ kind, reason, expected }) => {
    expect(recoveryHintFor({ kind, reason, provider: "anthropic", profileId: "anthropic:x" })).toBe(expected);
  });
});

describe("listUnusableProfiles", () => {
  const stats: Record<string, UsageStatsEntry> = {
    "anthropic:default": { disabledUntil: NOW + 5 * 60 * MINUTE, disabledReason: "billing" },
    "openai:default": { cooldownUntil: NOW + MINUTE / 2, cooldownReason: "rate_limit" },
    "openrouter:default": { cooldownUntil: NOW + MINUTE, cooldownReason: "rate_limit" },
    "anthropic:ok": { lastUsed: NOW - MINUTE },
    "ghost:gone": {
      cooldownUntil: NOW + 2 * MINUTE,
      cooldownReason: "auth",
      cooldownClassification: "wham_token_expired",
    },
  };
  const providers: Record<string, string> = {
    "anthropic:default": "anthropic",
    "openai:default": "openai",
    "openrouter:default": "openrouter",
    "anthropic:ok": "anthropic",
  };

  it("lists active windows soonest first, skips bypass providers, and leaves out an unknown profile's provider", () => {
    const rows = listUnusableProfiles(stats, (profileId) => providers[profileId], NOW);
    expect(rows.map((row) => [row.profileId, row.kind, row.remainingMs])).toEqual([
      ["openai:default", "cooldown", 30_000],
      ["ghost:gone", "cooldown", 2 * MINUTE],
      ["anthropic:default", "disabled", 5 * 60 * MINUTE],
    ]);
    expect(Object.keys(rows[1] ?? {})).toEqual([
      "profileId",
      "kind",
      "reason",
      "classification",
      "recoveryHint",
      "until",
      "remainingMs",
    ]);
    // why: a row without a stored provider passes its id as the provider, which is no provider id, so the
    // command names neither (buildOAuthRefreshFailureLoginCommand).
    expect(rows[1]?.recoveryHint).toBe("Re-authenticate with `openclaw models auth login`.");
  });

  it("exempts only stored bypass providers: an unstored openrouter id is listed", () => {
    const rows = listUnusableProfiles(
      { "openrouter:gone": { cooldownUntil: NOW + MINUTE, cooldownReason: "rate_limit" } },
      () => undefined,
      NOW,
    );
    expect(rows.map((row) => row.profileId)).toEqual(["openrouter:gone"]);
  });
});
