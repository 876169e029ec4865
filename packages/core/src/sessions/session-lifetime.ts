/**
 * Whether a signed-in session still counts (issue 12, finding 4). The lifetime is absolute: it runs from
 * the sign-in (`authTime`), never from the last refresh of the cookie, and the server-side session row can
 * end it earlier (sign-out) as can the user's cut-off (a password change).
 */

export type SessionClaims = { userId: string; sessionId: string; authTime: number };

export type StoredSession = { userId: string; expiresAt: Date; revokedAt: Date | null };

export type SessionEnd = "expired" | "revoked" | "unknown" | "superseded";

/**
 * Null when the session is current, else why it ended. Times are compared in whole seconds, as JWTs
 * carry them.
 */
export function sessionEnd(
  claims: SessionClaims,
  {
    stored,
    sessionsValidFrom,
    maxAgeSeconds,
    now,
  }: { stored: StoredSession | null; sessionsValidFrom: Date; maxAgeSeconds: number; now: Date },
): SessionEnd | null {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (stored?.userId !== claims.userId) return "unknown";
  if (stored.revokedAt) return "revoked";
  if (claims.authTime + maxAgeSeconds <= nowSeconds) return "expired";
  if (stored.expiresAt.getTime() <= now.getTime()) return "expired";
  if (claims.authTime < Math.floor(sessionsValidFrom.getTime() / 1000)) return "superseded";
  return null;
}
