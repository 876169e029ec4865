import { describe, expect, it } from "vitest";
import { buildModelsStatus } from "../models-status/build-models-status";
import type { OpenClawState } from "../models-status/openclaw-state";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import {
  type FleetAgentStatus,
  fleetCheckExitCode,
  fleetVerdictOf,
  summarizeFleetStatus,
} from "./fleet-status";

const now = Date.parse("2026-11-24T12:00:00Z");
const HOUR = 3_600_000;

const config = {
  agents: {
    ownership: "explicit",
    defaults: { model: { primary: "anthropic/claude-opus-4-8" } },
    entries: { main: {}, expiring: {}, cooling: {}, bare: { model: "openai/gpt-5.4" } },
  },
} as OpenClawConfig;

const apiKey = { type: "api_key", provider: "anthropic", key: `sk-ant-api03-${"a".repeat(40)}` };
const state: OpenClawState = {
  config,
  sharedStore: {
    credentials: { version: 1, profiles: { "anthropic:default": apiKey } } as never,
    runtime: null,
  },
  agentStores: {
    expiring: {
      credentials: {
        version: 1,
        profiles: {
          "anthropic:sub": {
            type: "token",
            provider: "anthropic",
            token: `sk-ant-oat01-${"t".repeat(80)}`,
            expires: now + 2 * HOUR,
          },
        },
      } as never,
      runtime: null,
    },
    cooling: {
      credentials: { version: 1, profiles: { "anthropic:default": apiKey } } as never,
      runtime: {
        version: 1,
        usageStats: {
          "anthropic:default": {
            cooldownUntil: now + 5 * 60_000,
            cooldownReason: "rate_limit",
            errorCount: 1,
          },
        },
      },
    },
  },
};

function agent(agentId: string): FleetAgentStatus {
  return {
    agentId,
    agentName: `Agent ${agentId}`,
    gatewayId: "g1",
    gatewayName: "prod",
    outcome: buildModelsStatus(state, { agentId, now, stateDir: "/h/.openclaw", home: "/h", env: {} }),
  };
}

describe("summarizeFleetStatus", () => {
  it("counts --check verdicts and explains every agent that is not ok", () => {
    const summary = summarizeFleetStatus(
      [agent("main"), agent("expiring"), agent("cooling"), agent("bare")],
      { now },
    );
    // "cooling" has one Anthropic profile and it is cooling down: nothing usable, so --check fails.
    expect(summary.counts).toEqual({ ok: 1, expiring: 1, failing: 2, refused: 0, total: 4 });
    expect(summary.attention.map((entry) => [entry.agentId, entry.verdict])).toEqual([
      ["bare", "failing"],
      ["cooling", "failing"],
      ["expiring", "expiring"],
    ]);
    expect(summary.attention[0]?.reasons).toContain("openai: in use with no usable auth");
    expect(summary.attention[1]?.reasons).toContain("anthropic: in use with no usable auth");
    expect(summary.attention[2]?.reasons).toEqual(["anthropic: selected credential expires within 24 h"]);
    expect(summary.missingProviders).toEqual([
      { provider: "anthropic", agentCount: 1 },
      { provider: "openai", agentCount: 1 },
    ]);
  });

  it("lists unusable profiles and expiring credentials once per gateway, soonest first", () => {
    const summary = summarizeFleetStatus([agent("main"), agent("expiring"), agent("cooling")], { now });
    expect(summary.unusableProfiles).toEqual([
      expect.objectContaining({
        profileId: "anthropic:default",
        kind: "cooldown",
        reason: "rate_limit",
        until: now + 5 * 60_000,
        agentCount: 1,
      }),
    ]);
    expect(summary.expiringCredentials).toEqual([
      expect.objectContaining({
        profileId: "anthropic:sub",
        type: "token",
        expiresAt: now + 2 * HOUR,
        expired: false,
        agentCount: 1,
      }),
    ]);
  });

  it("leaves out credentials expiring beyond the horizon", () => {
    expect(summarizeFleetStatus([agent("expiring")], { now, horizonMs: HOUR }).expiringCredentials).toEqual(
      [],
    );
  });

  it("reports a refused status with the CLI's message", () => {
    expect(
      fleetVerdictOf({ ok: false, error: { type: "cli_error", message: "Multiple agents are configured" } }),
    ).toEqual({
      verdict: "refused",
      reasons: ["Multiple agents are configured"],
    });
  });
});

describe("fleetCheckExitCode", () => {
  it.each([
    { counts: { ok: 3, expiring: 0, failing: 0, refused: 0 }, expected: 0 },
    { counts: { ok: 3, expiring: 1, failing: 0, refused: 0 }, expected: 2 },
    { counts: { ok: 3, expiring: 1, failing: 1, refused: 0 }, expected: 1 },
    { counts: { ok: 0, expiring: 0, failing: 0, refused: 1 }, expected: 1 },
    { counts: { ok: 0, expiring: 0, failing: 0, refused: 0 }, expected: 0 },
  ])("$counts → $expected", ({ counts, expected }) => {
    expect(fleetCheckExitCode(counts)).toBe(expected);
  });
});
