import { describe, expect, it } from "vitest";

import { mergeAuthStores } from "../auth-profiles/auth-store-merge";
import type { AuthProfileCredential, UsageStatsEntry } from "../auth-profiles/auth-store.schema";
import { generateOpenClawState } from "../testing/openclaw-state-generator";
import { createSeededRandom } from "../testing/seeded-random";
import { buildModelsStatus, prepareModelsStatus } from "./build-models-status";
import type { ModelsStatusOutcome } from "./models-status-report";
import { clockFreeModelsStatus, nextAuthStateChangeAt, restampModelsStatus } from "./status-clock";

const NOW = 1_800_000_000_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TOKEN = `sk-ant-oat01-${"t".repeat(80)}`;

function storeWith(
  profiles: Record<string, AuthProfileCredential>,
  usageStats: Record<string, UsageStatsEntry> = {},
) {
  return mergeAuthStores(
    { credentials: { version: 1, profiles }, runtime: { version: 1, usageStats } },
    null,
    NOW,
  );
}

type ClockCase = {
  case: string;
  profiles: Record<string, AuthProfileCredential>;
  usage: Record<string, UsageStatsEntry>;
  expected: number | null;
};

describe("nextAuthStateChangeAt", () => {
  const token = (expires?: number): AuthProfileCredential => ({
    type: "token",
    provider: "anthropic",
    token: TOKEN,
    ...(expires === undefined ? {} : { expires }),
  });
  const oauth = (expires: number): AuthProfileCredential => ({
    type: "oauth",
    provider: "anthropic",
    access: TOKEN,
    refresh: "r",
    expires,
  });
  const key: AuthProfileCredential = { type: "api_key", provider: "anthropic", key: "sk-ant-api03-x" };

  it.each<ClockCase>([
    { case: "an API key alone", profiles: { "anthropic:k": key }, usage: {}, expected: null },
    { case: "a token without expiry", profiles: { "anthropic:t": token() }, usage: {}, expected: null },
    { case: "an invalid expiry", profiles: { "anthropic:t": token(Number.NaN) }, usage: {}, expected: null },
    {
      case: "a token three days out: the 24 h line",
      profiles: { "anthropic:t": token(NOW + 3 * DAY) },
      usage: {},
      expected: NOW + 2 * DAY,
    },
    {
      case: "a token inside the 24 h line: its expiry",
      profiles: { "anthropic:t": token(NOW + 2 * HOUR) },
      usage: {},
      expected: NOW + 2 * HOUR,
    },
    {
      case: "a token on the 24 h line now: its expiry (already expiring)",
      profiles: { "anthropic:t": token(NOW + DAY) },
      usage: {},
      expected: NOW + DAY,
    },
    { case: "an expired token", profiles: { "anthropic:t": token(NOW - 1) }, usage: {}, expected: null },
    {
      case: "OAuth with a refresh token: the 24 h line, then its expiry",
      profiles: { "anthropic:o": oauth(NOW + DAY + MINUTE) },
      usage: {},
      expected: NOW + MINUTE,
    },
    {
      case: "a cooldown",
      profiles: { "anthropic:k": key },
      usage: { "anthropic:k": { cooldownUntil: NOW + 5 * MINUTE } },
      expected: NOW + 5 * MINUTE,
    },
    {
      case: "a disable inside a longer cooldown: the kind changes when the disable ends",
      profiles: { "anthropic:k": key },
      usage: { "anthropic:k": { cooldownUntil: NOW + HOUR, disabledUntil: NOW + 10 * MINUTE } },
      expected: NOW + 10 * MINUTE,
    },
    {
      case: "a block ending before a model-scoped cooldown",
      profiles: { "anthropic:k": key },
      usage: {
        "anthropic:k": {
          cooldownUntil: NOW + HOUR,
          cooldownReason: "rate_limit",
          cooldownModel: "claude-opus-4-8",
          blockedUntil: NOW + 2 * MINUTE,
        },
      },
      expected: NOW + 2 * MINUTE,
    },
    {
      case: "ended windows",
      profiles: { "anthropic:k": key },
      usage: { "anthropic:k": { cooldownUntil: NOW - 1, disabledUntil: NOW } },
      expected: null,
    },
    {
      case: "a window of a profile no store holds is dropped at merge, so it never counts",
      profiles: {},
      usage: { "anthropic:gone": { cooldownUntil: NOW + MINUTE } },
      expected: null,
    },
    {
      case: "openrouter never cools down",
      profiles: { "openrouter:k": { ...key, provider: "openrouter" } },
      usage: { "openrouter:k": { cooldownUntil: NOW + MINUTE } },
      expected: null,
    },
    {
      case: "the earliest of several",
      profiles: { "anthropic:t": token(NOW + 30 * HOUR), "anthropic:k": key },
      usage: { "anthropic:k": { disabledUntil: NOW + 5 * HOUR } },
      expected: NOW + 5 * HOUR,
    },
  ])("$case", ({ profiles, usage, expected }) => {
    expect(nextAuthStateChangeAt(storeWith(profiles, usage), NOW)).toBe(expected);
  });
  // why: the shared login that displaces the agent's legacy one is shadowed by the agent's own copy of its id,
  // so no merged profile carries its expiry; when it stops being usable the legacy login shows again.
  it("counts the instants of logins the legacy-login repair weighed, even ones the merge does not show", () => {
    const login = (expires: number): AuthProfileCredential => ({
      type: "oauth",
      provider: "openai",
      access: TOKEN,
      refresh: "r",
      expires,
    });
    const shared = {
      credentials: { version: 1, profiles: { "openai:ops": login(NOW + 2 * HOUR) } },
      runtime: null,
    };
    const agent = {
      credentials: {
        version: 1,
        profiles: { "openai:default": login(NOW - HOUR), "openai:ops": login(NOW + 3 * HOUR) },
      },
      runtime: null,
    };
    const before = mergeAuthStores(shared, agent, NOW);
    expect(before.byId.has("openai:default")).toBe(false);
    const change = NOW + 2 * HOUR - 5 * MINUTE;
    expect(nextAuthStateChangeAt(before, NOW)).toBe(change);
    expect(mergeAuthStores(shared, agent, change).byId.has("openai:default")).toBe(true);
  });
});

describe("restampModelsStatus", () => {
  const config = { agents: { defaults: { model: "anthropic/claude-opus-4-8" } } };
  const state = {
    config,
    sharedStore: {
      credentials: {
        version: 1,
        profiles: {
          "anthropic:sub": { type: "token", provider: "anthropic", token: TOKEN, expires: NOW + 3 * DAY },
          "anthropic:key": { type: "api_key", provider: "anthropic", key: `sk-ant-api03-${"k".repeat(40)}` },
        },
      },
      runtime: {
        version: 1,
        usageStats: { "anthropic:key": { disabledUntil: NOW + 5 * HOUR, disabledReason: "billing" } },
      },
    },
    agentStores: {},
  } as const;
  const host = { stateDir: "/home/u/.openclaw", home: "/home/u", env: {} };
  const at = (now: number) => buildModelsStatus(state, { ...host, now });

  it("re-derives remainingMs and label countdowns for a later instant", () => {
    const restamped = restampModelsStatus(at(NOW), NOW, NOW + 3 * HOUR);
    expect(restamped).toEqual(at(NOW + 3 * HOUR));
    if (!restamped.ok) throw new Error("expected a status");
    expect(restamped.status.auth.providers[0]?.profiles.labels).toContain(
      "anthropic:key=sk-ant-a...kkkkkkkk [disabled:billing 2h]",
    );
    expect(restamped.status.auth.unusableProfiles[0]?.remainingMs).toBe(2 * HOUR);
    expect(restamped.status.auth.oauth.providers[0]?.remainingMs).toBe(3 * DAY - 3 * HOUR);
  });

  it("leaves the stored outcome as it was, and a refusal as it is", () => {
    const stored = at(NOW);
    const copy = structuredClone(stored);
    restampModelsStatus(stored, NOW, NOW + HOUR);
    expect(stored).toEqual(copy);
    const refusal: ModelsStatusOutcome = { ok: false, error: { type: "cli_error", message: "no" } };
    expect(restampModelsStatus(refusal, NOW, NOW + HOUR)).toBe(refusal);
  });

  it("clockFreeModelsStatus: equal for two instants before the next change, different after a window ends", () => {
    const fixed = (computedAt: number) => JSON.stringify(clockFreeModelsStatus(at(computedAt), computedAt));
    expect(fixed(NOW + 2 * HOUR)).toBe(fixed(NOW));
    expect(fixed(NOW + 6 * HOUR)).not.toBe(fixed(NOW));
  });
});

/** A few instants in [from, until): both ends' neighbours and random points between. */
function instantsBefore(from: number, until: number, seed: number): number[] {
  const random = createSeededRandom(seed);
  const span = until - from;
  const inside = Array.from({ length: 3 }, () => from + Math.floor(random.next() * span));
  return [...new Set([from, from + 1, ...inside, until - 1])].filter((instant) => instant < until);
}

describe("a stored status stays true until nextStatusChangeAt (property)", () => {
  const SEEDS = Array.from({ length: 150 }, (_, index) => index + 1);
  let changedAtNext = 0;
  let checkedAtNext = 0;

  it.each(SEEDS)(
    "seed %i: restamp(build(now), t) equals build(t) for every t before the next change",
    (seed) => {
      const generated = generateOpenClawState(seed);
      const prepared = prepareModelsStatus(generated.state, generated.host);
      for (const computedAt of [generated.now, generated.now + 23 * HOUR + 17 * MINUTE]) {
        for (const agentId of [undefined, ...generated.agentIds]) {
          const stored = prepared.statusOf(agentId, computedAt);
          const next = prepared.nextStatusChangeAt(agentId, computedAt);
          if (next !== null) expect(next).toBeGreaterThan(computedAt);
          const horizon = next ?? computedAt + 400 * DAY;
          for (const now of instantsBefore(computedAt, horizon, seed)) {
            const fresh = prepared.statusOf(agentId, now);
            expect(JSON.stringify(restampModelsStatus(stored, computedAt, now))).toBe(JSON.stringify(fresh));
          }
          if (next !== null) {
            checkedAtNext += 1;
            const restamped = JSON.stringify(restampModelsStatus(stored, computedAt, next));
            if (restamped !== JSON.stringify(prepared.statusOf(agentId, next))) changedAtNext += 1;
          }
        }
      }
    },
  );

  it("sanity: at the next change instant the status does change, mostly", () => {
    expect(checkedAtNext).toBeGreaterThan(100);
    // why: the instants are exact for the rules, but not every edge changes what is printed (a disable
    // ending under a longer cooldown of an unused provider still changes its kind; an expiry of a profile
    // no route uses may not), so most, not all, instants show a change.
    expect(changedAtNext / checkedAtNext).toBeGreaterThan(0.5);
  });
});
