import { SIGN_IN_THROTTLES, signInThrottledMessage } from "@clawfleet/core/throttling/sign-in-throttles";
import type { AuditAction } from "@clawfleet/core/audit/audit-event";
import { retryAfterSeconds } from "@clawfleet/core/throttling/throttle-policy";
import { inTransaction } from "@clawfleet/db/client";
import { verifyPassword } from "@clawfleet/db/password";
import {
  refundThrottleHit,
  resetThrottle,
  takeThrottleHit,
  throttleKey,
} from "@clawfleet/db/throttle.repository";
import { findUserForSignIn, normalizeEmail } from "@clawfleet/db/user.repository";
import type { ServiceDeps } from "../service-context";
import { recordAccountAuditEvent } from "./account-audit";

/** Shown for every wrong email or password alike, so the form never tells which one was wrong. */
export const SIGN_IN_REFUSED = "Email or password is incorrect.";

export type SignedInUser = { id: string; email: string; name: string };

export type PasswordSignInAttempt = {
  email: string;
  password: string;
  /** From `resolveClientAddress`: the per-address limit's key, and what the audit row records. */
  clientAddress: string;
  /** The device id of a device cookie verified for this email, or null for a browser never seen signing in. */
  knownDeviceId: string | null;
  requestId: string;
};

export type PasswordSignInResult =
  | { outcome: "signed-in"; user: SignedInUser }
  | { outcome: "refused"; message: string }
  | { outcome: "throttled"; message: string; retryAfterSeconds: number };

type Candidate = { id: string; email: string };

/** A password sign-in event, with the address and whether the browser was known, in each of the user's teams. */
function auditSignIn(
  { db }: Pick<ServiceDeps, "db">,
  user: Candidate,
  action: AuditAction,
  attempt: PasswordSignInAttempt,
  after: Record<string, unknown>,
): Promise<void> {
  return inTransaction(db, (tx) =>
    recordAccountAuditEvent(tx, {
      user,
      action,
      after: { clientAddress: attempt.clientAddress, knownDevice: attempt.knownDeviceId !== null, ...after },
      requestId: attempt.requestId,
    }),
  );
}

/**
 * Checks an email and password under the sign-in throttles (`SIGN_IN_THROTTLES`). The attempt is counted
 * *before* the password is verified, atomically, so a burst of parallel guesses gets no more checks than the
 * allowance; while throttled the password is not checked at all, and the message (the same for unknown emails)
 * says when to try again. A success clears the count of the account bucket it was made through, and gives its
 * address back the attempt.
 */
export async function signInWithPassword(
  deps: Pick<ServiceDeps, "db" | "now">,
  attempt: PasswordSignInAttempt,
): Promise<PasswordSignInResult> {
  const { db } = deps;
  const now = deps.now();
  const email = normalizeEmail(attempt.email);
  const accountKey = attempt.knownDeviceId
    ? throttleKey("sign-in-device", `${email}\n${attempt.knownDeviceId}`)
    : throttleKey("sign-in-account", email);
  const accountPolicy = attempt.knownDeviceId
    ? SIGN_IN_THROTTLES.accountFromKnownDevice
    : SIGN_IN_THROTTLES.accountFromUnknownDevices;

  // A known device skips the address limit: its cookie is bound to this one account (so it cannot spray), and
  // guesses from the owner's own network (an office NAT, a shared café) must not slow the owner down.
  const addressKey = attempt.knownDeviceId ? null : throttleKey("sign-in-address", attempt.clientAddress);
  const byAddress = addressKey ? await takeThrottleHit(db, addressKey, SIGN_IN_THROTTLES.address, now) : null;
  const byAccount =
    byAddress === null || byAddress.allowed
      ? await takeThrottleHit(db, accountKey, accountPolicy, now)
      : byAddress;
  if (!byAccount.allowed) {
    const seconds = retryAfterSeconds(byAccount.retryAt, now);
    return { outcome: "throttled", message: signInThrottledMessage(seconds), retryAfterSeconds: seconds };
  }

  const user = await findUserForSignIn(db, email);
  // The password is checked even for an unknown email (against a decoy hash) so both take the same time.
  const passwordMatches = await verifyPassword(user?.passwordHash ?? null, attempt.password);
  if (!user || !passwordMatches) {
    if (user) {
      await auditSignIn(deps, user, "auth.login.failed", attempt, {});
      if (byAccount.nextAllowedAt) {
        await auditSignIn(deps, user, "auth.login.throttled", attempt, {
          retryAt: byAccount.nextAllowedAt.toISOString(),
        });
      }
    }
    return { outcome: "refused", message: SIGN_IN_REFUSED };
  }
  await resetThrottle(db, accountKey);
  // why: an address is slowed down by its failures only, so an office behind one NAT signs in all day; a
  // refund (not a reset) means an attacker's own valid account buys back nothing but its own attempt.
  if (addressKey) await refundThrottleHit(db, addressKey);
  await auditSignIn(deps, user, "auth.login.succeeded", attempt, {});
  return { outcome: "signed-in", user: { id: user.id, email: user.email, name: user.name } };
}
