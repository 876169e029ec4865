import { describe, expect, it } from "vitest";
import { databaseChecksum } from "@clawfleet/db/testing/database-checksum";
import {
  createAgent,
  createGateway,
  createProfile,
  createTeam,
  fakeApiKey,
} from "@clawfleet/db/testing/factories";
import { editGatewayDefaults } from "../gateways/gateway-edits";
import { testCaller, testSecretBox, useServiceTestClock } from "../testing/service-test-deps";
import { previewChangeImpact } from "./change-impact";
import { refreshGatewayStatuses } from "./stored-statuses";

const START = new Date("2026-11-30T10:00:00.000Z");
const HOUR = 3_600_000;
const clock = useServiceTestClock(START);
const { deps } = clock;
const { db } = deps;

/**
 * A gateway whose shared store holds two Anthropic keys (`anthropic:b` used an hour ago, so round robin picks
 * `anthropic:a`), and three agents: `main` and `billing` follow the default model, `pinned` has its own.
 */
async function fleet() {
  const { id: teamId } = await createTeam(db);
  const gateway = await createGateway(db, { teamId });
  const profiles = [];
  for (const [profileId, lastUsed] of [
    ["anthropic:a", null],
    ["anthropic:b", new Date(START.getTime() - HOUR)],
  ] as const)
    profiles.push(
      await createProfile(db, testSecretBox, {
        teamId,
        gatewayId: gateway.id,
        profileId,
        secrets: { key: fakeApiKey() },
        ...(lastUsed ? { usage: { lastUsed } } : {}),
      }),
    );
  const agents: Record<string, string> = {};
  for (const agentKey of ["main", "billing", "pinned"])
    agents[agentKey] = (
      await createAgent(db, { teamId, gatewayId: gateway.id, agentKey, name: `${agentKey} agent` })
    ).id;
  await db.agent.update({ where: { id: agents.pinned }, data: { model: "anthropic/claude-opus-4-8" } });
  await db.gateway.update({
    where: { id: gateway.id },
    data: { extraConfig: { agents: { ownership: "explicit" } } },
  });
  await refreshGatewayStatuses(deps, { teamId, gatewayId: gateway.id });
  const [a, b] = profiles;
  if (!a || !b) throw new Error("two profiles were created");
  return { teamId, gatewayId: gateway.id, agents, profiles: { a: a.id, b: b.id } };
}

const idOf = (agents: Record<string, string>, key: string) => {
  const id = agents[key];
  if (!id) throw new Error(`no agent ${key}`);
  return id;
};

describe("previewChangeImpact", () => {
  it("names the agent an unknown model turns Failing, by name, and writes nothing", async () => {
    const { teamId, agents } = await fleet();
    const before = await databaseChecksum(db);
    const impact = await previewChangeImpact(deps, testCaller(teamId), {
      kind: "agent-model",
      agentId: idOf(agents, "billing"),
      choice: { mode: "strict", primary: "openai/gpt-9-imaginary" },
    });
    expect(impact).toMatchObject({ checkedAgents: 3, turnsFailing: 1, turnsHealthy: 0 });
    expect(impact.agents).toHaveLength(1);
    expect(impact.agents[0]).toMatchObject({
      agentId: idOf(agents, "billing"),
      agentKey: "billing",
      agentName: "billing agent",
      before: { verdict: "ok" },
      after: { verdict: "failing", resolvedModel: "openai/gpt-9-imaginary" },
    });
    expect(await databaseChecksum(db)).toBe(before);
  });

  it("shows the profile an auth order would make the agent use", async () => {
    const { teamId, agents } = await fleet();
    const impact = await previewChangeImpact(deps, testCaller(teamId), {
      kind: "agent-auth-order",
      agentId: idOf(agents, "main"),
      provider: "anthropic",
      profileIds: ["anthropic:b", "anthropic:a"],
    });
    expect(impact.agents.map((agent) => [agent.agentKey, agent.differences])).toEqual([
      ["main", ["anthropic profile anthropic:a → anthropic:b"]],
    ]);
  });

  it("predicts what saving gateway defaults does to the stored statuses", async () => {
    const { teamId, gatewayId, agents } = await fleet();
    const edit = { model: { primary: "openai/gpt-9-imaginary", fallbacks: [] }, params: {} };
    const impact = await previewChangeImpact(deps, testCaller(teamId), {
      kind: "gateway-defaults",
      gatewayId,
      edit,
    });
    // Agents come in gateway order (position, then id).
    expect(impact.agents.map((agent) => agent.agentKey)).toEqual(["billing", "main"]);
    expect(impact.turnsFailing).toBe(2);

    const gateway = await db.gateway.findUniqueOrThrow({ where: { id: gatewayId } });
    await editGatewayDefaults(deps, testCaller(teamId), {
      gatewayId,
      expectedVersion: gateway.version,
      edit,
    });
    const stored = await db.agentStatus.findMany({
      where: { gatewayId },
      select: { agentId: true, verdict: true },
    });
    const verdictOf = new Map(stored.map((row) => [row.agentId, row.verdict]));
    for (const agent of impact.agents) expect(verdictOf.get(agent.agentId)).toBe(agent.after.verdict);
    expect(verdictOf.get(idOf(agents, "pinned"))).toBe("ok");
  });

  it("previews a profile removal from the shared store", async () => {
    const { teamId, profiles } = await fleet();
    const impact = await previewChangeImpact(deps, testCaller(teamId), {
      kind: "profile-removal",
      authProfileId: profiles.a,
    });
    expect(impact.agents).toHaveLength(3);
    expect(impact.agents[0]?.differences).toEqual(["anthropic profile anthropic:a → anthropic:b"]);
    expect(impact.turnsFailing).toBe(0);
  });

  it("answers NOT_FOUND for another team's agent, gateway or profile", async () => {
    const own = await fleet();
    const other = await fleet();
    const caller = testCaller(own.teamId);
    for (const request of [
      { kind: "agent-model", agentId: idOf(other.agents, "main"), choice: { mode: "inherit" } },
      { kind: "gateway-defaults", gatewayId: other.gatewayId, edit: { model: null, params: {} } },
      { kind: "profile-removal", authProfileId: other.profiles.a },
    ] as const)
      await expect(previewChangeImpact(deps, caller, request)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
