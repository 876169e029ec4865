import { describe, expect, it } from "vitest";
import { createAgent, createGateway, createProfile, fakeApiKey } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { teamWithMembers, testSecretBox } from "../../testing/caller";

const db = useTestDb();

async function fleet() {
  const team = await teamWithMembers(db);
  const gateway = await createGateway(db, { teamId: team.team.id });
  const agent = await createAgent(db, { teamId: team.team.id, gatewayId: gateway.id });
  return { ...team, gateway, agent };
}

describe("agent model and params edits", () => {
  it("stores each model choice in OpenClaw's form and audits it", async () => {
    const { agent, as } = await fleet();
    const withFallbacks = await as("operator").agents.updateModel({
      agentId: agent.id,
      expectedVersion: 1,
      choice: {
        mode: "fallbacks",
        primary: "anthropic/claude-sonnet-5",
        fallbacks: ["anthropic/claude-opus-4-8"],
      },
    });
    expect(withFallbacks.model).toEqual({
      primary: "anthropic/claude-sonnet-5",
      fallbacks: ["anthropic/claude-opus-4-8"],
    });

    const strict = await as("operator").agents.updateModel({
      agentId: agent.id,
      expectedVersion: 2,
      choice: { mode: "strict", primary: "opus" },
    });
    expect(strict.model).toBe("opus");
    const inherited = await as("operator").agents.updateModel({
      agentId: agent.id,
      expectedVersion: 3,
      choice: { mode: "inherit" },
    });
    expect([inherited.model, inherited.primaryModel, inherited.version]).toEqual([null, null, 4]);

    const audit = await as("admin").audit.list({ limit: 5 });
    expect(audit.map((event) => event.action)).toEqual([
      "agent.update_model",
      "agent.update_model",
      "agent.update_model",
    ]);
    expect(audit[2]?.after).toMatchObject({ model: { primary: "anthropic/claude-sonnet-5" } });
  });

  it("replaces one params layer and keeps the model entry's other settings", async () => {
    const { agent, as } = await fleet();
    await db.agent.update({
      where: { id: agent.id },
      data: { models: { "anthropic/claude-opus-4-8": { alias: "big", params: { temperature: 1 } } } },
    });
    const perModel = await as("operator").agents.updateParams({
      agentId: agent.id,
      expectedVersion: 1,
      edit: {
        layer: { kind: "agent.models", modelRef: "anthropic/claude-opus-4-8" },
        params: { cacheRetention: "long" },
      },
    });
    expect(perModel.models).toEqual({
      "anthropic/claude-opus-4-8": { alias: "big", params: { cacheRetention: "long" } },
    });

    const agentWide = await as("operator").agents.updateParams({
      agentId: agent.id,
      expectedVersion: 2,
      edit: { layer: { kind: "agent" }, params: { temperature: 0.3 } },
    });
    expect(agentWide.params).toEqual({ temperature: 0.3 });

    const cleared = await as("operator").agents.updateParams({
      agentId: agent.id,
      expectedVersion: 3,
      edit: { layer: { kind: "agent.models", modelRef: "anthropic/claude-opus-4-8" }, params: {} },
    });
    expect(cleared.models).toEqual({ "anthropic/claude-opus-4-8": { alias: "big" } });
  });

  it("refuses viewers, stale versions and invalid params without changing anything", async () => {
    const { agent, as } = await fleet();
    const edit = { layer: { kind: "agent" as const }, params: { cacheRetention: "long" as const } };
    await expect(
      as("viewer").agents.updateParams({ agentId: agent.id, expectedVersion: 1, edit }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await as("operator").agents.updateParams({ agentId: agent.id, expectedVersion: 1, edit });
    await expect(
      as("operator").agents.updateParams({ agentId: agent.id, expectedVersion: 1, edit }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      as("operator").agents.updateParams({
        agentId: agent.id,
        expectedVersion: 2,
        edit: { layer: { kind: "agent" }, params: { cacheRetention: "forever" } as never },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await as("viewer").agents.byId({ agentId: agent.id })).version).toBe(2);
  });
});

describe("clear cooldown", () => {
  it("lets an operator clear a cooldown and a billing disable, versioned and audited", async () => {
    const { team, gateway, as } = await fleet();
    const profile = await createProfile(db, testSecretBox, {
      teamId: team.id,
      gatewayId: gateway.id,
      secrets: { key: fakeApiKey() },
      usage: {
        cooldownUntil: new Date(Date.now() + 60_000),
        cooldownReason: "rate_limit",
        disabledUntil: new Date(Date.now() + 3_600_000),
        disabledReason: "billing",
        errorCount: 3,
        failureCounts: { rate_limit: 2, billing: 1 },
        lastUsed: new Date(1_700_000_000_000),
      },
    });
    await expect(
      as("viewer").authProfiles.clearCooldown({ authProfileId: profile.id, expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    const cleared = await as("operator").authProfiles.clearCooldown({
      authProfileId: profile.id,
      expectedVersion: 1,
    });
    expect(cleared).toMatchObject({
      cooldownUntil: null,
      disabledUntil: null,
      errorCount: 0,
      version: 2,
      lastUsed: new Date(1_700_000_000_000),
    });
    await expect(
      as("operator").authProfiles.clearCooldown({ authProfileId: profile.id, expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    const [event] = await as("admin").audit.list({ limit: 1 });
    expect(event).toMatchObject({
      action: "auth_profile.clear_cooldown",
      before: { cooldownReason: "rate_limit", disabledReason: "billing" },
      after: { cooldownReason: null },
    });
  });
});
