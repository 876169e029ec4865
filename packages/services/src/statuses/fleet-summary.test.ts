import { describe, expect, it } from "vitest";
import { createAgent, createGateway, createProfile, createTeam } from "@clawfleet/db/testing/factories";
import { readAuthMatrixPage } from "../auth-matrix/auth-matrix";
import { testSecretBox, useServiceTestClock } from "../testing/service-test-deps";
import { readFleetStatus } from "./fleet-summary";
import { refreshGatewayStatuses } from "./stored-statuses";

const START = new Date("2026-11-30T10:00:00.000Z");
const HOUR = 3_600_000;
const { deps, setNow } = useServiceTestClock(START);
const { db } = deps;

/** Three agents sharing one Claude setup-token that expires in 19 h (their only Anthropic credential). */
async function fleet() {
  setNow(START);
  const { id: teamId } = await createTeam(db);
  const gateway = await createGateway(db, { teamId });
  const profile = await createProfile(db, testSecretBox, {
    teamId,
    gatewayId: gateway.id,
    type: "token",
    profileId: "anthropic:team-sub",
    secrets: { token: `sk-ant-oat01-${"t".repeat(80)}` },
    expires: new Date(START.getTime() + 19 * HOUR),
  });
  for (const agentKey of ["main", "work", "ops"])
    await createAgent(db, { teamId, gatewayId: gateway.id, agentKey });
  await db.gateway.update({
    where: { id: gateway.id },
    data: { extraConfig: { agents: { ownership: "explicit" } } },
  });
  await refreshGatewayStatuses(deps, { teamId, gatewayId: gateway.id });
  return { teamId, gatewayId: gateway.id, profile };
}

describe("readFleetStatus", () => {
  it("groups agents by cause with its re-auth action and the profile it names", async () => {
    const { teamId, profile } = await fleet();
    const fleetStatus = await readFleetStatus(deps, { teamId });
    const [group, ...others] = fleetStatus.attention.groups;
    expect(others).toEqual([]);
    expect(group).toMatchObject({
      agentCount: 3,
      severity: "expiring",
      action: { kind: "reauth", profileId: "anthropic:team-sub" },
      authProfileId: profile.id,
    });
    expect(group?.sentence).toContain("anthropic:team-sub");
  });

  it("counts expiring credentials as the auth matrix's expiring filter does", async () => {
    const { teamId } = await fleet();
    const fleetStatus = await readFleetStatus(deps, { teamId });
    const matrix = await readAuthMatrixPage(deps, { teamId }, { page: 1, pageSize: 50 });
    expect(fleetStatus.expiringCredentials.map((credential) => credential.profileId)).toEqual([
      "anthropic:team-sub",
    ]);
    const agentsWithExpiring = fleetStatus.expiringCredentials.reduce(
      (sum, entry) => sum + entry.agentCount,
      0,
    );
    expect(matrix.counts.expiring).toBe(agentsWithExpiring);
  });
});
