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
  const row = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
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

/** The account an invitee creates on the invite page; the email is the invited one. */
export async function createInvitedUser(
  tx: Db,
  { email, name, passwordHash }: { email: string; name: string; passwordHash: string },
): Promise<{ id: string; email: string; name: string }> {
  const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (existing)
    throw new DomainError(
      "CONFLICT",
      `An account for ${email} already exists. Sign in with it to accept the invitation.`,
    );
  return tx.user.create({
    data: { email, name, passwordHash },
    select: { id: true, email: true, name: true },
  });
}
