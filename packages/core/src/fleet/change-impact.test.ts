import { describe, expect, it } from "vitest";
import type { AuthProfileCredential } from "../auth-profiles/auth-store.schema";
import type { OpenClawState } from "../models-status/openclaw-state";
import { type GatewayRecord, splitOpenClawState } from "../openclaw-import/gateway-record";
import { type ProposedChange, applyProposedChange, computeChangeImpact } from "./change-impact";

const NOW = Date.UTC(2027, 0, 15, 8, 0, 0);
const HOUR = 3_600_000;
const HOST = { stateDir: "/home/u/.openclaw", home: "/home/u", env: {} };
const KEY = `sk-ant-api03-${"k".repeat(40)}`;
const apiKey: AuthProfileCredential = { type: "api_key", provider: "anthropic", key: KEY };

/**
 * Three agents on one gateway whose shared store holds two Anthropic API keys: `main` and `billing` follow the
 * gateway default, `pinned` runs its own model.
 */
function gateway(
  profiles: Record<string, AuthProfileCredential> = { "anthropic:a": apiKey, "anthropic:b": apiKey },
) {
  const state: OpenClawState = {
    config: {
      agents: {
        ownership: "explicit",
        defaults: { model: "anthropic/claude-opus-4-8" },
        entries: {
          main: { name: "Main" },
          billing: { name: "Billing" },
          pinned: { name: "Pinned", model: "anthropic/claude-sonnet-4-6" },
        },
      },
    },
    sharedStore: {
      credentials: { version: 1, profiles },
      runtime: { version: 1, usageStats: { "anthropic:b": { lastUsed: NOW - HOUR } } },
    },
    agentStores: {},
  };
  return splitOpenClawState(state);
}

function impactOf(change: ProposedChange, record: GatewayRecord = gateway()) {
  return computeChangeImpact(record, applyProposedChange(record, change), HOST, NOW);
}

const keysOf = (impact: ReturnType<typeof impactOf>) => impact.agents.map((agent) => agent.agentKey);

describe("computeChangeImpact", () => {
  it("names the agent an unknown model turns Failing, with the reason and the model change", () => {
    const impact = impactOf({ kind: "agent-model", agentKey: "billing", model: "openai/gpt-9-imaginary" });
    expect(impact).toMatchObject({ checkedAgents: 3, turnsFailing: 1, turnsHealthy: 0 });
    expect(keysOf(impact)).toEqual(["billing"]);
    const [billing] = impact.agents;
    expect(billing?.before).toMatchObject({ verdict: "ok", resolvedModel: "anthropic/claude-opus-4-8" });
    expect(billing?.after).toMatchObject({ verdict: "failing", resolvedModel: "openai/gpt-9-imaginary" });
    expect(billing?.differences[0]).toMatch(
      /^OK → Failing: openai\/gpt-9-imaginary: Auth readiness could not be confirmed/u,
    );
    expect(billing?.differences).toContain("model anthropic/claude-opus-4-8 → openai/gpt-9-imaginary");
  });

  it("counts an agent whose broken model is fixed as turning healthy", () => {
    const broken = applyProposedChange(gateway(), {
      kind: "agent-model",
      agentKey: "billing",
      model: "openai/gpt-9-imaginary",
    });
    const impact = impactOf({ kind: "agent-model", agentKey: "billing", model: null }, broken);
    expect(impact).toMatchObject({ turnsFailing: 0, turnsHealthy: 1 });
    expect(impact.agents[0]?.differences).toContain(
      "model openai/gpt-9-imaginary → anthropic/claude-opus-4-8",
    );
  });

  it("shows the profile an agent would use after its auth order changes, and no other agent", () => {
    // Round robin picks the least recently used key first (a), so putting b first changes the selected profile.
    const impact = impactOf({
      kind: "agent-auth-order",
      agentKey: "billing",
      provider: "anthropic",
      profileIds: ["anthropic:b", "anthropic:a"],
    });
    expect(keysOf(impact)).toEqual(["billing"]);
    expect(impact.agents[0]).toMatchObject({
      before: { verdict: "ok", profiles: { anthropic: "anthropic:a" } },
      after: { verdict: "ok", profiles: { anthropic: "anthropic:b" } },
      differences: ["anthropic profile anthropic:a → anthropic:b"],
    });
    expect(impact.turnsFailing).toBe(0);
  });

  it("lists every agent following the gateway default when the default model changes, not the pinned one", () => {
    const impact = impactOf({
      kind: "gateway-defaults",
      defaults: { defaultModel: { primary: "openai/gpt-9-imaginary", fallbacks: [] } },
    });
    expect(keysOf(impact)).toEqual(["main", "billing"]);
    expect(impact.turnsFailing).toBe(2);
  });

  it("reports fallbacks added to the defaults", () => {
    const impact = impactOf({
      kind: "gateway-defaults",
      defaults: {
        defaultModel: { primary: "anthropic/claude-opus-4-8", fallbacks: ["anthropic/claude-sonnet-4-6"] },
      },
    });
    expect(keysOf(impact)).toEqual(["main", "billing"]);
    expect(impact.agents[0]?.differences).toEqual(["fallbacks none → anthropic/claude-sonnet-4-6"]);
  });

  it("turns every agent Failing when the only profile of the provider they use is removed", () => {
    const record = gateway({ "anthropic:a": apiKey });
    const impact = impactOf(
      { kind: "profile-removal", storeAgentKey: null, profileId: "anthropic:a" },
      record,
    );
    expect(keysOf(impact)).toEqual(["main", "billing", "pinned"]);
    expect(impact.turnsFailing).toBe(3);
    expect(impact.agents[0]?.after.profiles).toEqual({});
    expect(impact.agents[0]?.differences).toContain("anthropic profile anthropic:a → none");
  });

  it("marks a change that moves only other parts of the status (a spare profile removed)", () => {
    const impact = impactOf({ kind: "profile-removal", storeAgentKey: null, profileId: "anthropic:b" });
    expect(keysOf(impact)).toEqual(["main", "billing", "pinned"]);
    expect(impact.agents.every((agent) => agent.otherStatusChanges && agent.differences.length === 0)).toBe(
      true,
    );
    expect(impact.turnsFailing).toBe(0);
  });

  it.each<[string, ProposedChange]>([
    [
      "the same model again",
      { kind: "agent-model", agentKey: "pinned", model: "anthropic/claude-sonnet-4-6" },
    ],
    [
      "params, which models status does not print",
      {
        kind: "agent-params",
        agentKey: "main",
        edit: { layer: { kind: "agent" }, params: { temperature: 0.2 } },
      },
    ],
    [
      "defaults params",
      { kind: "gateway-defaults", defaults: { defaultParams: { cacheRetention: "long" } } },
    ],
  ])("lists no agent for %s", (_case, change) => {
    expect(impactOf(change)).toEqual({ checkedAgents: 3, agents: [], turnsFailing: 0, turnsHealthy: 0 });
  });

  it("says Refused with OpenClaw's message when the proposed config is invalid", () => {
    const record = gateway();
    const proposed: GatewayRecord = {
      ...record,
      config: { ...record.config, extraConfig: { agents: { ownership: "implicit" } } },
    };
    const impact = computeChangeImpact(record, proposed, HOST, NOW);
    expect(impact.turnsFailing).toBe(3);
    expect(impact.agents[0]?.after).toMatchObject({ verdict: "refused", resolvedModel: null, profiles: {} });
    expect(impact.agents[0]?.differences[0]).toMatch(/^OK → Refused: Invalid config at/u);
  });
});

describe("applyProposedChange", () => {
  it("leaves the current record untouched", () => {
    const record = gateway();
    const copy = structuredClone(record);
    applyProposedChange(record, { kind: "agent-model", agentKey: "main", model: "a/b" });
    applyProposedChange(record, { kind: "profile-removal", storeAgentKey: null, profileId: "anthropic:a" });
    applyProposedChange(record, {
      kind: "gateway-defaults",
      defaults: { defaultParams: { temperature: 1 } },
    });
    expect(record).toEqual(copy);
  });

  it("puts a stored order into a new empty store of an agent without one, and clears it again", () => {
    const ordered = applyProposedChange(gateway(), {
      kind: "agent-auth-order",
      agentKey: "main",
      provider: "anthropic",
      profileIds: ["anthropic:b", "anthropic:a"],
    });
    const main = ordered.agents.find((agent) => agent.agentKey === "main");
    // why: OpenClaw writes an empty credentials document along with the order (`setAuthProfileOrder` saves the
    // whole store), without which the order would not count.
    expect(main?.store).toMatchObject({
      hasCredentialDocument: true,
      profiles: [],
      order: { anthropic: ["anthropic:b", "anthropic:a"] },
    });
    const cleared = applyProposedChange(ordered, {
      kind: "agent-auth-order",
      agentKey: "main",
      provider: "anthropic",
      profileIds: null,
    });
    expect(cleared.agents.find((agent) => agent.agentKey === "main")?.store?.order).toEqual({});
  });

  it("replaces one model's params layer of an agent, keeping the entry's alias", () => {
    const record = gateway();
    const withAlias = {
      ...record,
      agents: record.agents.map((agent) =>
        agent.agentKey === "main"
          ? { ...agent, models: { "a/b": { alias: "ab", params: { temperature: 1 } } } }
          : agent,
      ),
    };
    const changed = applyProposedChange(withAlias, {
      kind: "agent-params",
      agentKey: "main",
      edit: { layer: { kind: "agent.models", modelRef: "a/b" }, params: { cacheRetention: "short" } },
    });
    expect(changed.agents[0]?.models).toEqual({
      "a/b": { alias: "ab", params: { cacheRetention: "short" } },
    });
  });

  it.each<[string, ProposedChange]>([
    ["an unknown agent", { kind: "agent-model", agentKey: "ghost", model: null }],
    [
      "a profile not in the store",
      { kind: "profile-removal", storeAgentKey: null, profileId: "anthropic:zz" },
    ],
    [
      "a profile of an agent without a store",
      { kind: "profile-removal", storeAgentKey: "main", profileId: "anthropic:a" },
    ],
  ])("refuses %s", (_case, change) => {
    expect(() => applyProposedChange(gateway(), change)).toThrow(RangeError);
  });
});
