import { describe, expect, it } from "vitest";
import { listHostJobs } from "./host-jobs";
import { setAgentAuthOrder } from "../agents/agent-auth-order";
import { createAgent, deleteAgent } from "../agents/agent-lifecycle";
import { updateAgentModel, updateAgentParams } from "../agents/edit-agent";
import { addApiKeyProfile, removeAuthProfile } from "../auth-profiles/auth-profile-edits";
import { editGatewayDefaults } from "../gateways/gateway-edits";
import { connectorTeam, enrolHostAgent, rowsAsText } from "../testing/host-agent-fixtures";
import { useServiceTestClock } from "../testing/service-test-deps";

const { deps } = useServiceTestClock(new Date("2026-12-01T09:00:00Z"));
const { db } = deps;

async function gatewayJobs(teamId: string, gatewayId: string) {
  const { jobs } = await listHostJobs(deps, { teamId }, { gatewayId, limit: 50 });
  return jobs.reverse();
}

describe("console edits become host jobs in their own transaction", () => {
  it("queues a config.patch of the agent's entry for a model and a params edit", async () => {
    const team = await connectorTeam(db);
    await enrolHostAgent(deps, team);
    const afterModel = await updateAgentModel(deps, team.caller, {
      agentId: team.agent.id,
      expectedVersion: 1,
      choice: { mode: "strict", primary: "anthropic/claude-opus-4-6" },
    });
    await updateAgentParams(deps, team.caller, {
      agentId: team.agent.id,
      expectedVersion: afterModel.version,
      edit: {
        layer: { kind: "agent.models", modelRef: "anthropic/claude-opus-4-6" },
        params: { cacheRetention: "long" },
      },
    });
    const jobs = await gatewayJobs(team.team.id, team.gateway.id);
    expect(jobs.map((job) => [job.kind, job.state, job.origin])).toEqual([
      ["config.patch", "queued", { type: "agent", id: team.agent.id }],
      ["config.patch", "queued", { type: "agent", id: team.agent.id }],
    ]);
    const payloads = await db.hostJob.findMany({ where: { teamId: team.team.id }, orderBy: { seq: "asc" } });
    expect(payloads.map((row) => row.payload)).toMatchObject([
      {
        patch: { agents: { entries: { main: { model: "anthropic/claude-opus-4-6" } } } },
        affectedAgentKeys: ["main"],
      },
      {
        patch: {
          agents: {
            entries: {
              main: { models: { "anthropic/claude-opus-4-6": { params: { cacheRetention: "long" } } } },
            },
          },
        },
      },
    ]);
  });

  it("queues gateway defaults as a patch of agents.defaults that reports every agent", async () => {
    const team = await connectorTeam(db);
    await enrolHostAgent(deps, team);
    await editGatewayDefaults(deps, team.caller, {
      gatewayId: team.gateway.id,
      expectedVersion: 1,
      edit: { model: { primary: "anthropic/claude-sonnet-4-6", fallbacks: [] }, params: {} },
    });
    const [row] = await db.hostJob.findMany({ where: { teamId: team.team.id } });
    expect(row?.payload).toMatchObject({
      kind: "config.patch",
      patch: { agents: { defaults: { model: { primary: "anthropic/claude-sonnet-4-6", fallbacks: [] } } } },
      replacePaths: ["agents.defaults.model.fallbacks"],
      affectedAgentKeys: "all",
    });
  });

  it("queues agent creation and deletion, and a new shared API key without its secret", async () => {
    const team = await connectorTeam(db);
    await enrolHostAgent(deps, team);
    const ops = await createAgent(deps, team.caller, {
      gatewayId: team.gateway.id,
      agentKey: "ops",
      name: "Ops",
      workspace: null,
      model: "anthropic/claude-sonnet-4-6",
    });
    await deleteAgent(deps, team.caller, { agentId: ops.id, expectedVersion: ops.version });
    const key = `sk-ant-api03-HOSTCHANGES${"k".repeat(80)}`;
    await addApiKeyProfile(deps, team.caller, {
      gatewayId: team.gateway.id,
      profileId: "anthropic:fleet",
      key,
    });

    const jobs = await db.hostJob.findMany({ where: { teamId: team.team.id }, orderBy: { seq: "asc" } });
    expect(jobs.map((job) => job.payload)).toMatchObject([
      { kind: "agent.create", agentKey: "ops", name: "Ops", model: "anthropic/claude-sonnet-4-6" },
      { kind: "agent.delete", agentKey: "ops" },
      { kind: "credential.push", profileId: "anthropic:fleet", type: "api_key", storeAgentKey: null },
    ]);
    expect(rowsAsText(jobs)).not.toContain(key.slice(13));
  });

  it("removes a profile with its secrets, audited, and queues its removal from the host's store", async () => {
    const team = await connectorTeam(db);
    await enrolHostAgent(deps, team);
    const key = `sk-ant-api03-REMOVED${"r".repeat(80)}`;
    const profile = await addApiKeyProfile(deps, team.caller, {
      gatewayId: team.gateway.id,
      profileId: "anthropic:old",
      key,
    });
    await expect(
      removeAuthProfile(deps, team.caller, {
        authProfileId: profile.id,
        expectedVersion: profile.version + 1,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await removeAuthProfile(deps, team.caller, {
      authProfileId: profile.id,
      expectedVersion: profile.version,
    });

    expect(await db.authProfile.count({ where: { id: profile.id } })).toBe(0);
    expect(await db.authProfileSecret.count({ where: { authProfileId: profile.id } })).toBe(0);
    const [, removal] = await db.hostJob.findMany({
      where: { teamId: team.team.id },
      orderBy: { seq: "asc" },
    });
    expect(removal?.payload).toEqual({
      kind: "auth.profile.remove",
      storeAgentKey: null,
      provider: "anthropic",
      profileIds: ["anthropic:old"],
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { teamId: team.team.id, action: "auth_profile.remove" },
    });
    expect(rowsAsText(audit)).not.toContain(key.slice(13));
  });

  it("queues models.authOrderSet with the agent's id and the full list", async () => {
    const team = await connectorTeam(db);
    await enrolHostAgent(deps, team);
    await addApiKeyProfile(deps, team.caller, {
      gatewayId: team.gateway.id,
      profileId: "anthropic:fleet",
      key: `sk-ant-api03-ORDER${"o".repeat(80)}`,
    });
    await setAgentAuthOrder(deps, team.caller, {
      agentId: team.agent.id,
      expectedVersion: 1,
      provider: "anthropic",
      profileIds: ["anthropic:fleet"],
    });
    const jobs = await db.hostJob.findMany({ where: { teamId: team.team.id }, orderBy: { seq: "asc" } });
    expect(jobs.at(-1)?.payload).toEqual({
      kind: "auth.order.set",
      agentKey: "main",
      provider: "anthropic",
      profileIds: ["anthropic:fleet"],
    });
  });

  it("queues nothing for a gateway without a host agent: the edit stays in the console", async () => {
    const team = await connectorTeam(db);
    await updateAgentModel(deps, team.caller, {
      agentId: team.agent.id,
      expectedVersion: 1,
      choice: { mode: "strict", primary: "anthropic/claude-opus-4-6" },
    });
    expect(await db.hostJob.count({ where: { teamId: team.team.id } })).toBe(0);
    expect((await db.agent.findUniqueOrThrow({ where: { id: team.agent.id } })).model).toBe(
      "anthropic/claude-opus-4-6",
    );
  });
});
