import { describe, expect, it } from "vitest";
import { openSecretBox } from "@clawfleet/db/secret-box";
import {
  TEST_SECRET_KEY,
  createAgent,
  createGateway,
  createProfile,
  fakeApiKey,
} from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { callerFor, teamWithMembers } from "../../testing/caller";

const db = useTestDb();

async function fleet() {
  const team = await teamWithMembers(db);
  const gateway = await createGateway(db, { teamId: team.team.id });
  const agent = await createAgent(db, { teamId: team.team.id, gatewayId: gateway.id, name: "Support bot" });
  return { ...team, gateway, agent };
}

describe("agents router", () => {
  it("refuses anonymous callers", async () => {
    const { agent } = await fleet();
    await expect(callerFor(db, null).agents.byId({ agentId: agent.id })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("lets a viewer read but not call an operator procedure", async () => {
    const { agent, as } = await fleet();
    expect((await as("viewer").agents.byId({ agentId: agent.id })).name).toBe("Support bot");
    await expect(
      as("viewer").agents.update({
        agentId: agent.id,
        expectedVersion: 1,
        edit: { name: "Renamed", tags: [] },
      }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("needs the operator role") as unknown,
    });
    expect((await as("viewer").agents.byId({ agentId: agent.id })).name).toBe("Support bot");
  });

  it("answers NOT_FOUND to a member of team A asking for team B's agent", async () => {
    const teamA = await fleet();
    const teamB = await fleet();
    await expect(teamA.as("admin").agents.byId({ agentId: teamB.agent.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      teamA
        .as("admin")
        .agents.update({ agentId: teamB.agent.id, expectedVersion: 1, edit: { name: "x", tags: [] } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(teamA.as("admin").authProfiles.forAgent({ agentId: teamB.agent.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const listed = await teamA.as("admin").agents.list({ search: "Support" });
    expect(listed.items.map((agent) => agent.id)).toEqual([teamA.agent.id]);
  });

  it("ignores a requested team the caller is not a member of", async () => {
    const teamA = await fleet();
    const teamB = await fleet();
    const sneaky = callerFor(db, teamA.members.admin, teamB.team.id);
    expect((await sneaky.session.current()).team.id).toBe(teamA.team.id);
    await expect(sneaky.agents.byId({ agentId: teamB.agent.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("updates with the current version, audits it in the same transaction, and answers CONFLICT when stale", async () => {
    const { agent, as, team, members } = await fleet();
    const updated = await as("operator").agents.update({
      agentId: agent.id,
      expectedVersion: 1,
      edit: { name: "Renamed", tags: ["prod"] },
    });
    expect([updated.name, updated.version]).toEqual(["Renamed", 2]);

    const [event] = await as("admin").audit.list({ limit: 5 });
    expect(event).toMatchObject({
      action: "agent.update",
      actorId: members.operator.id,
      targetId: agent.id,
      before: { name: "Support bot", version: 1 },
      after: { name: "Renamed", tags: ["prod"], version: 2 },
    });

    await expect(
      as("operator").agents.update({
        agentId: agent.id,
        expectedVersion: 1,
        edit: { name: "Stale", tags: [] },
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("Someone else changed this agent") as unknown,
    });
    expect((await as("viewer").agents.byId({ agentId: agent.id })).name).toBe("Renamed");
    expect(await db.auditEvent.count({ where: { teamId: team.id } })).toBe(1);
  });

  it("rejects bad input with field paths and changes nothing", async () => {
    const { agent, as } = await fleet();
    await expect(
      as("operator").agents.update({
        agentId: agent.id,
        expectedVersion: 1,
        edit: { name: "  ", tags: ["Not A Tag"] },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await as("viewer").agents.byId({ agentId: agent.id })).version).toBe(1);
  });

  it("refuses a session issued before the user's sessions were revoked", async () => {
    const { agent, members } = await fleet();
    await db.user.update({
      where: { id: members.admin.id },
      data: { sessionsValidFrom: new Date(Date.now() + 60_000) },
    });
    await expect(callerFor(db, members.admin).agents.byId({ agentId: agent.id })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("applies a role change on the very next call", async () => {
    const { agent, members, as, team } = await fleet();
    await db.membership.update({
      where: { teamId_userId: { teamId: team.id, userId: members.operator.id } },
      data: { role: "viewer" },
    });
    await expect(
      as("operator").agents.update({ agentId: agent.id, expectedVersion: 1, edit: { name: "x", tags: [] } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("creating and deleting agents", () => {
  const newAgent = { agentKey: "ops", name: "Ops", workspace: "", model: "anthropic/claude-sonnet-4-6" };

  it("lets an admin create an agent with OpenClaw's id rule and delete it at its version, audited", async () => {
    const { as, gateway, team } = await fleet();
    const created = await as("admin").agents.create({ gatewayId: gateway.id, ...newAgent });
    expect(created).toMatchObject({ agentKey: "ops", name: "Ops", workspace: null });
    expect(created.model).toBe("anthropic/claude-sonnet-4-6");
    await expect(
      as("admin").agents.create({ gatewayId: gateway.id, ...newAgent, name: "Twin" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining('"ops"') as unknown });

    await expect(
      as("admin").agents.delete({ agentId: created.id, expectedVersion: created.version + 1 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await as("admin").agents.delete({ agentId: created.id, expectedVersion: created.version });
    await expect(as("viewer").agents.byId({ agentId: created.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const actions = await db.auditEvent.findMany({
      where: { teamId: team.id, action: { in: ["agent.create", "agent.delete"] } },
      orderBy: { id: "asc" },
    });
    expect(actions.map((event) => event.action)).toEqual(["agent.create", "agent.delete"]);
  });

  it("refuses an id OpenClaw would refuse and an operator, creating nothing", async () => {
    const { as, gateway } = await fleet();
    await expect(
      as("admin").agents.create({ gatewayId: gateway.id, ...newAgent, agentKey: "Ops Team" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("agent id") as unknown });
    await expect(as("operator").agents.create({ gatewayId: gateway.id, ...newAgent })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db.agent.count({ where: { gatewayId: gateway.id } })).toBe(1);
  });
});

describe("an agent's stored auth order", () => {
  it("takes every available profile of the provider once, answers OpenClaw's words otherwise, and clears", async () => {
    const { as, gateway, agent, team } = await fleet();
    const box = openSecretBox(TEST_SECRET_KEY);
    for (const profileId of ["anthropic:work", "anthropic:team"])
      await createProfile(db, box, {
        teamId: team.id,
        gatewayId: gateway.id,
        profileId,
        secrets: { key: fakeApiKey(profileId.slice(10)) },
      });
    await expect(
      as("operator").agents.setAuthOrder({
        agentId: agent.id,
        expectedVersion: 1,
        provider: "anthropic",
        profileIds: ["anthropic:team"],
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "profileIds must include every available profile for provider anthropic",
    });
    const saved = await as("operator").agents.setAuthOrder({
      agentId: agent.id,
      expectedVersion: 1,
      provider: "anthropic",
      profileIds: ["anthropic:team", "anthropic:work"],
    });
    expect(saved.version).toBe(2);
    const store = await db.credentialStore.findFirstOrThrow({ where: { agentId: agent.id } });
    // why: OpenClaw's `models auth order set` saves the agent's whole store, an empty credentials document too.
    expect(store).toMatchObject({
      order: { anthropic: ["anthropic:team", "anthropic:work"] },
      hasCredentialDocument: true,
    });

    await as("operator").agents.setAuthOrder({
      agentId: agent.id,
      expectedVersion: 2,
      provider: "anthropic",
      profileIds: null,
    });
    expect((await db.credentialStore.findFirstOrThrow({ where: { agentId: agent.id } })).order).toEqual({});
    await expect(
      as("viewer").agents.setAuthOrder({
        agentId: agent.id,
        expectedVersion: 3,
        provider: "anthropic",
        profileIds: null,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
