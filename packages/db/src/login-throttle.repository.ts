import { createHash } from "node:crypto";
import type { Db } from "./client";

/** Failed sign-ins allowed per email within the window before the account is locked for a while. */
export const LOGIN_FAILURE_LIMIT = 5;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60_000;
export const LOGIN_LOCKOUT_MS = 15 * 60_000;

function throttleKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

/** When sign-in for this email is locked, the instant it unlocks; otherwise null. */
export async function findLoginLockout(db: Db, email: string, now: Date): Promise<Date | null> {
  const row = await db.loginThrottle.findUnique({
    where: { key: throttleKey(email) },
    select: { lockedUntil: true },
  });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

export async function recordLoginFailure(db: Db, email: string, now: Date): Promise<void> {
  const key = throttleKey(email);
  const row = await db.loginThrottle.findUnique({ where: { key } });
  const windowOpen = row !== null && now.getTime() - row.windowStart.getTime() < LOGIN_FAILURE_WINDOW_MS;
  const failures = windowOpen ? row.failures + 1 : 1;
  const lockedUntil = failures >= LOGIN_FAILURE_LIMIT ? new Date(now.getTime() + LOGIN_LOCKOUT_MS) : null;
  await db.loginThrottle.upsert({
    where: { key },
    create: { key, failures, windowStart: now, lockedUntil },
    update: { failures, windowStart: windowOpen ? row.windowStart : now, lockedUntil },
  });
}

export async function clearLoginFailures(db: Db, email: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: throttleKey(email) } });
}
