import { describe, expect, it } from "vitest";
import { createProfile, createSnapshot, fakeApiKey } from "@clawfleet/db/testing/factories";
import { deleteAgent, readAgentDeletionImpact } from "./agent-lifecycle";
import { connectorTeam } from "../testing/host-agent-fixtures";
import { testSecretBox, useServiceTestClock } from "../testing/service-test-deps";

const { deps } = useServiceTestClock(new Date("2026-12-01T09:00:00Z"));
const { db } = deps;

describe("readAgentDeletionImpact", () => {
  it("counts the agent's own profiles and snapshots, not the shared store's, and nothing once it is deleted", async () => {
    const team = await connectorTeam(db);
    const scope = { teamId: team.team.id, gatewayId: team.gateway.id };
    await createProfile(db, testSecretBox, {
      ...scope,
      profileId: "anthropic:shared",
      secrets: { key: fakeApiKey() },
    });
    for (const profileId of ["anthropic:own", "openai:own"])
      await createProfile(db, testSecretBox, {
        ...scope,
        agentId: team.agent.id,
        profileId,
        secrets: { key: fakeApiKey() },
      });
    await createSnapshot(db, {
      teamId: team.team.id,
      agentId: team.agent.id,
      takenAt: new Date("2026-12-01T08:00:00Z"),
      source: "reported",
      body: { agentId: "main" },
    });
    expect(await readAgentDeletionImpact(deps, team.caller, { agentId: team.agent.id })).toEqual({
      ownProfiles: 2,
      snapshots: 1,
      reauthRequests: 0,
      openReauthRequests: 0,
    });

    const other = await connectorTeam(db);
    await expect(
      readAgentDeletionImpact(deps, other.caller, { agentId: team.agent.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    await deleteAgent(deps, team.caller, { agentId: team.agent.id, expectedVersion: 1 });
    expect(await db.authProfile.count({ where: { teamId: team.team.id } })).toBe(1);
    await expect(
      readAgentDeletionImpact(deps, team.caller, { agentId: team.agent.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
