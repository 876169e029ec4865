import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { NO_MAIL_MESSAGE, UNUSABLE_INVITATION_MESSAGES } from "@clawfleet/core/access/invitation-status";
import { createMember, createSignUpLinkToken } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { callerFor, teamWithMembers, testSecretBox } from "../../testing/caller";
import { sentMail } from "../../testing/recording-mail";
import { createContextInner } from "../context";
import { createCaller } from "../root";

const db = useTestDb();
const anonymous = () => callerFor(db, null);
/** An anonymous caller of a console without any mail transport. */
const anonymousWithoutMail = () =>
  createCaller(createContextInner({ db, secretBox: testSecretBox, session: null, requestedTeamId: null }));
const PASSWORD = "correct horse battery";
/** Audit rows as text (their ids are bigints). */
const asText = (value: unknown) =>
  JSON.stringify(value, (_key, field: unknown) => (typeof field === "bigint" ? field.toString() : field));

async function invite(
  email = `new-${crypto.randomUUID().slice(0, 8)}@example.test`,
  role = "operator" as const,
) {
  const team = await teamWithMembers(db);
  const created = await team.as("admin").invitations.create({ email, role });
  // The link the console mails to the invited address (the mailing itself is tested in services).
  const signUpToken = await createSignUpLinkToken(db, { invitationId: created.invitation.id });
  return { ...team, email, signUpToken, ...created };
}

describe("invitations router", () => {
  it.each(["viewer", "operator"] as const)(
    "refuses a %s who tries to invite, list or revoke",
    async (role) => {
      const { as, invitation, team } = await invite();
      await expect(
        as(role).invitations.create({ email: "x@example.test", role: "viewer" }),
      ).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(as(role).invitations.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(as(role).invitations.revoke({ invitationId: invitation.id })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      expect(await db.invitation.count({ where: { teamId: team.id } })).toBe(1);
    },
  );

  it("creates a 7-day invitation whose token is stored only as its sha256 and never audited", async () => {
    const before = Date.now();
    const { token, invitation, team, as, email } = await invite("Mixed.Case@Example.test");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(row).toMatchObject({
      email: email.toLowerCase(),
      role: "operator",
      tokenHash: createHash("sha256").update(token).digest("hex"),
    });
    expect(row.tokenHash).not.toContain(token);
    const lifetime = row.expiresAt.getTime() - before;
    expect(lifetime).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(lifetime).toBeLessThanOrEqual(7 * 86_400_000 + 60_000);

    const events = await db.auditEvent.findMany({ where: { teamId: team.id } });
    expect(events.map((event) => event.action)).toEqual(["invitation.create"]);
    expect(asText(events)).not.toContain(token);
    expect(asText(events)).not.toContain(row.tokenHash);
    expect(JSON.stringify(await as("admin").invitations.list())).not.toContain(row.tokenHash);
  });

  it("refuses inviting an existing member or an email with a pending invitation, at the email field", async () => {
    const { as, members, email } = await invite();
    await expect(
      as("admin").invitations.create({ email: members.viewer.email, role: "viewer" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("already a member") as unknown,
    });
    await expect(as("admin").invitations.create({ email, role: "viewer" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("pending invitation") as unknown,
    });
    await expect(
      as("admin").invitations.create({ email: "not an email", role: "viewer" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("lets a new person join with a name and password, once, from the mailed sign-up link", async () => {
    const { token, signUpToken, email, team, invitation } = await invite();
    expect(await anonymous().invitations.preview({ token })).toEqual({
      status: "pending",
      teamName: team.name,
      email,
      role: "operator",
      hasAccount: false,
      signedInEmail: null,
      canSendMail: true,
    });
    await expect(
      anonymous().invitations.acceptAsNewUser({ signUpToken, name: "New Person", password: "too short" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const joined = await anonymous().invitations.acceptAsNewUser({
      signUpToken,
      name: "New Person",
      password: PASSWORD,
    });
    expect(joined).toMatchObject({ teamId: team.id, role: "operator", email });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect((await callerFor(db, user).session.current()).role).toBe("operator");

    const accepted = await db.auditEvent.findFirstOrThrow({
      where: { teamId: team.id, action: "invitation.accept" },
    });
    expect(accepted).toMatchObject({
      actorId: user.id,
      targetId: invitation.id,
      after: { newAccount: true },
    });
    expect(asText(accepted)).not.toContain(token);

    expect(await anonymous().invitations.preview({ token })).toEqual({
      status: "accepted",
      message: UNUSABLE_INVITATION_MESSAGES.accepted,
    });
    await expect(
      anonymous().invitations.acceptAsNewUser({ signUpToken, name: "Again", password: PASSWORD }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("already used") as unknown,
    });
  });

  it("refuses whoever holds only the invitation link (team B's admin) to create the invited account", async () => {
    const { token, email } = await invite();
    await expect(
      anonymous().invitations.acceptAsNewUser({ signUpToken: token, name: "Attacker", password: PASSWORD }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Asking for the sign-up link mails it to the invited address; the answer holds no token.
    const answer = await anonymous().invitations.requestSignUpLink({ token });
    expect(answer).toEqual({ sentTo: email });
    const mailed = sentMail.findLast((message) => message.to === email);
    expect(mailed?.text).toMatch(/http:\/\/console\.test\/sign-up\/[A-Za-z0-9_-]{43}/);
    // Without a mail transport the console says so instead of offering a form.
    expect(await anonymousWithoutMail().invitations.preview({ token })).toMatchObject({ canSendMail: false });
    await expect(anonymousWithoutMail().invitations.requestSignUpLink({ token })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: NO_MAIL_MESSAGE,
    });
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("lets an existing user accept while signed in as the invited email, and nobody else", async () => {
    const other = await teamWithMembers(db);
    const existing = await createMember(db, { teamId: other.team.id, role: "viewer" });
    const { token, signUpToken, team } = await invite(existing.email, "operator");
    expect(await callerFor(db, existing).invitations.preview({ token })).toMatchObject({
      hasAccount: true,
      signedInEmail: existing.email,
    });
    await expect(
      anonymous().invitations.acceptAsNewUser({ signUpToken, name: "Impostor", password: PASSWORD }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("already exists") as unknown,
    });
    await expect(callerFor(db, other.members.admin).invitations.accept({ token })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining(`This invitation is for ${existing.email}`) as unknown,
    });
    await expect(anonymous().invitations.accept({ token })).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    expect(await callerFor(db, existing).invitations.accept({ token })).toMatchObject({
      teamId: team.id,
      role: "operator",
    });
    expect((await callerFor(db, existing, team.id).session.current()).role).toBe("operator");
    await expect(callerFor(db, existing).invitations.accept({ token })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
  });

  it("refuses revoked, expired and unknown links with their own message", async () => {
    const { token, signUpToken, as, invitation } = await invite();
    await as("admin").invitations.revoke({ invitationId: invitation.id });
    expect(await anonymous().invitations.preview({ token })).toMatchObject({ status: "revoked" });
    await expect(
      anonymous().invitations.acceptAsNewUser({ signUpToken, name: "Late", password: PASSWORD }),
    ).rejects.toMatchObject({ message: UNUSABLE_INVITATION_MESSAGES.revoked });
    await expect(as("admin").invitations.revoke({ invitationId: invitation.id })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });

    const expired = await invite();
    await db.invitation.update({
      where: { id: expired.invitation.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await anonymous().invitations.preview({ token: expired.token })).toMatchObject({
      status: "expired",
    });
    await expect(
      anonymous().invitations.acceptAsNewUser({
        signUpToken: expired.signUpToken,
        name: "Late",
        password: PASSWORD,
      }),
    ).rejects.toMatchObject({ message: UNUSABLE_INVITATION_MESSAGES.expired });
    expect(await db.user.count({ where: { email: expired.email } })).toBe(0);

    expect(await anonymous().invitations.preview({ token: "x".repeat(43) })).toMatchObject({
      status: "unknown",
    });
    expect(await anonymous().invitations.preview({ token: "short" })).toMatchObject({ status: "unknown" });
  });

  it("does not let an admin of another team see or revoke an invitation", async () => {
    const { invitation } = await invite();
    const intruder = await teamWithMembers(db);
    await expect(
      intruder.as("admin").invitations.revoke({ invitationId: invitation.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await intruder.as("admin").invitations.list()).toEqual([]);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).revokedAt).toBeNull();
  });

  it("lists open invitations with their status and revokes with an audit row", async () => {
    const { as, invitation, email, team, members } = await invite();
    expect(await as("admin").invitations.list()).toEqual([
      expect.objectContaining({
        id: invitation.id,
        email,
        status: "pending",
        invitedByEmail: members.admin.email,
      }),
    ]);
    await as("admin").invitations.revoke({ invitationId: invitation.id });
    expect(await as("admin").invitations.list()).toEqual([]);
    const revoked = await db.auditEvent.findFirstOrThrow({
      where: { teamId: team.id, action: "invitation.revoke" },
    });
    expect(revoked).toMatchObject({ targetId: invitation.id, after: { status: "revoked" } });
  });
});
