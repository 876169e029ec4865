/**
 * Invitations: admins invite and revoke; whoever holds a link sees what it is for, and joins the team with a
 * new account or the one they are signed in with. A link token is returned once and stored only as a hash.
 */
import {
  INVITATION_LIFETIME_MS,
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
  createInvitation,
  createInvitedUser,
  findInvitationByToken,
  findPendingInvitationForEmail,
  issueInvitationToken,
  listOpenInvitations,
  revokeInvitation,
} from "@clawfleet/db/invitation.repository";
import { addMember, findMemberByUser } from "@clawfleet/db/membership.repository";
import { hashPassword } from "@clawfleet/db/password";
import { findUserForSignIn } from "@clawfleet/db/user.repository";
import type { Caller, ServiceDeps, TeamScope } from "../service-context";
import { findSignedInUser } from "../sessions/session-users";

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
  { token, session }: { token: string; session: { userId: string; sessionIssuedAt: Date } | null },
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
  };
}

/** An invitee without an account creates one (for the invited email) and joins in one transaction. */
export async function acceptInvitationAsNewUser(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { requestId }: { requestId: string },
  input: { token: string; name: string; password: string },
) {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const now = clock();
    const invitation = await usableInvitation(tx, input.token, now);
    const user = await createInvitedUser(tx, { email: invitation.email, name: input.name, passwordHash });
    const joined = await joinTeam(tx, { invitation, user, newAccount: true, now, requestId });
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
    return joinTeam(tx, { invitation, user, newAccount: false, now, requestId });
  });
}
