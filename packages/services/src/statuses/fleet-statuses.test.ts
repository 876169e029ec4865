import { describe, expect, it } from "vitest";
import { fleetVerdictOf } from "@clawfleet/core/fleet/fleet-status";
import {
  createAgent,
  createGateway,
  createProfile,
  createTeam,
  fakeApiKey,
} from "@clawfleet/db/testing/factories";
import { testSecretBox, useServiceTestDeps } from "../testing/service-test-deps";
import { STATUS_REUSE_MS, computeTeamAgentStatuses } from "./fleet-statuses";

const { db } = useServiceTestDeps();

async function team() {
  const { id: teamId } = await createTeam(db);
  const gateway = await createGateway(db, { teamId });
  await createProfile(db, testSecretBox, {
    teamId,
    gatewayId: gateway.id,
    secrets: { key: fakeApiKey() },
  });
  await createAgent(db, { teamId, gatewayId: gateway.id, agentKey: "main" });
  const agent = await createAgent(db, { teamId, gatewayId: gateway.id, agentKey: "work" });
  await db.gateway.update({
    where: { id: gateway.id },
    data: { extraConfig: { agents: { ownership: "explicit" } } },
  });
  return { teamId, gateway, agent };
}

describe("computeTeamAgentStatuses", () => {
  it("reuses statuses while nothing changed, and recomputes after an edit or after the reuse window", async () => {
    const { teamId, agent } = await team();
    const now = Date.now();
    const first = await computeTeamAgentStatuses(db, { teamId, now });
    expect(first.map((status) => status.agentId)).toContain(agent.id);
    expect(await computeTeamAgentStatuses(db, { teamId, now: now + 1000 })).toBe(first);

    await db.agent.update({ where: { id: agent.id }, data: { model: "openai/gpt-5.4" } });
    const afterEdit = await computeTeamAgentStatuses(db, { teamId, now: now + 2000 });
    expect(afterEdit).not.toBe(first);
    const work = afterEdit.find((status) => status.agentId === agent.id);
    expect(work?.outcome.ok && work.outcome.status.resolvedDefault).toBe("openai/gpt-5.4");

    expect(await computeTeamAgentStatuses(db, { teamId, now: now + 2000 + STATUS_REUSE_MS })).not.toBe(
      afterEdit,
    );
  });

  it("notices a removed profile (a delete changes the stamp)", async () => {
    const { teamId } = await team();
    const now = Date.now();
    const before = await computeTeamAgentStatuses(db, { teamId, now });
    await db.authProfile.deleteMany({ where: { teamId } });
    const after = await computeTeamAgentStatuses(db, { teamId, now: now + 1000 });
    expect(after).not.toBe(before);
    expect(before.map((status) => fleetVerdictOf(status.outcome).verdict)).toEqual(["ok", "ok"]);
    expect(after.map((status) => fleetVerdictOf(status.outcome).verdict)).toEqual(["failing", "failing"]);
  });
});
