import type { Role } from "@clawfleet/core/access/role";
import { DomainError } from "@clawfleet/core/domain-error";
import type { Db } from "./client";

export type TeamMember = {
  membershipId: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  version: number;
  joinedAt: Date;
};

const memberSelect = {
  id: true,
  userId: true,
  role: true,
  version: true,
  createdAt: true,
  user: { select: { email: true, name: true } },
} as const;

type MemberRow = {
  id: string;
  userId: string;
  role: Role;
  version: number;
  createdAt: Date;
  user: { email: string; name: string };
};

function toTeamMember(row: MemberRow): TeamMember {
  return {
    membershipId: row.id,
    userId: row.userId,
    email: row.user.email,
    name: row.user.name,
    role: row.role,
    version: row.version,
    joinedAt: row.createdAt,
  };
}

export async function listMembers(db: Db, { teamId }: { teamId: string }): Promise<TeamMember[]> {
  const rows = await db.membership.findMany({
    where: { teamId },
    orderBy: [{ user: { email: "asc" } }],
    select: memberSelect,
  });
  return rows.map(toTeamMember);
}

export async function findMember(
  db: Db,
  { teamId, membershipId }: { teamId: string; membershipId: string },
): Promise<TeamMember | null> {
  const row = await db.membership.findFirst({ where: { id: membershipId, teamId }, select: memberSelect });
  return row ? toTeamMember(row) : null;
}

/** A member found by user id or email (emails are stored lower-cased). */
export async function findMemberByUser(
  db: Db,
  { teamId, user }: { teamId: string; user: { id: string } | { email: string } },
): Promise<TeamMember | null> {
  const row = await db.membership.findFirst({
    where: { teamId, ...("id" in user ? { userId: user.id } : { user: { email: user.email } }) },
    select: memberSelect,
  });
  return row ? toTeamMember(row) : null;
}

/**
 * Serialises member changes within one team (row lock on the team), so two admins demoting each other at
 * the same moment cannot both pass the last-admin check. Call first inside the transaction.
 */
export async function lockTeamMembership(tx: Db, { teamId }: { teamId: string }): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Team" WHERE id = ${teamId}::uuid FOR UPDATE`;
}

export function countAdmins(db: Db, { teamId }: { teamId: string }): Promise<number> {
  return db.membership.count({ where: { teamId, role: "admin" } });
}

function staleMembership(expectedVersion: number, current: number): DomainError {
  return new DomainError(
    "CONFLICT",
    `Someone else changed this membership (you edited version ${expectedVersion}, it is now version ${current}). Reload to see their change, then reapply yours.`,
  );
}

export async function updateMemberRole(
  tx: Db,
  {
    teamId,
    membershipId,
    expectedVersion,
    role,
  }: { teamId: string; membershipId: string; expectedVersion: number; role: Role },
): Promise<TeamMember> {
  const updated = await tx.membership.updateMany({
    where: { id: membershipId, teamId, version: expectedVersion },
    data: { role, version: { increment: 1 } },
  });
  const after = await findMember(tx, { teamId, membershipId });
  if (!after) throw new DomainError("NOT_FOUND", "Member not found.");
  if (updated.count === 0) throw staleMembership(expectedVersion, after.version);
  return after;
}

export async function removeMember(
  tx: Db,
  {
    teamId,
    membershipId,
    expectedVersion,
  }: { teamId: string; membershipId: string; expectedVersion: number },
): Promise<void> {
  const removed = await tx.membership.deleteMany({
    where: { id: membershipId, teamId, version: expectedVersion },
  });
  if (removed.count > 0) return;
  const current = await findMember(tx, { teamId, membershipId });
  if (!current) throw new DomainError("NOT_FOUND", "Member not found.");
  throw staleMembership(expectedVersion, current.version);
}

export async function addMember(
  tx: Db,
  { teamId, userId, role }: { teamId: string; userId: string; role: Role },
): Promise<TeamMember> {
  const row = await tx.membership.create({ data: { teamId, userId, role }, select: memberSelect });
  return toTeamMember(row);
}
