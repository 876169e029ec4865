/** Signed-in sessions, server side: the JWT carries the id, the row says whether it still counts. */
import type { Db } from "./client";

export type StoredUserSession = { userId: string; expiresAt: Date; revokedAt: Date | null };

export function createUserSession(
  db: Db,
  { userId, createdAt, expiresAt }: { userId: string; createdAt: Date; expiresAt: Date },
): Promise<{ id: string }> {
  return db.userSession.create({ data: { userId, createdAt, expiresAt }, select: { id: true } });
}

export function findUserSession(
  db: Db,
  { sessionId }: { sessionId: string },
): Promise<StoredUserSession | null> {
  return db.userSession.findUnique({
    where: { id: sessionId },
    select: { userId: true, expiresAt: true, revokedAt: true },
  });
}

/** Ends the session now; returns its user the first time, null if it was unknown or already ended. */
export async function revokeUserSession(
  db: Db,
  { sessionId, now }: { sessionId: string; now: Date },
): Promise<{ userId: string } | null> {
  const rows = await db.userSession.updateManyAndReturn({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: now },
    select: { userId: true },
  });
  return rows[0] ?? null;
}

/** Rows past their expiry are of no use to anyone: the session check refuses them anyway. */
export async function deleteExpiredUserSessions(db: Db, { now }: { now: Date }): Promise<number> {
  const deleted = await db.userSession.deleteMany({ where: { expiresAt: { lte: now } } });
  return deleted.count;
}
