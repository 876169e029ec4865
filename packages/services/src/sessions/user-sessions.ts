/**
 * Server-side sessions (issue 12, finding 4): a sign-in opens a row whose id the JWT carries; every request
 * checks the row, the absolute lifetime from sign-in and the user's cut-off; sign-out revokes the row, so a
 * cookie copied before it is worthless after.
 */
import { type SessionClaims, sessionEnd } from "@clawfleet/core/sessions/session-lifetime";
import { inTransaction } from "@clawfleet/db/client";
import { findUserWithSessionCutoff } from "@clawfleet/db/user.repository";
import {
  createUserSession,
  deleteExpiredUserSessions,
  findUserSession,
  revokeUserSession,
} from "@clawfleet/db/user-session.repository";
import type { ServiceDeps } from "../service-context";
import { recordAccountAuditEvent } from "./account-audit";
import type { SignedInUser } from "./password-sign-in";

/** Opens a session for a user who just signed in; `authTime` is the sign-in instant in epoch seconds. */
export async function startUserSession(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { userId, maxAgeSeconds }: { userId: string; maxAgeSeconds: number },
): Promise<{ sessionId: string; authTime: number }> {
  const now = clock();
  const authTime = Math.floor(now.getTime() / 1000);
  const row = await createUserSession(db, {
    userId,
    createdAt: new Date(authTime * 1000),
    expiresAt: new Date((authTime + maxAgeSeconds) * 1000),
  });
  return { sessionId: row.id, authTime };
}

/** The user behind a session that still counts, or null (ended, expired, revoked, or superseded). */
export async function findSessionUser(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  { claims, maxAgeSeconds }: { claims: SessionClaims; maxAgeSeconds: number },
): Promise<SignedInUser | null> {
  const [user, stored] = await Promise.all([
    findUserWithSessionCutoff(db, { userId: claims.userId }),
    findUserSession(db, { sessionId: claims.sessionId }),
  ]);
  if (!user) return null;
  const ended = sessionEnd(claims, {
    stored,
    sessionsValidFrom: user.sessionsValidFrom,
    maxAgeSeconds,
    now: now(),
  });
  return ended ? null : { id: user.id, email: user.email, name: user.name };
}

/** Sign-out: revokes the session and records it in the user's teams; an unknown or ended session is a no-op. */
export function endUserSession(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  { sessionId, requestId }: { sessionId: string; requestId: string },
): Promise<void> {
  return inTransaction(db, async (tx) => {
    const revoked = await revokeUserSession(tx, { sessionId, now: now() });
    if (!revoked) return;
    const user = await findUserWithSessionCutoff(tx, { userId: revoked.userId });
    if (user)
      await recordAccountAuditEvent(tx, {
        user,
        action: "auth.logout",
        after: { sessionId },
        requestId,
      });
  });
}

/** Hourly housekeeping: deletes session rows past their expiry (the check refuses them anyway). */
export async function sweepEndedSessions({ db, now }: Pick<ServiceDeps, "db" | "now">): Promise<void> {
  await deleteExpiredUserSessions(db, { now: now() });
}
