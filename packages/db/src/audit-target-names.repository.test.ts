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

    const targets = [
      { type: "agent", id: agent.id },
      { type: "auth_profile", id: own.id },
      { type: "auth_profile", id: shared.id },
      { type: "gateway", id: gateway.id },
      { type: "user", id: member.id },
      { type: "agent", id: otherAgent.id },
      { type: "gateway", id: otherGateway.id },
      { type: "agent", id: "not-a-uuid" },
      { type: "team_webhook", id: team.id },
    ];
    const names = await findAuditTargetNames(db, team.id, targets);

    expect(Object.fromEntries(names)).toEqual({
      [auditTargetKey(targets[0]!)]: { name: "Billing triage 4", agentId: agent.id },
      [auditTargetKey(targets[1]!)]: {
        name: "anthropic:billing (Billing triage 4's own store)",
        agentId: agent.id,
      },
      [auditTargetKey(targets[2]!)]: { name: "anthropic:team (shared store of prod-eu)", agentId: null },
      [auditTargetKey(targets[3]!)]: { name: "prod-eu", agentId: null },
      [auditTargetKey(targets[4]!)]: { name: "ada@example.com", agentId: null },
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
