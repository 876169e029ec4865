import { describe, expect, it } from "vitest";
import { createAgent, createProfile, fakeApiKey } from "@clawfleet/db/testing/factories";
import { findAgentStoredOrders, listProfilesVisibleToAgent } from "@clawfleet/db/auth-profile.repository";
import { setAgentAuthOrder } from "../agents/agent-auth-order";
import { relocateAuthProfile } from "./relocate-profile";
import { connectorTeam, enrolHostAgent, rowsAsText } from "../testing/host-agent-fixtures";
import { testSecretBox, useServiceTestClock } from "../testing/service-test-deps";

const { deps } = useServiceTestClock(new Date("2026-12-01T09:00:00Z"));
const { db } = deps;

async function teamWithSharedKey() {
  const team = await connectorTeam(db);
  const scope = { teamId: team.team.id, gatewayId: team.gateway.id };
  const key = fakeApiKey("RELOCATE");
  const profile = await createProfile(db, testSecretBox, {
    ...scope,
    profileId: "anthropic:team",
    secrets: { key },
  });
  return { team, scope, key, profile };
}

describe("relocateAuthProfile", () => {
  it("renames a shared key, follows the id into stored orders, and moves the host's copy", async () => {
    const { team, scope, key, profile } = await teamWithSharedKey();
    await createProfile(db, testSecretBox, {
      ...scope,
      profileId: "anthropic:spare",
      secrets: { key: fakeApiKey() },
    });
    await setAgentAuthOrder(deps, team.caller, {
      agentId: team.agent.id,
      expectedVersion: 1,
      provider: "anthropic",
      profileIds: ["anthropic:team", "anthropic:spare"],
    });
    await enrolHostAgent(deps, team);
    const after = await relocateAuthProfile(deps, team.caller, {
      authProfileId: profile.id,
      expectedVersion: profile.version,
      profileId: "anthropic:primary",
      agentId: null,
    });
    expect(after).toMatchObject({ profileId: "anthropic:primary", owner: { kind: "shared" }, version: 2 });
    expect(after.secrets).toEqual(profile.secrets);
    expect(await findAgentStoredOrders(db, { teamId: team.team.id, agentId: team.agent.id })).toEqual({
      anthropic: ["anthropic:primary", "anthropic:spare"],
    });
    const jobs = await db.hostJob.findMany({ where: { teamId: team.team.id }, orderBy: { seq: "asc" } });
    expect(jobs.map((job) => job.payload)).toMatchObject([
      { kind: "credential.push", profileId: "anthropic:primary", storeAgentKey: null },
      { kind: "auth.profile.remove", profileIds: ["anthropic:team"], storeAgentKey: null },
      { kind: "auth.order.set", agentKey: "main", profileIds: ["anthropic:primary", "anthropic:spare"] },
    ]);
    const audit = await db.auditEvent.findMany({
      where: { teamId: team.team.id, action: "auth_profile.relocate" },
    });
    expect(audit).toMatchObject([
      { before: { profileId: "anthropic:team" }, after: { profileId: "anthropic:primary" } },
    ]);
    expect(rowsAsText([jobs, audit])).not.toContain(key);
  });

  it("moves a shared key into one agent's own store, so only that agent reaches it", async () => {
    const { team, scope, profile } = await teamWithSharedKey();
    const peer = await createAgent(db, scope);
    await relocateAuthProfile(deps, team.caller, {
      authProfileId: profile.id,
      expectedVersion: profile.version,
      profileId: "anthropic:team",
      agentId: team.agent.id,
    });
    const mine = await listProfilesVisibleToAgent(db, { teamId: team.team.id, agentId: team.agent.id });
    const theirs = await listProfilesVisibleToAgent(db, { teamId: team.team.id, agentId: peer.id });
    expect(mine.map((entry) => [entry.profileId, entry.owner.kind])).toEqual([["anthropic:team", "agent"]]);
    expect(theirs).toEqual([]);
  });

  it("leaves the order of an agent whose own profile has the renamed id", async () => {
    const { team, scope, profile } = await teamWithSharedKey();
    const peer = await createAgent(db, scope);
    await createProfile(db, testSecretBox, {
      ...scope,
      agentId: peer.id,
      profileId: "anthropic:team",
      secrets: { key: fakeApiKey("PEER") },
    });
    const order = { provider: "anthropic", profileIds: ["anthropic:team"] };
    await setAgentAuthOrder(deps, team.caller, { agentId: team.agent.id, expectedVersion: 1, ...order });
    await setAgentAuthOrder(deps, team.caller, { agentId: peer.id, expectedVersion: peer.version, ...order });
    await enrolHostAgent(deps, team);
    await relocateAuthProfile(deps, team.caller, {
      authProfileId: profile.id,
      expectedVersion: profile.version,
      profileId: "anthropic:primary",
      agentId: null,
    });
    expect(await findAgentStoredOrders(db, { teamId: team.team.id, agentId: team.agent.id })).toEqual({
      anthropic: ["anthropic:primary"],
    });
    expect(await findAgentStoredOrders(db, { teamId: team.team.id, agentId: peer.id })).toEqual({
      anthropic: ["anthropic:team"],
    });
    const orderJobs = await db.hostJob.findMany({ where: { teamId: team.team.id, kind: "auth.order.set" } });
    expect(orderJobs.map((job) => job.payload)).toMatchObject([{ agentKey: team.agent.agentKey }]);
  });

  it("refuses a rename of an id the config names, a stale version, an OAuth sign-in, and another team", async () => {
    const { team, scope, profile } = await teamWithSharedKey();
    await db.gateway.update({
      where: { id: team.gateway.id },
      data: { authOrder: { anthropic: ["anthropic:team"] } },
    });
    const rename = {
      authProfileId: profile.id,
      expectedVersion: profile.version,
      profileId: "anthropic:b",
      agentId: null,
    };
    const refusal = relocateAuthProfile(deps, team.caller, rename);
    await expect(refusal).rejects.toMatchObject({ code: "INVALID_INPUT", location: "profileId" });
    await expect(refusal).rejects.toThrow(/named in the gateway's config/);
    await expect(
      relocateAuthProfile(deps, team.caller, { ...rename, expectedVersion: 7 }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const oauth = await createProfile(db, testSecretBox, {
      ...scope,
      type: "oauth",
      profileId: "anthropic:me@example.test",
      secrets: { access: "access-token-value-1234567890", refresh: "refresh-token-value-1234567890" },
    });
    const oauthMove = relocateAuthProfile(deps, team.caller, {
      authProfileId: oauth.id,
      expectedVersion: oauth.version,
      profileId: oauth.profileId,
      agentId: team.agent.id,
    });
    await expect(oauthMove).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(oauthMove).rejects.toThrow(/sign in again/);
    const other = await connectorTeam(db);
    await expect(relocateAuthProfile(deps, other.caller, rename)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db.authProfile.findUniqueOrThrow({ where: { id: profile.id } })).toMatchObject({
      profileId: "anthropic:team",
      version: profile.version,
    });
  });
});
