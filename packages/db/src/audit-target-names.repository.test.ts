import { describe, expect, it } from "vitest";
import { auditTargetKey, findAuditTargetNames } from "./audit-target-names.repository";
import { openSecretBox } from "./secret-box";
import {
  TEST_SECRET_KEY,
  createAgent,
  createGateway,
  createMember,
  createProfile,
  createTeam,
  fakeApiKey,
} from "./testing/factories";
import { useTestDb } from "./testing/test-db";

const db = useTestDb();
const box = openSecretBox(TEST_SECRET_KEY);

describe("audit target names", () => {
  it("names agents, profiles with their store, gateways and members, in one team only", async () => {
    const team = await createTeam(db);
    const gateway = await createGateway(db, { teamId: team.id, name: "prod-eu" });
    const agent = await createAgent(db, { teamId: team.id, gatewayId: gateway.id, name: "Billing triage 4" });
    const own = await createProfile(db, box, {
      teamId: team.id,
      gatewayId: gateway.id,
      agentId: agent.id,
      profileId: "anthropic:billing",
      secrets: { key: fakeApiKey() },
    });
    const shared = await createProfile(db, box, {
      teamId: team.id,
      gatewayId: gateway.id,
      profileId: "anthropic:team",
      secrets: { key: fakeApiKey() },
    });
    const member = await createMember(db, { teamId: team.id, email: "ada@example.com", role: "admin" });

    const other = await createTeam(db);
    const otherGateway = await createGateway(db, { teamId: other.id, name: "theirs" });
    const otherAgent = await createAgent(db, {
      teamId: other.id,
      gatewayId: otherGateway.id,
      name: "Not yours",
    });

    const named = {
      agent: { type: "agent", id: agent.id },
      ownProfile: { type: "auth_profile", id: own.id },
      sharedProfile: { type: "auth_profile", id: shared.id },
      gateway: { type: "gateway", id: gateway.id },
      member: { type: "user", id: member.id },
    };
    const unnamed = [
      { type: "agent", id: otherAgent.id },
      { type: "gateway", id: otherGateway.id },
      { type: "agent", id: "not-a-uuid" },
      { type: "team_webhook", id: team.id },
    ];
    const names = await findAuditTargetNames(db, team.id, [...Object.values(named), ...unnamed]);

    expect(Object.fromEntries(names)).toEqual({
      [auditTargetKey(named.agent)]: { name: "Billing triage 4", agentId: agent.id },
      [auditTargetKey(named.ownProfile)]: {
        name: "anthropic:billing (Billing triage 4's own store)",
        agentId: agent.id,
      },
      [auditTargetKey(named.sharedProfile)]: {
        name: "anthropic:team (shared store of prod-eu)",
        agentId: null,
      },
      [auditTargetKey(named.gateway)]: { name: "prod-eu", agentId: null },
      [auditTargetKey(named.member)]: { name: "ada@example.com", agentId: null },
    });
  });

  it("leaves a deleted target unnamed", async () => {
    const team = await createTeam(db);
    const gateway = await createGateway(db, { teamId: team.id });
    const agent = await createAgent(db, { teamId: team.id, gatewayId: gateway.id });
    await db.agent.delete({ where: { id: agent.id } });
    expect((await findAuditTargetNames(db, team.id, [{ type: "agent", id: agent.id }])).size).toBe(0);
  });
});
