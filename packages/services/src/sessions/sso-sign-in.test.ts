/** SSO sign-in against real Postgres (issue 12, findings 1 and 14): linking, refusals, just-in-time accounts. */
import { describe, expect, it } from "vitest";
import type { SsoClaims } from "@clawfleet/core/access/sso-sign-in";
import { createInvitationLink, createMember, createTeam } from "@clawfleet/db/testing/factories";
import { useServiceTestDeps } from "../testing/service-test-deps";
import { signInWithSso } from "./sso-sign-in";

const deps = useServiceTestDeps();
const { db } = deps;
const ISSUER = "https://idp.example.test";

async function admin() {
  const team = await createTeam(db);
  const user = await createMember(db, {
    teamId: team.id,
    role: "admin",
    email: `admin-${crypto.randomUUID()}@corp.test`,
    password: "the admin's own password",
  });
  return { team, user };
}

const claims = (overrides: Partial<SsoClaims>): SsoClaims => ({
  issuer: ISSUER,
  subject: crypto.randomUUID(),
  email: null,
  emailVerified: true,
  ...overrides,
});
const signIn = (sso: SsoClaims) => signInWithSso(deps, { claims: sso, name: "Someone", requestId: "test" });

describe("signInWithSso", () => {
  it("refuses a provider claiming the admin's email with email_verified false, and audits the attempt", async () => {
    const { team, user } = await admin();
    await expect(signIn(claims({ email: user.email, emailVerified: false }))).resolves.toEqual({
      refused: "email-not-verified",
    });
    expect(await db.externalIdentity.count({ where: { userId: user.id } })).toBe(0);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { teamId: team.id, action: "auth.login.failed" },
    });
    expect(audit.after).toMatchObject({ method: "sso", reason: "email-not-verified" });
  });

  it("links on a verified email, then the (issuer, subject) pair alone decides", async () => {
    const { team, user } = await admin();
    const subject = crypto.randomUUID();
    await expect(signIn(claims({ subject, email: user.email.toUpperCase() }))).resolves.toEqual({
      userId: user.id,
    });
    // An email change at the provider does not move the account…
    await expect(
      signIn(claims({ subject, email: "renamed@corp.test", emailVerified: false })),
    ).resolves.toEqual({
      userId: user.id,
    });
    // …and another subject claiming the same verified email is refused.
    await expect(signIn(claims({ email: user.email }))).resolves.toEqual({
      refused: "linked-to-other-subject",
    });
    const actions = await db.auditEvent.findMany({ where: { teamId: team.id }, select: { action: true } });
    expect(actions.map((row) => row.action)).toEqual(
      expect.arrayContaining(["auth.sso.link", "auth.login.succeeded", "auth.login.failed"]),
    );
  });

  it("creates a verified, password-less account for an invited email, and refuses one not invited", async () => {
    const { team, user: inviter } = await admin();
    const email = `invitee-${crypto.randomUUID()}@corp.test`;
    await expect(signIn(claims({ email }))).resolves.toEqual({ refused: "no-account" });
    await createInvitationLink(db, { teamId: team.id, email, role: "viewer", invitedById: inviter.id });
    await expect(signIn(claims({ email, emailVerified: false }))).resolves.toEqual({
      refused: "email-not-verified",
    });
    const created = await signIn(claims({ email }));
    const account = await db.user.findUniqueOrThrow({ where: { email } });
    expect(created).toEqual({ userId: account.id });
    expect(account.passwordHash).toBeNull();
    expect(account.emailVerifiedAt).toBeInstanceOf(Date);
  });
});
