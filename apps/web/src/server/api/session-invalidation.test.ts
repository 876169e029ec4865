/**
 * Sessions end when they should (security checklist B3.4): a password change ends every earlier session,
 * and a role change or removal takes effect on the member's very next request (no cached role).
 */
import { describe, expect, it } from "vitest";
import { createMember, createTeam } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { signInWithPassword } from "@clawfleet/services/sessions/password-sign-in";
import { changeUserPassword } from "@clawfleet/services/sessions/session-users";
import { callerFor, teamWithMembers, testSecretBox } from "../testing/caller";
import { createContextInner } from "./context";
import { createCaller } from "./root";

const db = useTestDb();

/** A caller whose session was issued at `issuedAt` (what the JWT's authTime records). */
function sessionCaller(userId: string, issuedAt: Date) {
  return createCaller(
    createContextInner({
      db,
      secretBox: testSecretBox,
      session: { userId, authTime: Math.floor(issuedAt.getTime() / 1000) },
      requestedTeamId: null,
    }),
  );
}

describe("a password change", () => {
  it("ends every session issued before it, and a new sign-in works with the new password only", async () => {
    const team = await createTeam(db);
    const user = await createMember(db, {
      teamId: team.id,
      role: "operator",
      email: `changer-${crypto.randomUUID()}@example.test`,
      password: "the old password 123",
    });
    // The account is older than the session signed in a minute ago.
    await db.user.update({
      where: { id: user.id },
      data: { sessionsValidFrom: new Date(Date.now() - 3_600_000) },
    });
    const earlier = sessionCaller(user.id, new Date(Date.now() - 60_000));
    await expect(earlier.session.current()).resolves.toMatchObject({ user: { id: user.id } });

    await changeUserPassword(
      { db, now: () => new Date() },
      { userId: user.id, newPassword: "the new password 456" },
    );

    await expect(earlier.session.current()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "Your session has ended. Sign in again.",
    });
    await expect(earlier.agents.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const later = sessionCaller(user.id, new Date(Date.now() + 1_000));
    await expect(later.session.current()).resolves.toMatchObject({ role: "operator" });

    const signIn = (password: string) =>
      signInWithPassword(
        { db, now: () => new Date() },
        {
          email: user.email,
          password,
          clientAddress: "192.0.2.1",
          knownDeviceId: null,
          requestId: "test",
        },
      );
    expect(await signIn("the old password 123")).toMatchObject({ outcome: "refused" });
    expect(await signIn("the new password 456")).toMatchObject({
      outcome: "signed-in",
      user: { id: user.id },
    });
  });
});

describe("a role change", () => {
  it("applies to the member's next request: a demoted admin is refused admin work at once", async () => {
    const { team, members, as } = await teamWithMembers(db);
    const second = await createMember(db, { teamId: team.id, role: "admin" });
    const demoted = callerFor(db, second);
    await expect(demoted.audit.list({ limit: 1 })).resolves.toBeDefined();

    const membership = await db.membership.findFirstOrThrow({ where: { userId: second.id } });
    await as("admin").members.updateRole({
      membershipId: membership.id,
      expectedVersion: membership.version,
      role: "viewer",
    });

    await expect(demoted.audit.list({ limit: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("you are viewer") as unknown,
    });
    await expect(demoted.agents.list({})).resolves.toBeDefined();

    // And the other way: a promoted viewer may do operator work on the next request.
    const viewer = await db.membership.findFirstOrThrow({ where: { userId: members.viewer.id } });
    await expect(as("viewer").fleet.status()).resolves.toBeDefined();
    await as("admin").members.updateRole({
      membershipId: viewer.id,
      expectedVersion: viewer.version,
      role: "operator",
    });
    await expect(as("viewer").session.current()).resolves.toMatchObject({ role: "operator" });
  });

  it("a removed member loses the team on the next request", async () => {
    const { team, as } = await teamWithMembers(db);
    const leaving = await createMember(db, { teamId: team.id, role: "operator" });
    const caller = callerFor(db, leaving);
    await expect(caller.agents.facets()).resolves.toBeDefined();
    const membership = await db.membership.findFirstOrThrow({ where: { userId: leaving.id } });
    await as("admin").members.remove({ membershipId: membership.id, expectedVersion: membership.version });
    await expect(caller.agents.facets()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
