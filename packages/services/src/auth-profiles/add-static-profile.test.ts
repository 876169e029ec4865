import { describe, expect, it } from "vitest";
import { createAgent, createProfile, fakeApiKey } from "@clawfleet/db/testing/factories";
import { listProfilesVisibleToAgent } from "@clawfleet/db/auth-profile.repository";
import { addStaticProfile, readProfileReach } from "./add-static-profile";
import { connectorTeam, enrolHostAgent, rowsAsText } from "../testing/host-agent-fixtures";
import { testSecretBox, useServiceTestClock } from "../testing/service-test-deps";

const { deps } = useServiceTestClock(new Date("2026-12-01T09:00:00Z"));
const { db } = deps;
const setupToken = `sk-ant-oat01-${"T".repeat(90)}`;

describe("addStaticProfile", () => {
  it("adds a setup-token to one agent's own store, pushes it there, and keeps the secret out of every row", async () => {
    const team = await connectorTeam(db);
    await enrolHostAgent(deps, team);
    const peer = await createAgent(db, { teamId: team.team.id, gatewayId: team.gateway.id });
    const profile = await addStaticProfile(deps, team.caller, {
      store: { kind: "agent", agentId: team.agent.id },
      profileId: "anthropic:sub",
      credential: { type: "token", token: setupToken },
    });
    expect(profile).toMatchObject({ profileId: "anthropic:sub", type: "token", owner: { kind: "agent" } });
    expect(profile.secrets).toEqual([expect.objectContaining({ field: "token" })]);
    expect(rowsAsText(profile)).not.toContain(setupToken);

    const own = await listProfilesVisibleToAgent(db, { teamId: team.team.id, agentId: team.agent.id });
    const peers = await listProfilesVisibleToAgent(db, { teamId: team.team.id, agentId: peer.id });
    expect(own.map((entry) => entry.profileId)).toEqual(["anthropic:sub"]);
    expect(peers).toEqual([]);
    expect(await readProfileReach(deps, team.caller, { authProfileId: profile.id })).toEqual({
      agentCount: 1,
      sample: [{ id: team.agent.id, name: "main" }],
    });

    const jobs = await db.hostJob.findMany({ where: { teamId: team.team.id } });
    expect(jobs.map((job) => job.payload)).toMatchObject([
      { kind: "credential.push", type: "token", storeAgentKey: "main", profileId: "anthropic:sub" },
    ]);
    const audit = await db.auditEvent.findMany({
      where: { teamId: team.team.id, action: "auth_profile.create" },
    });
    expect(audit).toMatchObject([{ action: "auth_profile.create", after: { store: "main", type: "token" } }]);
    expect(rowsAsText([jobs, audit])).not.toContain(setupToken);
  });

  it("counts every agent of the gateway for a shared profile, except one with a same-id profile of its own", async () => {
    const team = await connectorTeam(db);
    const scope = { teamId: team.team.id, gatewayId: team.gateway.id };
    const second = await createAgent(db, { ...scope, name: "second" });
    const shadowing = await createAgent(db, { ...scope, name: "shadowing" });
    await createProfile(db, testSecretBox, {
      ...scope,
      agentId: shadowing.id,
      profileId: "anthropic:team",
      secrets: { key: fakeApiKey("SHADOW") },
    });
    const shared = await addStaticProfile(deps, team.caller, {
      store: { kind: "shared", gatewayId: team.gateway.id },
      profileId: "anthropic:team",
      credential: { type: "api_key", key: fakeApiKey() },
    });
    expect(await readProfileReach(deps, team.caller, { authProfileId: shared.id, sampleSize: 5 })).toEqual({
      agentCount: 2,
      sample: [
        { id: team.agent.id, name: "main" },
        { id: second.id, name: "second" },
      ],
    });
  });

  it("answers CONFLICT on profileId for an id already in the store, and NOT_FOUND for another team's agent", async () => {
    const team = await connectorTeam(db);
    const input = {
      store: { kind: "agent" as const, agentId: team.agent.id },
      profileId: "anthropic:dup",
      credential: { type: "api_key" as const, key: fakeApiKey() },
    };
    await addStaticProfile(deps, team.caller, input);
    await expect(addStaticProfile(deps, team.caller, input)).rejects.toMatchObject({
      code: "CONFLICT",
      location: "profileId",
    });
    const other = await connectorTeam(db);
    await expect(addStaticProfile(deps, other.caller, input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [mine] = await db.authProfile.findMany({ where: { teamId: team.team.id } });
    await expect(
      readProfileReach(deps, other.caller, { authProfileId: mine?.id ?? "" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.authProfile.count({ where: { teamId: team.team.id } })).toBe(1);
  });
});
