/**
 * Invitations: admins invite and revoke; whoever holds a link sees what it is for, and joins the team with a
 * new account or the one they are signed in with. A link token is returned once and stored only as a hash.
 */
import {
  INVITATION_LIFETIME_MS,
  NO_MAIL_MESSAGE,
  UNUSABLE_INVITATION_MESSAGES,
} from "@clawfleet/core/access/invitation-status";
import { assertMayInvite, assertMayRevokeInvitation } from "@clawfleet/core/access/membership-rules";
import type { Role } from "@clawfleet/core/access/role";
import { DomainError } from "@clawfleet/core/domain-error";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { type Db, inTransaction } from "@clawfleet/db/client";
import {
  type InvitationByToken,
  consumeInvitation,
  consumeSignUpLink,
  createInvitation,
  createInvitedUser,
  createSignUpLink,
  findInvitationById,
  findInvitationByToken,
  findPendingInvitationForEmail,
  findSignUpLinkByToken,
  issueInvitationToken,
  listOpenInvitations,
  revokeInvitation,
} from "@clawfleet/db/invitation.repository";
import { addMember, findMemberByUser } from "@clawfleet/db/membership.repository";
import { hashPassword } from "@clawfleet/db/password";
import { findUserForSignIn, findUserWithSessionCutoff } from "@clawfleet/db/user.repository";
import type { ConsoleMail } from "../mail/mailer";
import type { Caller, ServiceDeps, TeamScope } from "../service-context";
import { findSignedInUser } from "../sessions/session-users";

/** A sign-up link is mailed for immediate use: short-lived, single-use, bound to one invitation. */
export const SIGN_UP_LINK_LIFETIME_MS = 30 * 60 * 1000;

const UNUSABLE_SIGN_UP_LINK =
  "This sign-up link is not valid, was already used or has expired. Open the invitation again to get a new one.";

/** A team member managing invitations: the role decides what they may grant (core membership rules). */
export type MemberCaller = Caller & { role: Role };

/** A signed-in person using an invitation link (not yet a member of its team). */
export type Invitee = { user: { id: string; email: string }; requestId: string };

function memberRef(caller: MemberCaller) {
  return { userId: caller.actor.id ?? "", role: caller.role };
}

/** The invitation behind a link, only while it can still be used; otherwise the reason, in words. */
async function usableInvitation(db: Db, token: string, now: Date): Promise<InvitationByToken> {
  const invitation = await findInvitationByToken(db, { token, now });
  if (!invitation) throw new DomainError("NOT_FOUND", UNUSABLE_INVITATION_MESSAGES.unknown);
  if (invitation.status !== "pending")
    throw new DomainError("INVALID_STATE", UNUSABLE_INVITATION_MESSAGES[invitation.status]);
  return invitation;
}

/** Joins the invitee to the team and uses up the link, with its audit row, in the caller's transaction. */
async function joinTeam(
  tx: Db,
  {
    invitation,
    user,
    newAccount,
    now,
    requestId,
  }: {
    invitation: InvitationByToken;
    user: { id: string; email: string };
    newAccount: boolean;
    now: Date;
    requestId: string;
  },
) {
  await consumeInvitation(tx, { invitationId: invitation.id, now });
  const member = await addMember(tx, { teamId: invitation.teamId, userId: user.id, role: invitation.role });
  await recordAuditEvent(tx, {
    teamId: invitation.teamId,
    actor: { id: user.id, label: user.email },
    action: "invitation.accept",
    target: { type: "invitation", id: invitation.id },
    after: { email: user.email, role: invitation.role, membershipId: member.membershipId, newAccount },
    requestId,
  });
  return { teamId: invitation.teamId, teamName: invitation.teamName, role: invitation.role };
}

/** Open invitations of the team (pending and lapsed). */
export function listTeamInvitations({ db, now }: Pick<ServiceDeps, "db" | "now">, { teamId }: TeamScope) {
  return listOpenInvitations(db, { teamId, now: now() });
}

/**
 * Creates an invitation and returns its link token exactly once; the database keeps only its sha256
 * and the audit row never sees it.
 */
export function inviteMember(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  caller: MemberCaller,
  input: { email: string; role: Role },
) {
  const { teamId } = caller;
  return inTransaction(db, async (tx) => {
    const now = clock();
    assertMayInvite(memberRef(caller), input.role);
    if (await findMemberByUser(tx, { teamId, user: { email: input.email } }))
      throw new DomainError("CONFLICT", `${input.email} is already a member of this team.`, "email");
    if (await findPendingInvitationForEmail(tx, { teamId, email: input.email, now }))
      throw new DomainError(
        "CONFLICT",
        `${input.email} already has a pending invitation. Revoke it first to send a new link.`,
        "email",
      );
    const { token, tokenHash } = issueInvitationToken();
    const invitation = await createInvitation(tx, {
      teamId,
      email: input.email,
      role: input.role,
      tokenHash,
      expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
      invitedById: caller.actor.id ?? "",
    });
    await recordAuditEvent(tx, {
      teamId,
      actor: caller.actor,
      action: "invitation.create",
      target: { type: "invitation", id: invitation.id },
      after: { email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt },
      requestId: caller.requestId,
    });
    return { invitation, token };
  });
}

export function revokeTeamInvitation(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  caller: MemberCaller,
  { invitationId }: { invitationId: string },
) {
  return inTransaction(db, async (tx) => {
    assertMayRevokeInvitation(memberRef(caller));
    const revoked = await revokeInvitation(tx, { teamId: caller.teamId, invitationId, now: now() });
    await recordAuditEvent(tx, {
      ...caller,
      action: "invitation.revoke",
      target: { type: "invitation", id: revoked.id },
      before: { email: revoked.email, role: revoked.role, status: "pending" },
      after: { email: revoked.email, role: revoked.role, status: "revoked" },
    });
    return { id: revoked.id };
  });
}

/**
 * What the invite page shows. Anyone holding the link may ask; the 256-bit token is the credential.
 * A link that cannot be used says why, and nothing else.
 */
export async function previewInvitation(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  {
    token,
    session,
    canSendMail,
  }: { token: string; session: { userId: string; sessionIssuedAt: Date } | null; canSendMail: boolean },
) {
  const invitation = await findInvitationByToken(db, { token, now: now() });
  if (!invitation) return { status: "unknown" as const, message: UNUSABLE_INVITATION_MESSAGES.unknown };
  if (invitation.status !== "pending")
    return { status: invitation.status, message: UNUSABLE_INVITATION_MESSAGES[invitation.status] };
  const signedIn = session ? await findSignedInUser({ db }, session) : null;
  return {
    status: "pending" as const,
    teamName: invitation.teamName,
    email: invitation.email,
    role: invitation.role,
    hasAccount: (await findUserForSignIn(db, invitation.email)) !== null,
    signedInEmail: signedIn?.email ?? null,
    /** False: "create an account" cannot mail a sign-up link; the page says what to do instead. */
    canSendMail,
  };
}

/**
 * "Create an account": mails a one-time sign-up link to the invited address. Whoever holds the invitation
 * link cannot create the account themselves (finding 1): only the reader of that mailbox can.
 */
export async function requestSignUpLink(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  mail: ConsoleMail | null,
  { token }: { token: string },
): Promise<{ sentTo: string }> {
  const now = clock();
  const invitation = await usableInvitation(db, token, now);
  if (!mail) throw new DomainError("INVALID_STATE", NO_MAIL_MESSAGE);
  if (await findUserForSignIn(db, invitation.email))
    throw new DomainError(
      "CONFLICT",
      `An account for ${invitation.email} already exists. Sign in with it to accept the invitation.`,
    );
  const { token: signUpToken, tokenHash } = issueInvitationToken();
  await createSignUpLink(db, {
    invitationId: invitation.id,
    tokenHash,
    expiresAt: new Date(now.getTime() + SIGN_UP_LINK_LIFETIME_MS),
  });
  const link = `${mail.consoleUrl.replace(/\/$/, "")}/sign-up/${signUpToken}`;
  await mail.mailer.send({
    to: invitation.email,
    subject: `Create your Clawfleet account to join ${invitation.teamName}`,
    text: [
      `You were invited to join ${invitation.teamName} on Clawfleet as ${invitation.role}.`,
      "",
      `Open this link within ${SIGN_UP_LINK_LIFETIME_MS / 60_000} minutes to choose your name and password:`,
      link,
      "",
      "If you did not expect this, ignore this email: no account is created until the link is opened.",
    ].join("\n"),
  });
  return { sentTo: invitation.email };
}

/** The invitation behind a sign-up link while both can still be used; otherwise why not, in words. */
async function usableSignUp(db: Db, signUpToken: string, now: Date) {
  const link = await findSignUpLinkByToken(db, { token: signUpToken });
  if (!link || link.usedAt || link.expiresAt.getTime() <= now.getTime())
    throw new DomainError("NOT_FOUND", UNUSABLE_SIGN_UP_LINK);
  const invitation = await findInvitationById(db, { invitationId: link.invitationId, now });
  if (!invitation) throw new DomainError("NOT_FOUND", UNUSABLE_SIGN_UP_LINK);
  if (invitation.status !== "pending")
    throw new DomainError("INVALID_STATE", UNUSABLE_INVITATION_MESSAGES[invitation.status]);
  return { link, invitation };
}

/** What the sign-up page shows; a link that cannot be used says why, and nothing else. */
export async function previewSignUp(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  { signUpToken }: { signUpToken: string },
) {
  try {
    const { invitation } = await usableSignUp(db, signUpToken, now());
    return {
      status: "usable" as const,
      teamName: invitation.teamName,
      email: invitation.email,
      role: invitation.role,
    };
  } catch (error) {
    if (error instanceof DomainError) return { status: "unusable" as const, message: error.message };
    throw error;
  }
}

/**
 * The invitee opened the mailed sign-up link: creates their account (email verified) and joins the team in
 * one transaction. Every check on the link comes before the password hash (finding 8), so made-up tokens
 * cost a lookup, not an Argon2 run.
 */
export async function acceptInvitationAsNewUser(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { requestId }: { requestId: string },
  input: { signUpToken: string; name: string; password: string },
) {
  const { invitation } = await usableSignUp(db, input.signUpToken, clock());
  if (await findUserForSignIn(db, invitation.email))
    throw new DomainError(
      "CONFLICT",
      `An account for ${invitation.email} already exists. Sign in with it to accept the invitation.`,
    );
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const now = clock();
    const { link, invitation: current } = await usableSignUp(tx, input.signUpToken, now);
    await consumeSignUpLink(tx, { id: link.id, now });
    const user = await createInvitedUser(tx, {
      email: current.email,
      name: input.name,
      passwordHash,
      emailVerifiedAt: now,
    });
    const joined = await joinTeam(tx, { invitation: current, user, newAccount: true, now, requestId });
    return { ...joined, email: user.email };
  });
}

/** A signed-in invitee accepts; the invitation must be for their own email. */
export function acceptInvitation(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { user, requestId }: Invitee,
  { token }: { token: string },
) {
  return inTransaction(db, async (tx) => {
    const now = clock();
    const invitation = await usableInvitation(tx, token, now);
    if (invitation.email !== user.email.toLowerCase())
      throw new DomainError(
        "FORBIDDEN",
        `This invitation is for ${invitation.email}, but you are signed in as ${user.email}. Sign out and sign in as ${invitation.email}.`,
      );
    if (await findMemberByUser(tx, { teamId: invitation.teamId, user: { id: user.id } }))
      throw new DomainError("CONFLICT", `You are already a member of ${invitation.teamName}.`);
    // why: an account whose email nobody proved (made before proofs existed) must not ride an invitation.
    const account = await findUserWithSessionCutoff(tx, { userId: user.id });
    if (!account?.emailVerifiedAt)
      throw new DomainError(
        "FORBIDDEN",
        `Your account's email (${user.email}) is not confirmed yet. Sign in once with single sign-on, or ask an admin to confirm it, then accept again.`,
      );
    return joinTeam(tx, { invitation, user, newAccount: false, now, requestId });
  });
}
