import { describe, expect, it } from "vitest";
import { createAgent, createGateway } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { callerFor, teamWithMembers } from "../../testing/caller";

const db = useTestDb();

const edit = {
  name: "prod-eu",
  stateDir: "/srv/openclaw/.openclaw",
  homeDir: "/srv/openclaw",
  openclawVersion: "2026.9.6",
};

async function fleet() {
  const team = await teamWithMembers(db);
  const gateway = await createGateway(db, { teamId: team.team.id, name: "staging" });
  await createAgent(db, { teamId: team.team.id, gatewayId: gateway.id });
  return { ...team, gateway };
}

describe("gateways router", () => {
  it("lets every role read gateways with their agent counts, and refuses anonymous callers", async () => {
    const { as, gateway } = await fleet();
    for (const role of ["viewer", "operator", "admin"] as const) {
      expect(await as(role).gateways.list()).toEqual([
        expect.objectContaining({ id: gateway.id, name: "staging", agentCount: 1, version: 1 }),
      ]);
      expect(await as(role).gateways.byId({ gatewayId: gateway.id })).toMatchObject({
        homeDir: "/home/openclaw",
      });
    }
    await expect(callerFor(db, null).gateways.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it.each(["viewer", "operator"] as const)("refuses create and update by a %s", async (role) => {
    const { as, gateway, team } = await fleet();
    await expect(as(role).gateways.create(edit)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      as(role).gateways.update({ gatewayId: gateway.id, expectedVersion: 1, edit }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await as("admin").gateways.list()).map((row) => row.name)).toEqual(["staging"]);
    expect(await db.auditEvent.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("answers NOT_FOUND for another team's gateway", async () => {
    const teamA = await fleet();
    const teamB = await fleet();
    await expect(teamA.as("admin").gateways.byId({ gatewayId: teamB.gateway.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      teamA.as("admin").gateways.update({ gatewayId: teamB.gateway.id, expectedVersion: 1, edit }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await teamB.as("viewer").gateways.byId({ gatewayId: teamB.gateway.id })).name).toBe("staging");
  });

  it("creates a gateway with its audit row; names are unique per team only", async () => {
    const { as, team, members } = await fleet();
    const created = await as("admin").gateways.create(edit);
    expect(created).toMatchObject({ ...edit, agentCount: 0, version: 1 });
    const [event] = await as("admin").audit.list({ limit: 1 });
    expect(event).toMatchObject({
      action: "gateway.create",
      actorId: members.admin.id,
      targetId: created.id,
      after: { ...edit, version: 1 },
    });
    await expect(as("admin").gateways.create({ ...edit, stateDir: "/other" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'A gateway named "prod-eu" already exists in this team. Choose another name.',
    });
    expect(await db.gateway.count({ where: { teamId: team.id } })).toBe(2);

    const otherTeam = await fleet();
    expect((await otherTeam.as("admin").gateways.create(edit)).name).toBe("prod-eu");
  });

  it("renames and edits with the version check; a stale edit is a CONFLICT naming both versions", async () => {
    const { as, gateway, team } = await fleet();
    const after = await as("admin").gateways.update({ gatewayId: gateway.id, expectedVersion: 1, edit });
    expect(after).toMatchObject({ ...edit, version: 2, agentCount: 1 });
    const [event] = await as("admin").audit.list({ limit: 1 });
    expect(event).toMatchObject({
      action: "gateway.update",
      before: { name: "staging", stateDir: "/home/openclaw/.openclaw", version: 1 },
      after: { name: "prod-eu", version: 2 },
    });

    await expect(
      as("admin").gateways.update({
        gatewayId: gateway.id,
        expectedVersion: 1,
        edit: { ...edit, name: "mine" },
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("you edited version 1, it is now version 2") as unknown,
    });
    expect((await as("viewer").gateways.byId({ gatewayId: gateway.id })).name).toBe("prod-eu");
    expect(await db.auditEvent.count({ where: { teamId: team.id } })).toBe(1);
  });

  it("refuses renaming onto a sibling's name, and bad input with its field path", async () => {
    const { as, gateway, team } = await fleet();
    await createGateway(db, { teamId: team.id, name: "prod-eu" });
    await expect(
      as("admin").gateways.update({ gatewayId: gateway.id, expectedVersion: 1, edit }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("already exists") as unknown,
    });
    await expect(
      as("admin").gateways.update({
        gatewayId: gateway.id,
        expectedVersion: 1,
        edit: { ...edit, name: "fresh", openclawVersion: "latest" },
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { issues: [expect.objectContaining({ path: ["edit", "openclawVersion"] })] },
    });
    expect(await as("viewer").gateways.byId({ gatewayId: gateway.id })).toMatchObject({
      name: "staging",
      version: 1,
    });
  });

  it("rolls the edit back when its audit row cannot be written (same transaction, fail closed)", async () => {
    const { as, gateway } = await fleet();
    await db.$executeRawUnsafe(`
      CREATE FUNCTION refuse_test_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit insert refused for the test'; END $$`);
    await db.$executeRawUnsafe(`
      CREATE TRIGGER refuse_test_audit BEFORE INSERT ON "AuditEvent"
      FOR EACH ROW WHEN (NEW."targetId" = '${gateway.id}') EXECUTE FUNCTION refuse_test_audit()`);
    try {
      await expect(
        as("admin").gateways.update({ gatewayId: gateway.id, expectedVersion: 1, edit }),
      ).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
      expect(await as("viewer").gateways.byId({ gatewayId: gateway.id })).toMatchObject({
        name: "staging",
        version: 1,
      });
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER refuse_test_audit ON "AuditEvent"`);
      await db.$executeRawUnsafe(`DROP FUNCTION refuse_test_audit()`);
    }
  });
});

describe("gateway defaults", () => {
  const sonnet = { primary: "anthropic/claude-sonnet-4-6", fallbacks: ["anthropic/claude-opus-4-6"] };

  it("lets an operator set the default model and params, audited, and answers CONFLICT on a stale version", async () => {
    const { as, gateway, team } = await fleet();
    const saved = await as("operator").gateways.updateDefaults({
      gatewayId: gateway.id,
      expectedVersion: 1,
      edit: { model: sonnet, params: { cacheRetention: "long" } },
    });
    expect(saved).toMatchObject({ model: sonnet, params: { cacheRetention: "long" }, version: 2 });
    expect(await as("viewer").gateways.defaults({ gatewayId: gateway.id })).toMatchObject({
      model: sonnet,
      params: { cacheRetention: "long" },
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { teamId: team.id, action: "gateway.update_defaults" },
    });
    expect(audit.after).toMatchObject({ model: sonnet, version: 2 });

    await expect(
      as("operator").gateways.updateDefaults({
        gatewayId: gateway.id,
        expectedVersion: 1,
        edit: { model: null, params: {} },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await as("viewer").gateways.defaults({ gatewayId: gateway.id })).toMatchObject({ model: sonnet });
  });

  it("refuses a viewer and bad input, changing nothing", async () => {
    const { as, gateway } = await fleet();
    await expect(
      as("viewer").gateways.updateDefaults({
        gatewayId: gateway.id,
        expectedVersion: 1,
        edit: { model: null, params: {} },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      as("operator").gateways.updateDefaults({
        gatewayId: gateway.id,
        expectedVersion: 1,
        edit: { model: { primary: "not a model", fallbacks: [] }, params: {} },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await as("viewer").gateways.defaults({ gatewayId: gateway.id })).toMatchObject({ version: 1 });
  });
});
