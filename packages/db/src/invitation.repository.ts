import { type InvitationStatus, invitationStatus } from "@clawfleet/core/access/invitation-status";
import type { Role } from "@clawfleet/core/access/role";
import { DomainError } from "@clawfleet/core/domain-error";
import type { Db } from "./client";
import { hashOneTimeToken, issueOneTimeToken } from "./one-time-token";

/** A pending or past invitation as admins see it; never the token or its hash. */
export type InvitationSummary = {
  id: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  expiresAt: Date;
  createdAt: Date;
  invitedByEmail: string | null;
};

/** A fresh link token (256 random bits, base64url) and the sha256 that is all the database keeps. */
export const issueInvitationToken = issueOneTimeToken;
export const hashInvitationToken = hashOneTimeToken;

const invitationSelect = {
  id: true,
  teamId: true,
  email: true,
  role: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  createdAt: true,
  invitedById: true,
} as const;

export async function createInvitation(
  tx: Db,
  data: {
    teamId: string;
    email: string;
    role: Role;
    tokenHash: string;
    expiresAt: Date;
    invitedById: string;
  },
): Promise<{ id: string; email: string; role: Role; expiresAt: Date }> {
  return tx.invitation.create({ data, select: { id: true, email: true, role: true, expiresAt: true } });
}

/** Invitations not yet accepted or revoked (expired ones included, so an admin sees them lapse). */
export async function listOpenInvitations(
  db: Db,
  { teamId, now }: { teamId: string; now: Date },
): Promise<InvitationSummary[]> {
  const rows = await db.invitation.findMany({
    where: { teamId, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: invitationSelect,
  });
  const inviterIds = [...new Set(rows.map((row) => row.invitedById))];
  const inviters = await db.user.findMany({
    where: { id: { in: inviterIds } },
    select: { id: true, email: true },
  });
  const inviterEmail = new Map(inviters.map((user) => [user.id, user.email]));
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    status: invitationStatus(row, now),
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    invitedByEmail: inviterEmail.get(row.invitedById) ?? null,
  }));
}

export async function findPendingInvitationForEmail(
  db: Db,
  { teamId, email, now }: { teamId: string; email: string; now: Date },
): Promise<{ id: string } | null> {
  return db.invitation.findFirst({
    where: { teamId, email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true },
  });
}

export type InvitationByToken = {
  id: string;
  teamId: string;
  teamName: string;
  email: string;
  role: Role;
  status: InvitationStatus;
};

export async function findInvitationByToken(
  db: Db,
  { token, now }: { token: string; now: Date },
): Promise<InvitationByToken | null> {
  return findInvitationWhere(db, { tokenHash: hashInvitationToken(token) }, now);
}

async function findInvitationWhere(
  db: Db,
  where: { tokenHash: string } | { id: string },
  now: Date,
): Promise<InvitationByToken | null> {
  const row = await db.invitation.findUnique({
    where,
    select: { ...invitationSelect, team: { select: { name: true } } },
  });
  if (!row) return null;
  return {
    id: row.id,
    teamId: row.teamId,
    teamName: row.team.name,
    email: row.email,
    role: row.role,
    status: invitationStatus(row, now),
  };
}

export async function revokeInvitation(
  tx: Db,
  { teamId, invitationId, now }: { teamId: string; invitationId: string; now: Date },
): Promise<{ id: string; email: string; role: Role }> {
  const row = await tx.invitation.findFirst({
    where: { id: invitationId, teamId },
    select: invitationSelect,
  });
  if (!row) throw new DomainError("NOT_FOUND", "Invitation not found.");
  const status = invitationStatus(row, now);
  if (status === "accepted" || status === "revoked")
    throw new DomainError("INVALID_STATE", `This invitation was already ${status}.`);
  await tx.invitation.update({ where: { id: row.id }, data: { revokedAt: now } });
  return { id: row.id, email: row.email, role: row.role };
}

/**
 * Marks the invitation used, only if it is still pending at `now`; a second acceptance racing the first
 * finds nothing to update and is refused.
 */
export async function consumeInvitation(
  tx: Db,
  { invitationId, now }: { invitationId: string; now: Date },
): Promise<void> {
  const consumed = await tx.invitation.updateMany({
    where: { id: invitationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now },
  });
  if (consumed.count === 0)
    throw new DomainError(
      "INVALID_STATE",
      "This invitation can no longer be used. Ask a team admin for a new one.",
    );
}

/**
 * The account an invitee creates from the sign-up link mailed to the invited address; opening that link
 * proved the email, so the account starts verified.
 */
export async function createInvitedUser(
  tx: Db,
  {
    email,
    name,
    passwordHash,
    emailVerifiedAt,
  }: { email: string; name: string; passwordHash: string; emailVerifiedAt: Date },
): Promise<{ id: string; email: string; name: string }> {
  const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (existing)
    throw new DomainError(
      "CONFLICT",
      `An account for ${email} already exists. Sign in with it to accept the invitation.`,
    );
  return tx.user.create({
    data: { email, name, passwordHash, emailVerifiedAt },
    select: { id: true, email: true, name: true },
  });
}

/** Whether any team has a pending invitation for this email (SSO may then create the account). */
export async function hasPendingInvitationForEmail(
  db: Db,
  { email, now }: { email: string; now: Date },
): Promise<boolean> {
  const row = await db.invitation.findFirst({
    where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true },
  });
  return row !== null;
}

export async function createSignUpLink(
  tx: Db,
  data: { invitationId: string; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await tx.invitationSignUp.create({ data });
}

export type SignUpLink = { id: string; invitationId: string; expiresAt: Date; usedAt: Date | null };

/** The sign-up link behind a token (by its sha256), or null. */
export function findSignUpLinkByToken(db: Db, { token }: { token: string }): Promise<SignUpLink | null> {
  return db.invitationSignUp.findUnique({
    where: { tokenHash: hashOneTimeToken(token) },
    select: { id: true, invitationId: true, expiresAt: true, usedAt: true },
  });
}

/** The invitation a sign-up link is bound to, as the invite page sees it. */
export function findInvitationById(
  db: Db,
  { invitationId, now }: { invitationId: string; now: Date },
): Promise<InvitationByToken | null> {
  return findInvitationWhere(db, { id: invitationId }, now);
}

/** Uses the sign-up link up, only if still unused and unexpired; a racing second use is refused. */
export async function consumeSignUpLink(tx: Db, { id, now }: { id: string; now: Date }): Promise<void> {
  const used = await tx.invitationSignUp.updateMany({
    where: { id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (used.count === 0)
    throw new DomainError(
      "INVALID_STATE",
      "This sign-up link was already used or has expired. Open the invitation again to get a new one.",
    );
}
