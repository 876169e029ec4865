import { describe, expect, it } from "vitest";

import type { AuthProfileCredential, UsageStatsEntry } from "../auth-profiles/auth-store.schema";
import { profileStoreKeysOf } from "../auth-profiles/profile-store-keys";
import { prepareModelsStatus } from "../models-status/build-models-status";
import type { OpenClawState } from "../models-status/openclaw-state";
import { generateOpenClawState } from "../testing/openclaw-state-generator";
import { type AttentionCause, attentionCausesOf } from "./attention-causes";
import { fleetVerdictOf } from "./fleet-status";

const NOW = Date.UTC(2027, 0, 15, 8, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const HOST = { stateDir: "/home/u/.openclaw", home: "/home/u", env: {} };
const TOKEN = `sk-ant-oat01-${"t".repeat(80)}`;
const KEY = `sk-ant-api03-${"k".repeat(40)}`;

const token = (expires: number): AuthProfileCredential => ({
  type: "token",
  provider: "anthropic",
  token: TOKEN,
  expires,
});
const apiKey: AuthProfileCredential = { type: "api_key", provider: "anthropic", key: KEY };

/** One agent on the shared store holding `profiles`, with `usage`, running `model`. */
function causesFor(
  profiles: Record<string, AuthProfileCredential>,
  usage: Record<string, UsageStatsEntry> = {},
  model = "anthropic/claude-opus-4-8",
): AttentionCause[] {
  const state: OpenClawState = {
    config: { agents: { defaults: { model } } },
    sharedStore: { credentials: { version: 1, profiles }, runtime: { version: 1, usageStats: usage } },
    agentStores: {},
  };
  const outcome = prepareModelsStatus(state, HOST).statusOf(undefined, NOW);
  return attentionCausesOf(outcome, profileStoreKeysOf(state, "main"));
}

describe("attentionCausesOf", () => {
  it("has none for an agent that is ok", () => {
    expect(causesFor({ "anthropic:key": apiKey })).toEqual([]);
  });

  it("names an expiring setup-token with its expiry, keyed by store and profile", () => {
    expect(causesFor({ "anthropic:team-sub": token(NOW + 19 * HOUR) })).toEqual([
      {
        kind: "credential",
        key: '["credential","shared","anthropic:team-sub","expiring"]',
        severity: "expiring",
        sentence: "Setup-token anthropic:team-sub expires within 24 h.",
        provider: "anthropic",
        profileId: "anthropic:team-sub",
        type: "token",
        status: "expiring",
        expiresAt: NOW + 19 * HOUR,
        store: "shared",
      },
    ]);
  });

  it("gives a disable that leaves a provider without auth once, as a window, for both reasons it causes", () => {
    const causes = causesFor(
      { "anthropic:key": apiKey },
      { "anthropic:key": { disabledUntil: NOW + 5 * HOUR, disabledReason: "billing" } },
    );
    expect(causes).toEqual([
      {
        kind: "window",
        key: '["window","shared","anthropic:key","disabled","billing"]',
        severity: "failing",
        sentence:
          "anthropic:key is disabled (billing) and anthropic has no other usable profile. Top up credits (provider billing) or switch provider.",
        provider: "anthropic",
        profileId: "anthropic:key",
        window: "disabled",
        reason: "billing",
        until: NOW + 5 * HOUR,
        recoveryHint: "Top up credits (provider billing) or switch provider.",
        store: "shared",
      },
    ]);
  });

  it("names the expired token behind a provider left without an eligible profile", () => {
    expect(causesFor({ "anthropic:old": token(NOW - HOUR) })).toMatchObject([
      { kind: "credential", status: "expired", profileId: "anthropic:old", severity: "failing" },
    ]);
  });

  it("keeps route, runtime and provider causes where nothing stored explains them", () => {
    const kinds = causesFor({ "anthropic:key": apiKey }, {}, "openai/gpt-5.5").map((cause) => [
      cause.kind,
      cause.key,
    ]);
    expect(kinds).toEqual([
      // why: with no OpenAI profile no route is selected for the primary or the provider's default utility
      // model (lab captures catalog-openai-fallback-no-openai-profile, seed-prompt-cache-retention-long).
      ["runtime", '["runtime","openai","codex","owner-plugin-not-activatable"]'],
      ["missing_provider", '["missing_provider","openai"]'],
    ]);
    expect(causesFor({}).map((cause) => [cause.kind, cause.sentence])).toEqual([
      [
        "route",
        "anthropic/claude-opus-4-8: Auth readiness could not be confirmed for anthropic/claude-opus-4-8.",
      ],
      [
        "route",
        "anthropic/claude-haiku-4-5: Auth readiness could not be confirmed for anthropic/claude-haiku-4-5.",
      ],
    ]);
  });

  it("gives a refusal its message", () => {
    const state: OpenClawState = {
      config: { agents: { entries: { a: {}, b: {} } } },
      sharedStore: null,
      agentStores: {},
    };
    const [cause] = attentionCausesOf(
      prepareModelsStatus(state, HOST).statusOf("a", NOW),
      profileStoreKeysOf(state, "a"),
    );
    expect(cause).toMatchObject({ kind: "refused", severity: "refused" });
    expect(cause?.sentence).toMatch(/^Invalid config at \/home\/u\/\.openclaw\/openclaw\.json:/u);
  });

  it("gives one key to a shared credential on two agents, and two to one profile id in two own stores", () => {
    const expiring = { version: 1, profiles: { "anthropic:sub": token(NOW + HOUR) } };
    const state: OpenClawState = {
      config: {
        agents: {
          ownership: "explicit",
          defaults: { model: "anthropic/claude-opus-4-8" },
          entries: { a: {}, b: {}, c: {}, d: {} },
        },
      },
      sharedStore: { credentials: expiring, runtime: null },
      agentStores: {
        c: { credentials: expiring, runtime: null },
        d: { credentials: expiring, runtime: null },
      },
    };
    const prepared = prepareModelsStatus(state, HOST);
    const keyOf = (agentId: string) =>
      attentionCausesOf(prepared.statusOf(agentId, NOW), profileStoreKeysOf(state, agentId)).map(
        (cause) => cause.key,
      );
    expect(keyOf("a")).toEqual(keyOf("b"));
    expect(keyOf("c")).not.toEqual(keyOf("d"));
    expect(keyOf("c")).toEqual(['["credential","agent:c","anthropic:sub","expiring"]']);
  });
});

describe("attention causes over generated gateways (property)", () => {
  const SEEDS = Array.from({ length: 150 }, (_, index) => index + 1);

  it.each(SEEDS)(
    "seed %i: each cause stands for a reason, same key → same cause, severity = verdict",
    (seed) => {
      const generated = generateOpenClawState(seed);
      const prepared = prepareModelsStatus(generated.state, generated.host);
      const byKey = new Map<string, AttentionCause>();
      for (const agentId of generated.agentIds) {
        const outcome = prepared.statusOf(agentId, generated.now);
        const causes = attentionCausesOf(outcome, profileStoreKeysOf(generated.state, agentId));
        const { verdict, reasons } = fleetVerdictOf(outcome);
        expect(causes.length === 0).toBe(verdict === "ok");
        expect(causes.length).toBeLessThanOrEqual(reasons.length);
        expect(new Set(causes.map((cause) => cause.key)).size).toBe(causes.length);
        for (const cause of causes) {
          expect(cause.severity).toBe(verdict);
          const seen = byKey.get(cause.key);
          if (seen) expect(cause).toEqual(seen);
          else byKey.set(cause.key, cause);
        }
        for (const cause of causes) expect(reasons.some((reason) => explains(cause, reason))).toBe(true);
      }
    },
  );
});

/** Whether `cause` stands for the `--check` reason `reason` (its words, or the provider it blocks). */
function explains(cause: AttentionCause, reason: string): boolean {
  switch (cause.kind) {
    case "refused":
      return reason === cause.message;
    case "route":
    case "runtime":
      return cause.sentence === (reason.endsWith(".") ? reason : `${reason}.`);
    case "missing_provider":
      return reason === `${cause.provider}: in use with no usable auth`;
    case "credential":
    case "window":
      return reason.startsWith(`${cause.provider}:`) || reason.startsWith(`${cause.provider}/`);
  }
}
