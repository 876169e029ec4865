/** The signed-in user behind a session, their teams, and the account changes that end sessions. */
import { hashPassword } from "@clawfleet/db/password";
import {
  type TeamMembership,
  changePassword,
  findUserWithSessionCutoff,
  listMemberships,
} from "@clawfleet/db/user.repository";
import { findUserIdByExternalIdentity } from "@clawfleet/db/external-identity.repository";
import type { ServiceDeps } from "../service-context";
import type { SignedInUser } from "./password-sign-in";

/**
 * The session check: the user still exists and the session was issued after the user's cut-off (a
 * password change moves it), else null.
 */
export async function findSignedInUser(
  { db }: Pick<ServiceDeps, "db">,
  { userId, sessionIssuedAt }: { userId: string; sessionIssuedAt: Date },
): Promise<SignedInUser | null> {
  const user = await findUserWithSessionCutoff(db, { userId });
  // why: session times are whole seconds (JWT `iat` style), so the cut-off is compared at that precision.
  if (
    !user ||
    Math.floor(sessionIssuedAt.getTime() / 1000) < Math.floor(user.sessionsValidFrom.getTime() / 1000)
  )
    return null;
  return { id: user.id, email: user.email, name: user.name };
}

/** The user's teams with their role in each, oldest membership first. */
export function listUserMemberships(
  { db }: Pick<ServiceDeps, "db">,
  { userId }: { userId: string },
): Promise<TeamMembership[]> {
  return listMemberships(db, userId);
}

/** The account bound to this SSO identity, or null (the sign-in callback binds it first). */
export async function findSsoAccount(
  { db }: Pick<ServiceDeps, "db">,
  identity: { issuer: string; subject: string },
): Promise<{ id: string } | null> {
  const userId = await findUserIdByExternalIdentity(db, identity);
  return userId ? { id: userId } : null;
}

/**
 * Sets a new password and ends every session issued before now, so a stolen session does not survive a
 * password change (checklist B3.4).
 */
export async function changeUserPassword(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  { userId, newPassword }: { userId: string; newPassword: string },
): Promise<void> {
  await changePassword(db, { userId, passwordHash: await hashPassword(newPassword), now: now() });
}
