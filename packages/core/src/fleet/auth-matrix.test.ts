import { describe, expect, it } from "vitest";
import { buildModelsStatus, prepareModelsStatus } from "../models-status/build-models-status";
import type { OpenClawState } from "../models-status/openclaw-state";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { generateOpenClawState } from "../testing/openclaw-state-generator";
import {
  type AuthMatrixRow,
  authMatrixFactsMatch,
  authMatrixFactsOf,
  authMatrixProviders,
  buildAuthMatrixRow,
  countAuthMatrixFilters,
  filterAuthMatrixRows,
} from "./auth-matrix";
import { EXPIRY_HORIZON_MS, type FleetAgentStatus } from "./fleet-status";

const now = Date.parse("2026-11-24T12:00:00Z");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const token = (marker: string, expires: number) => ({
  type: "token",
  provider: "anthropic",
  token: `sk-ant-oat01-${marker.padEnd(80, "t")}`,
  expires,
});
const apiKey = (provider: string, marker: string) => ({
  type: "api_key",
  provider,
  key: `sk-ant-api03-${marker.padEnd(40, "k")}`,
});

const config = {
  agents: {
    ownership: "explicit",
    defaults: { model: { primary: "anthropic/claude-opus-4-8" } },
    entries: {
      shared: {},
      own: {},
      "own-cooling": {},
      stranded: {},
      gemini: { model: "google/gemini-2.5-pro" },
    },
  },
  auth: { order: { anthropic: ["anthropic:team-sub", "anthropic:default"] } },
} as OpenClawConfig;

/**
 * A gateway whose shared store has a subscription token expiring in 2 h (first in `auth.order`) and a
 * disabled API key; openai's only key is cooling down. Agents: one on the shared store; one whose own token
 * leads its stored order; one whose own token is cooling down; one whose own store disables every profile.
 */
const state: OpenClawState = {
  config,
  sharedStore: {
    credentials: {
      version: 1,
      profiles: {
        "anthropic:default": apiKey("anthropic", "shared"),
        "anthropic:team-sub": token("teamsub", now + 2 * HOUR),
        "openai:default": apiKey("openai", "openai"),
      },
    } as never,
    runtime: {
      version: 1,
      usageStats: {
        "anthropic:default": { disabledUntil: now + 5 * HOUR, disabledReason: "billing", errorCount: 1 },
        "openai:default": { cooldownUntil: now + 4 * MINUTE, cooldownReason: "rate_limit", errorCount: 2 },
      },
    },
  },
  agentStores: {
    own: {
      credentials: { version: 1, profiles: { "anthropic:own": token("own", now + 30 * DAY) } } as never,
      runtime: {
        version: 1,
        order: { anthropic: ["anthropic:own", "anthropic:team-sub", "anthropic:default"] },
      },
    },
    "own-cooling": {
      credentials: { version: 1, profiles: { "anthropic:mine": token("mine", now + 30 * DAY) } } as never,
      runtime: {
        version: 1,
        order: { anthropic: ["anthropic:mine", "anthropic:team-sub"] },
        usageStats: { "anthropic:mine": { cooldownUntil: now + 25 * MINUTE, cooldownReason: "overloaded" } },
      },
    },
    stranded: {
      credentials: { version: 1, profiles: {} },
      runtime: {
        version: 1,
        usageStats: {
          "anthropic:team-sub": { disabledUntil: now + HOUR, disabledReason: "auth_permanent" },
          "anthropic:default": { disabledUntil: now + 5 * HOUR, disabledReason: "billing" },
        },
      },
    },
  },
};

function statusOf(agentId: string, env: Record<string, string> = {}): FleetAgentStatus {
  return {
    agentId,
    agentName: `Agent ${agentId}`,
    gatewayId: agentId === "gemini" ? "g2" : "g1",
    gatewayName: agentId === "gemini" ? "staging" : "prod",
    outcome: buildModelsStatus(state, { agentId, now, stateDir: "/h/.openclaw", home: "/h", env }),
  };
}

const rowOf = (agentId: string, env?: Record<string, string>) =>
  buildAuthMatrixRow(statusOf(agentId, env), { now });
const cell = (row: AuthMatrixRow, provider: string) => row.cells.find((entry) => entry.provider === provider);

describe("buildAuthMatrixRow: the profile OpenClaw would use now, per provider", () => {
  it.each([
    {
      case: "shared store: the first profile of auth.order",
      agent: "shared",
      profileId: "anthropic:team-sub",
      state: "expiring",
      skipped: ["anthropic:default"],
    },
    {
      case: "own token leads its stored order",
      agent: "own",
      profileId: "anthropic:own",
      state: "ok",
      skipped: ["anthropic:default"],
    },
    {
      case: "own token cooling down: the next usable profile",
      agent: "own-cooling",
      profileId: "anthropic:team-sub",
      state: "expiring",
      skipped: ["anthropic:mine"],
    },
    {
      case: "every profile disabled: the first, in its window",
      agent: "stranded",
      profileId: "anthropic:team-sub",
      state: "disabled",
      skipped: ["anthropic:default"],
    },
  ])("$case → $profileId ($state)", ({ agent, profileId, state: expected, skipped }) => {
    const anthropic = cell(rowOf(agent), "anthropic");
    expect(anthropic?.source).toBe("profiles");
    expect(anthropic?.profile?.profileId).toBe(profileId);
    expect(anthropic?.state).toBe(expected);
    expect(anthropic?.skipped.map((window) => window.profileId)).toEqual(skipped);
  });

  it("gives type, expiry and the selected profile's own window", () => {
    const shared = cell(rowOf("shared"), "anthropic");
    expect(shared).toMatchObject({ profile: { type: "token" }, expiresAt: now + 2 * HOUR });
    expect(shared?.window).toBeUndefined();
    const stranded = cell(rowOf("stranded"), "anthropic");
    expect(stranded?.window).toEqual({
      profileId: "anthropic:team-sub",
      kind: "disabled",
      reason: "auth_permanent",
      until: now + HOUR,
    });
    const openai = cell(rowOf("shared"), "openai");
    expect(openai).toMatchObject({
      profile: { profileId: "openai:default", type: "api_key" },
      state: "cooldown",
      window: { kind: "cooldown", reason: "rate_limit", until: now + 4 * MINUTE },
    });
    expect(openai?.expiresAt).toBeUndefined();
  });

  // why: with nothing declaring Google auth, OpenClaw reports its route indeterminate rather than the provider
  // missing in use (lab capture gen-1-006); the cell still shows no auth, and --check still fails.
  it("shows env auth as env with its mask, and a provider in use with no auth as missing", () => {
    const withEnv = rowOf("gemini", { GEMINI_API_KEY: `AIza${"g".repeat(35)}` });
    expect(cell(withEnv, "google")).toMatchObject({ source: "env", state: "static", missingInUse: false });
    expect(cell(withEnv, "google")?.detail).toMatch(/^AIzaggg.\.\.\.g{8}$/);
    const bare = rowOf("gemini");
    expect(cell(bare, "google")).toMatchObject({ source: "missing", state: "missing", missingInUse: false });
    expect(cell(bare, "google")?.profile).toBeUndefined();
    expect(bare.verdict).toBe("failing");
  });

  it("carries the --check verdict and its reasons", () => {
    expect(rowOf("shared")).toMatchObject({
      verdict: "expiring",
      reasons: ["anthropic: selected credential expires within 24 h"],
    });
    expect(rowOf("own").verdict).toBe("ok");
  });

  it("makes no cells for a status OpenClaw refuses", () => {
    const refused = buildAuthMatrixRow(
      { ...statusOf("shared"), outcome: { ok: false, error: { type: "cli_error", message: "boom" } } },
      { now },
    );
    expect(refused).toMatchObject({ verdict: "refused", reasons: ["boom"], cells: [] });
    expect(refused.matches).toEqual({ expiring: false, cooldown: false, disabled: false });
  });
});

describe("matrix filters", () => {
  const rows = ["shared", "own", "own-cooling", "stranded", "gemini"].map((agent) => rowOf(agent));

  it.each([
    // `own` selects its 30-day token; the others select the shared token expiring in 2 h (`gemini` runs a
    // Google model, yet its anthropic cell still resolves the shared store).
    { filter: "expiring", agents: ["shared", "own-cooling", "stranded", "gemini"] },
    // openai's only key cools down for everyone who has it; `gemini` has its own model but the shared store.
    { filter: "cooldown", agents: ["shared", "own", "own-cooling", "stranded", "gemini"] },
    // The shared API key is disabled in every anthropic order; `own-cooling`'s order leaves it out.
    { filter: "disabled", agents: ["shared", "own", "stranded", "gemini"] },
  ] as const)("$filter keeps $agents", ({ filter, agents }) => {
    expect(filterAuthMatrixRows(rows, { filter }).map((row) => row.agentId)).toEqual(agents);
  });

  it("highlights exactly the matching cells", () => {
    const own = rows[1];
    expect(own?.cells.map((entry) => [entry.provider, entry.matches])).toEqual([
      ["anthropic", { expiring: false, cooldown: false, disabled: true }],
      ["openai", { expiring: false, cooldown: true, disabled: false }],
    ]);
  });

  it("searches names in any case and filters by gateway", () => {
    expect(filterAuthMatrixRows(rows, { search: "  agent OWN" }).map((row) => row.agentId)).toEqual([
      "own",
      "own-cooling",
    ]);
    expect(filterAuthMatrixRows(rows, { gatewayId: "g2" }).map((row) => row.agentId)).toEqual(["gemini"]);
    expect(filterAuthMatrixRows(rows, { gatewayId: "g1", search: "stranded", filter: "cooldown" })).toEqual([
      rows[3],
    ]);
    expect(filterAuthMatrixRows(rows, { gatewayId: "g2", search: "own" })).toEqual([]);
  });

  it("counts rows per filter and lists every provider as a column", () => {
    expect(countAuthMatrixFilters(rows)).toEqual({ expiring: 4, cooldown: 5, disabled: 4 });
    expect(authMatrixProviders(rows)).toEqual(["anthropic", "google", "openai"]);
  });

  it("keeps a credential beyond the horizon out of expiring", () => {
    expect(buildAuthMatrixRow(statusOf("shared"), { now, horizonMs: HOUR }).matches.expiring).toBe(false);
  });
});

describe("authMatrixFactsOf: stored instants that SQL compares with now (property)", () => {
  const SEEDS = Array.from({ length: 150 }, (_, index) => index + 1);

  it.each(SEEDS)(
    "seed %i: the SQL-style predicates equal the row's matches before the next change",
    (seed) => {
      const generated = generateOpenClawState(seed);
      const prepared = prepareModelsStatus(generated.state, generated.host);
      const computedAt = generated.now;
      for (const agentId of generated.agentIds) {
        const facts = authMatrixFactsOf(prepared.statusOf(agentId, computedAt));
        const next = prepared.nextStatusChangeAt(agentId, computedAt) ?? computedAt + 400 * DAY;
        const edges =
          facts.expiresAt === null
            ? []
            : [facts.expiresAt - EXPIRY_HORIZON_MS - 1, facts.expiresAt - EXPIRY_HORIZON_MS];
        const instants = [
          computedAt,
          computedAt + 1,
          ...edges,
          Math.floor((computedAt + next) / 2),
          next - 1,
        ];
        for (const at of instants.filter((instant) => instant >= computedAt && instant < next)) {
          const row = buildAuthMatrixRow(
            {
              agentId,
              agentName: agentId,
              gatewayId: "g",
              gatewayName: "g",
              outcome: prepared.statusOf(agentId, at),
            },
            { now: at },
          );
          expect(authMatrixFactsMatch(facts, { now: at })).toEqual(row.matches);
          expect(facts.providers).toEqual(authMatrixProviders([row]));
        }
      }
    },
  );

  it("has no columns and matches nothing for a refusal", () => {
    const facts = authMatrixFactsOf({ ok: false, error: { type: "cli_error", message: "no" } });
    expect(facts).toEqual({ providers: [], expiresAt: null, cooldownUntil: null, disabledUntil: null });
    expect(authMatrixFactsMatch(facts, { now })).toEqual({
      expiring: false,
      cooldown: false,
      disabled: false,
    });
  });

  it("takes the earliest selected expiry and the latest window of each kind", () => {
    const facts = authMatrixFactsOf(statusOf("stranded").outcome);
    expect(facts).toEqual({
      providers: ["anthropic", "openai"],
      expiresAt: now + 2 * HOUR,
      cooldownUntil: now + 4 * MINUTE,
      disabledUntil: now + 5 * HOUR,
    });
  });
});
