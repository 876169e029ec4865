import { describe, expect, it } from "vitest";
import { LAST_ADMIN_MESSAGE } from "@clawfleet/core/access/membership-rules";
import { createMember } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { callerFor, teamWithMembers } from "../../testing/caller";

const db = useTestDb();

async function membershipOf(teamId: string, userId: string) {
  return db.membership.findFirstOrThrow({ where: { teamId, userId } });
}

function auditCount(teamId: string) {
  return db.auditEvent.count({ where: { teamId } });
}

describe("members router", () => {
  it("lets every member list the team, with roles and versions but no password data", async () => {
    const { as, members } = await teamWithMembers(db);
    for (const role of ["viewer", "operator", "admin"] as const) {
      const listed = await as(role).members.list();
      expect(listed.map((member) => member.email).sort()).toEqual(
        Object.values(members)
          .map((member) => member.email)
          .sort(),
      );
      expect(JSON.stringify(listed)).not.toMatch(/passwordHash|argon2/);
    }
  });

  it.each(["viewer", "operator"] as const)("refuses role changes and removals by a %s", async (role) => {
    const { as, team, members } = await teamWithMembers(db);
    const target = await membershipOf(team.id, members.viewer.id);
    await expect(
      as(role).members.updateRole({ membershipId: target.id, expectedVersion: 1, role: "admin" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      as(role).members.remove({ membershipId: target.id, expectedVersion: 1 }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await membershipOf(team.id, members.viewer.id)).role).toBe("viewer");
    expect(await auditCount(team.id)).toBe(0);
  });

  it("answers NOT_FOUND for another team's membership and leaves it alone", async () => {
    const teamA = await teamWithMembers(db);
    const teamB = await teamWithMembers(db);
    const foreign = await membershipOf(teamB.team.id, teamB.members.viewer.id);
    await expect(
      teamA.as("admin").members.updateRole({ membershipId: foreign.id, expectedVersion: 1, role: "admin" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      teamA.as("admin").members.remove({ membershipId: foreign.id, expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await membershipOf(teamB.team.id, teamB.members.viewer.id)).toMatchObject({
      role: "viewer",
      version: 1,
    });
    expect((await teamA.as("viewer").members.list()).map((member) => member.userId)).not.toContain(
      teamB.members.viewer.id,
    );
  });

  it("changes a role with its audit row, and the member's next request already uses the new role", async () => {
    const { as, team, members } = await teamWithMembers(db);
    const operatorMembership = await membershipOf(team.id, members.operator.id);
    await expect(as("operator").audit.list({ limit: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const updated = await as("admin").members.updateRole({
      membershipId: operatorMembership.id,
      expectedVersion: 1,
      role: "admin",
    });
    expect(updated).toMatchObject({ role: "admin", version: 2 });
    const [event] = await as("operator").audit.list({ limit: 1 });
    expect(event).toMatchObject({
      action: "membership.update_role",
      actorId: members.admin.id,
      targetType: "membership",
      targetId: operatorMembership.id,
      before: { email: members.operator.email, role: "operator", version: 1 },
      after: { role: "admin", version: 2 },
    });

    await as("admin").members.updateRole({
      membershipId: operatorMembership.id,
      expectedVersion: 2,
      role: "viewer",
    });
    await expect(as("operator").audit.list({ limit: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("you are viewer") as unknown,
    });
  });

  it("answers CONFLICT to a stale version and changes nothing", async () => {
    const { as, team, members } = await teamWithMembers(db);
    const target = await membershipOf(team.id, members.viewer.id);
    await as("admin").members.updateRole({ membershipId: target.id, expectedVersion: 1, role: "operator" });
    await expect(
      as("admin").members.updateRole({ membershipId: target.id, expectedVersion: 1, role: "admin" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("it is now version 2") as unknown,
    });
    await expect(
      as("admin").members.remove({ membershipId: target.id, expectedVersion: 1 }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await membershipOf(team.id, members.viewer.id)).toMatchObject({ role: "operator", version: 2 });
    expect(await auditCount(team.id)).toBe(1);
  });

  it("keeps the last admin: no demotion, no removal, not even of yourself", async () => {
    const { as, team, members } = await teamWithMembers(db);
    const admin = await membershipOf(team.id, members.admin.id);
    for (const role of ["operator", "viewer"] as const)
      await expect(
        as("admin").members.updateRole({ membershipId: admin.id, expectedVersion: 1, role }),
      ).rejects.toMatchObject({ code: "FORBIDDEN", message: LAST_ADMIN_MESSAGE });
    await expect(
      as("admin").members.remove({ membershipId: admin.id, expectedVersion: 1 }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: LAST_ADMIN_MESSAGE,
    });
    expect(await membershipOf(team.id, members.admin.id)).toMatchObject({ role: "admin", version: 1 });
    expect(await auditCount(team.id)).toBe(0);
  });

  it("lets an admin remove themselves while another admin remains, effective on their next request", async () => {
    const { as, team, members } = await teamWithMembers(db);
    const second = await createMember(db, { teamId: team.id, role: "admin" });
    const own = await membershipOf(team.id, members.admin.id);
    expect(await as("admin").members.remove({ membershipId: own.id, expectedVersion: 1 })).toEqual({
      removed: own.id,
      removedSelf: true,
    });
    await expect(as("admin").members.list()).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("not a member of any team") as unknown,
    });
    const [event] = await callerFor(db, second).audit.list({ limit: 1 });
    expect(event).toMatchObject({ action: "membership.remove", targetId: own.id, before: { role: "admin" } });
  });

  it("removes a member, who is refused on their very next call", async () => {
    const { as, team, members } = await teamWithMembers(db);
    expect((await as("viewer").members.list()).length).toBe(3);
    const target = await membershipOf(team.id, members.viewer.id);
    await as("admin").members.remove({ membershipId: target.id, expectedVersion: 1 });
    await expect(as("viewer").members.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await as("admin").members.list()).map((member) => member.email)).not.toContain(
      members.viewer.email,
    );
  });

  it("does not let two admins demote each other into a team without admins", async () => {
    const { team, members } = await teamWithMembers(db);
    const second = await createMember(db, { teamId: team.id, role: "admin" });
    const first = await membershipOf(team.id, members.admin.id);
    const secondMembership = await membershipOf(team.id, second.id);
    const results = await Promise.allSettled([
      callerFor(db, members.admin).members.updateRole({
        membershipId: secondMembership.id,
        expectedVersion: 1,
        role: "viewer",
      }),
      callerFor(db, second).members.updateRole({
        membershipId: first.id,
        expectedVersion: 1,
        role: "viewer",
      }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { teamId: team.id, role: "admin" } })).toBe(1);
  });
});
