import { describe, expect, it } from "vitest";
import type { AgentListQuery } from "@clawfleet/core/fleet/agent";
import { findAgentById, listAgentFacets, listAgents, updateAgent } from "./agent.repository";
import { createAuthProfile } from "./auth-profile.repository";
import { openSecretBox } from "./secret-box";
import {
  TEST_SECRET_KEY,
  createAgent,
  createGateway,
  createProfile,
  createTeam,
  fakeApiKey,
} from "./testing/factories";
import { useTestDb } from "./testing/test-db";

const db = useTestDb();

async function teamWithAgents(names: string[]) {
  const team = await createTeam(db);
  const gateway = await createGateway(db, { teamId: team.id });
  const agents = [];
  for (const name of names)
    agents.push(await createAgent(db, { teamId: team.id, gatewayId: gateway.id, name }));
  return { team, gateway, agents };
}

describe("agents", () => {
  it("lists only the team's agents, searched and paged", async () => {
    const { team } = await teamWithAgents(["Support bot", "Sales bot", "Ops"]);
    await teamWithAgents(["Support bot of another team"]);

    const bots = await listAgents(db, { teamId: team.id, query: { search: "bot", page: 1, pageSize: 1 } });
    expect(bots.total).toBe(2);
    expect(bots.items.map((agent) => agent.name)).toEqual(["Sales bot"]);
    const secondPage = await listAgents(db, {
      teamId: team.id,
      query: { search: "bot", page: 2, pageSize: 1 },
    });
    expect(secondPage.items.map((agent) => agent.name)).toEqual(["Support bot"]);
  });

  it("searches for % and _ as the characters they are, not as LIKE wildcards (security finding 16)", async () => {
    const { team } = await teamWithAgents([
      "Done 100% of it",
      "Done 1000 of it",
      "night_shift",
      "nightXshift",
      "back\\slash",
    ]);
    const names = async (search: string) =>
      (await listAgents(db, { teamId: team.id, query: { search, page: 1, pageSize: 10 } })).items.map(
        (agent) => agent.name,
      );
    expect(await names("100%")).toEqual(["Done 100% of it"]);
    expect(await names("t_s")).toEqual(["night_shift"]);
    expect(await names("%")).toEqual(["Done 100% of it"]);
    expect(await names("k\\s")).toEqual(["back\\slash"]);
  });

  it("does not find another team's agent", async () => {
    const { agents } = await teamWithAgents(["Theirs"]);
    const { team: ownTeam } = await teamWithAgents([]);
    const agentId = agents[0]?.id ?? "";
    expect(await findAgentById(db, { teamId: ownTeam.id, agentId })).toBeNull();
    await expect(
      updateAgent(db, {
        teamId: ownTeam.id,
        agentId,
        expectedVersion: 1,
        changes: { name: "hijacked", tags: [] },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("applies an edit at the current version and refuses a stale one with CONFLICT", async () => {
    const { team, agents } = await teamWithAgents(["Original"]);
    const agentId = agents[0]?.id ?? "";
    const { before, after } = await updateAgent(db, {
      teamId: team.id,
      agentId,
      expectedVersion: 1,
      changes: { name: "First", tags: ["prod"] },
    });
    expect([before.name, after.name, after.version, after.tags]).toEqual(["Original", "First", 2, ["prod"]]);

    await expect(
      updateAgent(db, { teamId: team.id, agentId, expectedVersion: 1, changes: { name: "Stale", tags: [] } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await findAgentById(db, { teamId: team.id, agentId }))?.name).toBe("First");
  });

  it("declares OpenClaw's implicit main agent once it gets a model or params of its own, not on a rename", async () => {
    const team = await createTeam(db);
    const gateway = await createGateway(db, { teamId: team.id });
    const implicit = await createAgent(db, { teamId: team.id, gatewayId: gateway.id, agentKey: "main" });
    await db.agent.update({ where: { id: implicit.id }, data: { declared: false } });
    const declaredOf = async () =>
      (await db.agent.findUniqueOrThrow({ where: { id: implicit.id } })).declared;

    await updateAgent(db, {
      teamId: team.id,
      agentId: implicit.id,
      expectedVersion: 1,
      changes: { name: "Main" },
    });
    expect(await declaredOf()).toBe(false);
    await updateAgent(db, {
      teamId: team.id,
      agentId: implicit.id,
      expectedVersion: 2,
      changes: { model: "anthropic/claude-opus-4-6" },
    });
    expect(await declaredOf()).toBe(true);
  });

  it("lets exactly one of 20 parallel edits of the same version win", async () => {
    const { team, agents } = await teamWithAgents(["Contested"]);
    const agentId = agents[0]?.id ?? "";
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        updateAgent(db, {
          teamId: team.id,
          agentId,
          expectedVersion: 1,
          changes: { name: `Editor ${index}`, tags: [] },
        }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(
      results.filter(
        (result) => result.status === "rejected" && (result.reason as { code?: string }).code === "CONFLICT",
      ),
    ).toHaveLength(19);
    expect((await findAgentById(db, { teamId: team.id, agentId }))?.version).toBe(2);
  });
});

describe("agent filters", () => {
  it("filters by a provider and profile type reached through the agent's own store or the shared store", async () => {
    const box = openSecretBox(TEST_SECRET_KEY);
    const { team, gateway, agents } = await teamWithAgents(["Inherits", "Own token", "Other gateway"]);
    const [inherits, ownToken] = agents;
    const otherGateway = await createGateway(db, { teamId: team.id });
    await db.agent.update({ where: { id: agents[2]?.id ?? "" }, data: { gatewayId: otherGateway.id } });
    await createProfile(db, box, {
      teamId: team.id,
      gatewayId: gateway.id,
      secrets: { key: fakeApiKey() },
    });
    const own = await db.credentialStore.create({
      data: { teamId: team.id, gatewayId: gateway.id, agentId: ownToken?.id ?? "" },
    });
    await createAuthProfile(db, box, {
      teamId: team.id,
      storeId: own.id,
      profileId: "anthropic:own",
      provider: "anthropic",
      type: "token",
      secrets: { token: `sk-ant-oat01-${"FAKE".repeat(20)}` },
    });
    const names = async (query: Partial<AgentListQuery>) =>
      (await listAgents(db, { teamId: team.id, query: { page: 1, pageSize: 50, ...query } })).items.map(
        (agent) => agent.name,
      );

    expect(await names({ provider: "anthropic" })).toEqual([inherits?.name, ownToken?.name]);
    expect(await names({ profileType: "token" })).toEqual([ownToken?.name]);
    expect(await names({ provider: "openai" })).toEqual([]);
    expect(await listAgentFacets(db, { teamId: team.id })).toEqual({ tags: [], providers: ["anthropic"] });
  });
});
