import { describe, expect, it } from "vitest";
import { buildModelsStatus } from "../models-status/build-models-status";
import type { OpenClawState } from "../models-status/openclaw-state";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { type FleetAgentStatus, fleetCheckExitCode, fleetVerdictOf } from "./fleet-status";

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

describe("fleetVerdictOf", () => {
  it("gives each agent its --check verdict with the reasons", () => {
    const verdicts = ["main", "expiring", "cooling", "bare"].map((id) => fleetVerdictOf(agent(id).outcome));
    // "cooling" has one Anthropic profile and it is cooling down: nothing usable, so --check fails.
    expect(verdicts.map((entry) => entry.verdict)).toEqual(["ok", "expiring", "failing", "failing"]);
    expect(verdicts[3]?.reasons).toContain("openai: in use with no usable auth");
    expect(verdicts[2]?.reasons).toContain("anthropic: in use with no usable auth");
    expect(verdicts[1]?.reasons).toEqual(["anthropic: selected credential expires within 24 h"]);
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
