import { describe, expect, it } from "vitest";
import { createAuthProfile } from "@clawfleet/db/auth-profile.repository";
import {
  createAgent,
  createGateway,
  createProfile,
  createTeam,
  fakeApiKey,
} from "@clawfleet/db/testing/factories";
import { useServiceTestDeps } from "../testing/service-test-deps";
import { listCredentialUsage } from "./credential-usage";

const deps = useServiceTestDeps();
const { db, secretBox: box } = deps;

describe("listCredentialUsage", () => {
  it("groups profiles holding the same key and lists every agent that reaches them", async () => {
    const team = await createTeam(db);
    const prod = await createGateway(db, { teamId: team.id, name: "prod" });
    const staging = await createGateway(db, { teamId: team.id, name: "staging" });
    const [a1, a2, a3, b1] = await Promise.all([
      createAgent(db, { teamId: team.id, gatewayId: prod.id, name: "A1" }),
      createAgent(db, { teamId: team.id, gatewayId: prod.id, name: "A2 (own default)" }),
      createAgent(db, { teamId: team.id, gatewayId: prod.id, name: "A3" }),
      createAgent(db, { teamId: team.id, gatewayId: staging.id, name: "B1" }),
    ]);
    const sharedKey = fakeApiKey("SHARED");
    await createProfile(db, box, { teamId: team.id, gatewayId: prod.id, secrets: { key: sharedKey } });
    await createProfile(db, box, {
      teamId: team.id,
      gatewayId: staging.id,
      profileId: "anthropic:copy",
      secrets: { key: sharedKey },
    });
    const own = await db.credentialStore.create({
      data: { teamId: team.id, gatewayId: prod.id, agentId: a2.id },
    });
    await createAuthProfile(db, box, {
      teamId: team.id,
      storeId: own.id,
      profileId: "anthropic:default",
      provider: "anthropic",
      type: "api_key",
      secrets: { key: fakeApiKey("OWN") },
    });

    const usage = await listCredentialUsage(deps, { teamId: team.id });
    expect(usage).toHaveLength(2);
    const [shared, ownKey] = usage;
    expect(shared?.fingerprint).toBe(box.fingerprint(team.id, sharedKey));
    expect(shared?.agentCount).toBe(3);
    expect(
      shared?.profiles.map((profile) => [
        profile.gatewayName,
        profile.profileId,
        profile.agents.map((agent) => agent.name),
      ]),
    ).toEqual([
      ["prod", "anthropic:default", [a1.name, a3.name]],
      ["staging", "anthropic:copy", [b1.name]],
    ]);
    expect(ownKey?.profiles[0]?.owner).toEqual({ kind: "agent", agentId: a2.id, agentName: a2.name });
    expect(JSON.stringify(usage)).not.toContain("SHARED");
    const stored = await db.authProfileSecret.findFirstOrThrow({
      where: { teamId: team.id, fingerprint: shared?.fingerprint ?? "" },
      orderBy: { createdAt: "asc" },
    });
    expect(shared?.firstStoredAt).toEqual(stored.createdAt);
  });

  it("counts every agent a shared key reaches and names the first few, however many there are", async () => {
    const team = await createTeam(db);
    const gateway = await createGateway(db, { teamId: team.id });
    for (let index = 0; index < 5; index += 1)
      await createAgent(db, { teamId: team.id, gatewayId: gateway.id, name: `Agent ${index}` });
    await createProfile(db, box, { teamId: team.id, gatewayId: gateway.id, secrets: { key: fakeApiKey() } });
    const [usage] = await listCredentialUsage(deps, { teamId: team.id }, { agentSampleSize: 2 });
    expect(usage?.agentCount).toBe(5);
    expect(usage?.profiles[0]?.agents.map((agent) => agent.name)).toEqual(["Agent 0", "Agent 1"]);
  });

  it("shows nothing of another team", async () => {
    const mine = await createTeam(db);
    const theirs = await createTeam(db);
    const gateway = await createGateway(db, { teamId: theirs.id });
    await createProfile(db, box, {
      teamId: theirs.id,
      gatewayId: gateway.id,
      secrets: { key: fakeApiKey() },
    });
    expect(await listCredentialUsage(deps, { teamId: mine.id })).toEqual([]);
  });
});
