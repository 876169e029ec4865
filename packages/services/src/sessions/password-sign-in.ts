import {
  clearLoginFailures,
  findLoginLockout,
  recordLoginFailure,
} from "@clawfleet/db/login-throttle.repository";
import { verifyPassword } from "@clawfleet/db/password";
import { findUserForSignIn } from "@clawfleet/db/user.repository";
import type { ServiceDeps } from "../service-context";

/** Shown for every wrong email or password alike, so the form never tells which one was wrong. */
export const SIGN_IN_REFUSED = "Email or password is incorrect.";

export class SignInLockedError extends Error {
  override readonly name = "SignInLockedError";
}

export type SignedInUser = { id: string; email: string; name: string };

/**
 * Checks an email and password. Repeated failures lock the email for a while; the lock message names
 * no detail of which check failed.
 */
export async function signInWithPassword(
  { db }: Pick<ServiceDeps, "db">,
  { email, password, now }: { email: string; password: string; now: Date },
): Promise<SignedInUser | null> {
  const lockedUntil = await findLoginLockout(db, email, now);
  if (lockedUntil) {
    const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
    throw new SignInLockedError(
      `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    );
  }
  const user = await findUserForSignIn(db, email);
  // The password is checked even for an unknown email (against a decoy hash) so both take the same time.
  const passwordMatches = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !passwordMatches) {
    await recordLoginFailure(db, email, now);
    return null;
  }
  await clearLoginFailures(db, email);
  return { id: user.id, email: user.email, name: user.name };
}
