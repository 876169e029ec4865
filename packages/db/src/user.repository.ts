import type { Role } from "@clawfleet/core/access/role";
import type { Db } from "./client";

export type SignInCandidate = { id: string; email: string; name: string; passwordHash: string | null };
export type TeamMembership = { teamId: string; teamName: string; teamSlug: string; role: Role };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findUserForSignIn(db: Db, email: string): Promise<SignInCandidate | null> {
  return db.user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
}

export type UserWithSessionCutoff = {
  id: string;
  email: string;
  name: string;
  /** Sessions issued before this instant are no longer valid (a password change moves it). */
  sessionsValidFrom: Date;
  /** When the owner proved the email is theirs; null while unproved. */
  emailVerifiedAt: Date | null;
};

export function findUserWithSessionCutoff(
  db: Db,
  { userId }: { userId: string },
): Promise<UserWithSessionCutoff | null> {
  return db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, sessionsValidFrom: true, emailVerifiedAt: true },
  });
}

/** Records that the owner proved the email (a verified SSO sign-in); an earlier proof is kept. */
export async function markEmailVerified(
  db: Db,
  { userId, now }: { userId: string; now: Date },
): Promise<void> {
  await db.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
}

/** An SSO-only account (no password), made at the first sign-in of an invited, verified email. */
export function createSsoUser(
  tx: Db,
  { email, name, now }: { email: string; name: string; now: Date },
): Promise<{ id: string; email: string }> {
  return tx.user.create({
    data: { email: normalizeEmail(email), name, passwordHash: null, emailVerifiedAt: now },
    select: { id: true, email: true },
  });
}

export async function listMemberships(db: Db, userId: string): Promise<TeamMembership[]> {
  const rows = await db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, team: { select: { id: true, name: true, slug: true } } },
  });
  return rows.map((row) => ({
    teamId: row.team.id,
    teamName: row.team.name,
    teamSlug: row.team.slug,
    role: row.role,
  }));
}

/**
 * Sets a new password hash and ends every session issued before `now` (the session check compares with
 * `sessionsValidFrom`), so a stolen session does not survive a password change (checklist B3.4).
 */
export async function changePassword(
  db: Db,
  { userId, passwordHash, now }: { userId: string; passwordHash: string; now: Date },
): Promise<void> {
  await db.user.update({
    where: { id: userId },
    data: { passwordHash, sessionsValidFrom: now, version: { increment: 1 } },
  });
}
