/**
 * Who an OpenID Connect sign-in is (issue 12, finding 1). The provider's (issuer, subject) pair is the
 * identity; an email is only trusted once, to link an existing account, and only when the provider says it
 * verified it. Pure: the caller reads the link, the account and the invitation, and carries out the answer.
 */

/** What the provider's ID token says, as next-auth hands it over. */
export type SsoClaims = {
  issuer: string;
  subject: string;
  email: string | null;
  /** `email_verified` exactly as sent: anything but `true` (missing, false, "true") counts as unverified. */
  emailVerified: unknown;
};

export type SsoFacts = {
  /** The account already bound to (issuer, subject), if any. */
  linkedUserId: string | null;
  /** The account whose email is the claimed one, and the subject it is bound to at this issuer, if any. */
  accountByEmail: { userId: string; subjectAtIssuer: string | null } | null;
  /** Whether a pending invitation names the claimed email. */
  invited: boolean;
};

export type SsoRefusal = "no-email" | "email-not-verified" | "linked-to-other-subject" | "no-account";

export type SsoDecision =
  | { kind: "sign-in"; userId: string }
  | { kind: "link"; userId: string }
  | { kind: "create-invited"; email: string }
  | { kind: "refuse"; reason: SsoRefusal };

/** Shown on the sign-in page for every refusal alike, so it tells an attacker nothing about accounts. */
export const SSO_SIGN_IN_REFUSED =
  "Single sign-on could not sign you in. Your provider must confirm your email address, and an admin must invite you first.";

export function normalizedClaimEmail(email: string | null): string | null {
  const trimmed = email?.trim().toLowerCase() ?? "";
  return trimmed === "" ? null : trimmed;
}

export function decideSsoSignIn(claims: SsoClaims, facts: SsoFacts): SsoDecision {
  // Once bound, the pair alone decides: an email changed at the provider moves nothing.
  if (facts.linkedUserId) return { kind: "sign-in", userId: facts.linkedUserId };
  const email = normalizedClaimEmail(claims.email);
  if (!email) return { kind: "refuse", reason: "no-email" };
  if (claims.emailVerified !== true) return { kind: "refuse", reason: "email-not-verified" };
  if (facts.accountByEmail) {
    // why: the account already trusts another subject of this issuer; a second one claiming the same email
    // is someone else (or a recycled address) and must not ride in on it.
    if (
      facts.accountByEmail.subjectAtIssuer !== null &&
      facts.accountByEmail.subjectAtIssuer !== claims.subject
    )
      return { kind: "refuse", reason: "linked-to-other-subject" };
    return { kind: "link", userId: facts.accountByEmail.userId };
  }
  if (facts.invited) return { kind: "create-invited", email };
  return { kind: "refuse", reason: "no-account" };
}
