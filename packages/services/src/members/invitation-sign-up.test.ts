/**
 * Invitations prove email ownership (issue 12, findings 1 and 8): "create an account" mails a one-time
 * sign-up link to the invited address, and only that link creates the account.
 */
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as PasswordModule from "@clawfleet/db/password";
import { NO_MAIL_MESSAGE } from "@clawfleet/core/access/invitation-status";
import { DomainError } from "@clawfleet/core/domain-error";
import { createInvitationLink, createMember, createTeam } from "@clawfleet/db/testing/factories";
import { createMailer } from "../mail/mailer";
import { startLoopbackSmtpReceiver } from "../testing/loopback-smtp-receiver";
import { useServiceTestDeps } from "../testing/service-test-deps";
import { acceptInvitation, acceptInvitationAsNewUser, previewSignUp, requestSignUpLink } from "./invitations";

// why: counts Argon2 runs, so the test proves a made-up token is refused before any hash (finding 8).
const hashing = vi.hoisted(() => ({ calls: 0 }));
vi.mock("@clawfleet/db/password", async (importOriginal) => {
  const original = await importOriginal<typeof PasswordModule>();
  return {
    ...original,
    hashPassword: (password: string) => {
      hashing.calls += 1;
      return original.hashPassword(password);
    },
  };
});

const deps = useServiceTestDeps();
const { db } = deps;
const CONSOLE_URL = "http://console.test";
let smtp: Awaited<ReturnType<typeof startLoopbackSmtpReceiver>>;
let mail: { mailer: NonNullable<ReturnType<typeof createMailer>>; consoleUrl: string };

beforeAll(async () => {
  smtp = await startLoopbackSmtpReceiver();
  const mailer = createMailer({ smtpUrl: smtp.url, from: "Clawfleet <clawfleet@console.test>" });
  if (!mailer) throw new Error("an SMTP URL must give a mailer");
  mail = { mailer, consoleUrl: CONSOLE_URL };
});
afterAll(() => smtp.close());

/** Team A invites `email`; the link's token is what the victim (and anyone it leaks to) holds. */
async function invitationFor(email: string) {
  const teamA = await createTeam(db);
  const adminA = await createMember(db, { teamId: teamA.id, role: "admin" });
  const link = await createInvitationLink(db, {
    teamId: teamA.id,
    email,
    role: "operator",
    invitedById: adminA.id,
  });
  return { teamA, token: link.token };
}

/** The sign-up token of the last mail to `email`, as its reader would click it. */
function signUpTokenMailedTo(email: string): string {
  const message = smtp.received.findLast((received) => received.to.includes(email));
  const match = message?.raw.replace(/=\r?\n/g, "").match(/\/sign-up\/([A-Za-z0-9_-]{43})/);
  if (!match?.[1]) throw new Error(`no sign-up link was mailed to ${email}`);
  return match[1];
}

const requestId = "test-request";
const uniqueEmail = (name: string) => `${name}-${crypto.randomUUID()}@corp.test`;

describe("creating an account from an invitation", () => {
  it("mails a one-time sign-up link over SMTP; opening it creates a verified account in the team", async () => {
    const email = uniqueEmail("victim");
    const { teamA, token } = await invitationFor(email);

    await expect(requestSignUpLink(deps, mail, { token })).resolves.toEqual({ sentTo: email });
    const signUpToken = signUpTokenMailedTo(email);
    expect(smtp.received.at(-1)?.raw).toContain(`${CONSOLE_URL}/sign-up/`);
    await expect(previewSignUp(deps, { signUpToken })).resolves.toMatchObject({ status: "usable", email });

    const hashesBefore = hashing.calls;
    const joined = await acceptInvitationAsNewUser(
      deps,
      { requestId },
      { signUpToken, name: "Victim", password: "a password of my own" },
    );
    expect(joined).toMatchObject({ teamId: teamA.id, email, role: "operator" });
    expect(hashing.calls).toBe(hashesBefore + 1); // the counter sees real hashes

    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);

    // Single use: the same link cannot make a second account or reset the first.
    await expect(
      acceptInvitationAsNewUser(
        deps,
        { requestId },
        { signUpToken, name: "Again", password: "another password 1" },
      ),
    ).rejects.toBeInstanceOf(DomainError);
  });

  it("refuses team B's admin who holds the invitation link: no account for the victim's email (finding 1)", async () => {
    const email = uniqueEmail("victim");
    const { token } = await invitationFor(email);

    // The attacker can only ask for the mail, which goes to the victim, and the answer carries no token.
    const answer = await requestSignUpLink(deps, mail, { token });
    expect(JSON.stringify(answer)).not.toContain(signUpTokenMailedTo(email));
    // The invitation token itself is no sign-up token.
    await expect(
      acceptInvitationAsNewUser(
        deps,
        { requestId },
        { signUpToken: token, name: "Attacker", password: "attacker chosen password" },
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
  });

  it("checks the link before any password hash: made-up or used tokens cost no Argon2 run (finding 8)", async () => {
    const before = hashing.calls;
    for (let attempt = 0; attempt < 20; attempt++)
      await expect(
        acceptInvitationAsNewUser(
          deps,
          { requestId },
          { signUpToken: `made-up-${attempt}`.padEnd(43, "x"), name: "Flood", password: "flooding password" },
        ),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(hashing.calls).toBe(before);
  });

  it("says plainly that it cannot send mail when no transport is configured", async () => {
    const { token } = await invitationFor(uniqueEmail("nomail"));
    await expect(requestSignUpLink(deps, null, { token })).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: NO_MAIL_MESSAGE,
    });
  });

  it("writes the mail to the file outbox when that is the transport", async () => {
    const outboxDir = await mkdtemp(join(tmpdir(), "clawfleet-outbox-"));
    const mailer = createMailer({ outboxDir });
    if (!mailer) throw new Error("an outbox must give a mailer");
    const email = uniqueEmail("outbox");
    const { token } = await invitationFor(email);
    await requestSignUpLink(deps, { mailer, consoleUrl: CONSOLE_URL }, { token });
    const [file] = await readdir(outboxDir);
    expect(file).toMatch(/\.eml$/);
    const raw = await readFile(join(outboxDir, file ?? ""), "utf8");
    expect(raw).toContain(`To: ${email}`);
    expect(raw.replace(/=\r?\n/g, "")).toMatch(/\/sign-up\/[A-Za-z0-9_-]{43}/);
  });
});

describe("accepting as a signed-in user", () => {
  it("requires the account's email to be verified", async () => {
    const email = uniqueEmail("unverified");
    const { token } = await invitationFor(email);
    const elsewhere = await createTeam(db);
    const unverified = await createMember(db, {
      teamId: elsewhere.id,
      role: "viewer",
      email,
      emailVerified: false,
    });
    await expect(
      acceptInvitation(deps, { user: { id: unverified.id, email }, requestId }, { token }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("not confirmed") as string,
    });
    expect(await db.membership.count({ where: { userId: unverified.id } })).toBe(1);
  });
});
