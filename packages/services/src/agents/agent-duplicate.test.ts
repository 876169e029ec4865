import { describe, expect, it } from "vitest";
import { createProfile, fakeApiKey } from "@clawfleet/db/testing/factories";
import { findAgentStoredOrders, listProfilesVisibleToAgent } from "@clawfleet/db/auth-profile.repository";
import { setAgentAuthOrder } from "./agent-auth-order";
import { duplicateAgent } from "./agent-duplicate";
import { updateAgentModel, updateAgentParams } from "./edit-agent";
import { connectorTeam, enrolHostAgent, rowsAsText } from "../testing/host-agent-fixtures";
import { testSecretBox, useServiceTestClock } from "../testing/service-test-deps";

const { deps } = useServiceTestClock(new Date("2026-12-01T09:00:00Z"));
const { db } = deps;

/** A source agent with a model, params, an own profile and a stored order over own + shared profiles. */
async function sourceAgent() {
  const team = await connectorTeam(db);
  const scope = { teamId: team.team.id, gatewayId: team.gateway.id };
  const ownSecret = fakeApiKey("OWNSECRET");
  await createProfile(db, testSecretBox, {
    ...scope,
    profileId: "anthropic:team",
    secrets: { key: fakeApiKey() },
  });
  await createProfile(db, testSecretBox, {
    ...scope,
    agentId: team.agent.id,
    profileId: "anthropic:mine",
    secrets: { key: ownSecret },
  });
  let agent = await updateAgentModel(deps, team.caller, {
    agentId: team.agent.id,
    expectedVersion: 1,
    choice: { mode: "strict", primary: "anthropic/claude-opus-4-6" },
  });
  agent = await updateAgentParams(deps, team.caller, {
    agentId: agent.id,
    expectedVersion: agent.version,
    edit: { layer: { kind: "agent" }, params: { cacheRetention: "long" } },
  });
  agent = await setAgentAuthOrder(deps, team.caller, {
    agentId: agent.id,
    expectedVersion: agent.version,
    provider: "anthropic",
    profileIds: ["anthropic:mine", "anthropic:team"],
  });
  return { team, agent, ownSecret };
}

describe("duplicateAgent", () => {
  it("copies model, params and the order the shared store still satisfies, but no own profile", async () => {
    const { team, agent, ownSecret } = await sourceAgent();
    await enrolHostAgent(deps, team);
    const copy = await duplicateAgent(deps, team.caller, {
      agentId: agent.id,
      expectedVersion: agent.version,
      agentKey: "main-copy",
      name: "Main copy",
    });
    expect(copy.agent).toMatchObject({
      agentKey: "main-copy",
      name: "Main copy",
      gatewayId: team.gateway.id,
      workspace: null,
      model: agent.model,
      params: { cacheRetention: "long" },
    });
    expect(copy.ownProfilesNotCopied).toBe(1);
    expect(copy.droppedOrders).toEqual([]);
    expect(await findAgentStoredOrders(db, { teamId: team.team.id, agentId: copy.agent.id })).toEqual({
      anthropic: ["anthropic:team"],
    });
    const reached = await listProfilesVisibleToAgent(db, { teamId: team.team.id, agentId: copy.agent.id });
    expect(reached.map((profile) => profile.profileId)).toEqual(["anthropic:team"]);

    const jobs = await db.hostJob.findMany({
      where: { teamId: team.team.id, originId: copy.agent.id },
      orderBy: { seq: "asc" },
    });
    expect(jobs.map((job) => job.kind)).toEqual(["agent.create", "config.patch", "auth.order.set"]);
    const audit = await db.auditEvent.findMany({ where: { teamId: team.team.id, targetId: copy.agent.id } });
    expect(audit).toMatchObject([
      { action: "agent.create", after: { duplicatedFrom: { id: agent.id, agentKey: "main" } } },
    ]);
    expect(rowsAsText([jobs, audit])).not.toContain(ownSecret);
  });

  it("answers CONFLICT for a stale source version and for a taken id, and creates nothing", async () => {
    const { team, agent } = await sourceAgent();
    await expect(
      duplicateAgent(deps, team.caller, {
        agentId: agent.id,
        expectedVersion: agent.version - 1,
        agentKey: "other",
        name: "Other",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      duplicateAgent(deps, team.caller, {
        agentId: agent.id,
        expectedVersion: agent.version,
        agentKey: "main",
        name: "Main again",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", location: "agentKey" });
    expect(await db.agent.count({ where: { teamId: team.team.id } })).toBe(1);
  });

  it("does not reach another team's agent", async () => {
    const { agent } = await sourceAgent();
    const other = await connectorTeam(db);
    await expect(
      duplicateAgent(deps, other.caller, {
        agentId: agent.id,
        expectedVersion: agent.version,
        agentKey: "stolen",
        name: "Stolen",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
