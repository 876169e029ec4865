import type { AuthProfileCredential, OAuthCredential } from "./auth-store.schema";
import { compareLocale } from "../models-status/locale-order";
import { isInactiveSetup, isValidExpires } from "./profile-eligibility";
import { OAUTH_REFRESH_MARGIN_MS } from "./profile-health";

/**
 * OpenClaw's repair of an agent's stale `<provider>:default` OAuth login (`reconcileMainStoreOAuthProfileDrift`,
 * `persisted-*.mjs`, with `oauth-shared-*.mjs` and `credential-state-*.mjs`): when an agent store still holds the
 * login onboarding wrote under the legacy default id, and the shared (main) store holds a newer usable login of
 * the same provider that is safe to adopt, the agent sees the shared login instead (lab capture gen-6-010).
 */

const providerKey = (provider: string) => provider.trim().toLowerCase();

/** `isLegacyDefaultOAuthProfile`: the id onboarding gave a provider's first login. */
export function isLegacyDefaultOAuthProfile(profileId: string, credential: OAuthCredential): boolean {
  return profileId === `${providerKey(credential.provider)}:default`;
}

/**
 * `hasUsableOAuthCredential` with its default 5-minute refresh margin: an access token that is still valid
 * beyond the margin. A refresh fence is never usable; its `expires` of 1 already says so here.
 */
export function hasUsableOAuthCredential(credential: AuthProfileCredential, now: number): boolean {
  if (credential.type !== "oauth" || !credential.access?.trim()) return false;
  const { expires } = credential;
  return expires !== undefined && isValidExpires(expires) && expires - now > OAUTH_REFRESH_MARGIN_MS;
}

/**
 * `isNewerUsableOAuthCredential`: the candidate is usable, and the existing one is not or expires earlier.
 * Exported because the merge applies it again to the replacement id itself (`replaceMergedProfileReferences`).
 */
export function isNewerUsableOAuthCredential(
  existing: AuthProfileCredential,
  candidate: AuthProfileCredential,
  now: number,
): boolean {
  if (!hasUsableOAuthCredential(candidate, now)) return false;
  if (!hasUsableOAuthCredential(existing, now)) return true;
  return finiteExpiresOf(candidate) > finiteExpiresOf(existing);
}

/** An OAuth login's `expires` where it is a finite number, else 0 (OpenClaw's sort key). */
function finiteExpiresOf(credential: AuthProfileCredential): number {
  const expires = credential.type === "oauth" ? credential.expires : undefined;
  return expires !== undefined && Number.isFinite(expires) ? expires : 0;
}

/** `normalizeAuthIdentityToken`: a trimmed account id, or undefined when blank. */
function identityToken(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** `normalizeAuthEmailToken`: emails compare case-insensitively. */
function emailToken(value: string | undefined): string | undefined {
  return identityToken(value)?.toLowerCase();
}

/** `hasOAuthIdentity`: an account id or an email. */
function hasOAuthIdentity(credential: OAuthCredential): boolean {
  return identityToken(credential.accountId) !== undefined || emailToken(credential.email) !== undefined;
}

/**
 * `isSafeToCopyOAuthIdentity`: account ids decide when both have one, else emails when both have one; an
 * identity on the existing side only is not copied over.
 */
function isSafeToCopyOAuthIdentity(existing: OAuthCredential, incoming: OAuthCredential): boolean {
  const existingAccount = identityToken(existing.accountId);
  const incomingAccount = identityToken(incoming.accountId);
  if (existingAccount !== undefined && incomingAccount !== undefined)
    return existingAccount === incomingAccount;
  const existingEmail = emailToken(existing.email);
  const incomingEmail = emailToken(incoming.email);
  if (existingEmail !== undefined && incomingEmail !== undefined) return existingEmail === incomingEmail;
  return existingAccount === undefined && existingEmail === undefined;
}

/** `areOAuthCredentialsEquivalent`: the same tokens, expiry and identity fields. */
function areOAuthCredentialsEquivalent(left: OAuthCredential, right: OAuthCredential): boolean {
  const fields = [
    "provider",
    "access",
    "refresh",
    "expires",
    "email",
    "enterpriseUrl",
    "projectId",
    "accountId",
    "idToken",
  ] as const;
  const leftRecord: Record<string, unknown> = left;
  const rightRecord: Record<string, unknown> = right;
  return fields.every((field) => leftRecord[field] === rightRecord[field]);
}

/**
 * `isSafeToAdoptMainStoreOAuthIdentity`: same provider, and either the same credential, a legacy login without
 * identity (anything may be adopted), or a matching account id or email.
 */
function isSafeToAdoptMainStoreOAuthIdentity(legacy: OAuthCredential, incoming: OAuthCredential): boolean {
  if (legacy.provider !== incoming.provider) return false;
  if (areOAuthCredentialsEquivalent(legacy, incoming)) return true;
  if (!hasOAuthIdentity(legacy)) return true;
  return isSafeToCopyOAuthIdentity(legacy, incoming);
}

/** `hasComparableOAuthIdentityConflict`: both carry an account id, or both an email, and they differ. */
function hasComparableOAuthIdentityConflict(legacy: OAuthCredential, candidate: OAuthCredential): boolean {
  const legacyAccount = identityToken(legacy.accountId);
  const candidateAccount = identityToken(candidate.accountId);
  if (legacyAccount !== undefined && candidateAccount !== undefined && legacyAccount !== candidateAccount)
    return true;
  const legacyEmail = emailToken(legacy.email);
  const candidateEmail = emailToken(candidate.email);
  return legacyEmail !== undefined && candidateEmail !== undefined && legacyEmail !== candidateEmail;
}

/**
 * The shared OAuth profiles of the legacy login's provider that could replace it (`findMainStoreOAuthReplacement`'s
 * candidates before the clock filters them): neither the legacy id itself nor a saved-but-inactive setup.
 */
export function sameProviderOAuthProfiles(
  legacyProfileId: string,
  legacy: OAuthCredential,
  sharedProfiles: Readonly<Record<string, AuthProfileCredential>>,
): [string, OAuthCredential][] {
  const provider = providerKey(legacy.provider);
  return Object.entries(sharedProfiles).flatMap(([profileId, credential]): [string, OAuthCredential][] =>
    profileId === legacyProfileId ||
    credential.type !== "oauth" ||
    isInactiveSetup(credential) ||
    providerKey(credential.provider) !== provider
      ? []
      : [[profileId, credential]],
  );
}

/**
 * `findMainStoreOAuthReplacement`: the shared profile an agent's legacy default login is replaced by, or
 * undefined. Candidates are newer usable logins of the provider, latest expiry first (then by id). One whose
 * identity is safe to adopt wins, unless the legacy login has no identity and several qualify (no way to tell
 * which account it was). Failing that, a legacy login that is still usable stays; an unusable one is replaced
 * only by the single candidate whose identity does not visibly conflict with it.
 */
export function findMainStoreOAuthReplacement(
  legacyProfileId: string,
  legacy: OAuthCredential,
  sharedProfiles: Readonly<Record<string, AuthProfileCredential>>,
  now: number,
): string | undefined {
  const candidates = sameProviderOAuthProfiles(legacyProfileId, legacy, sharedProfiles)
    .filter(([, credential]) => isNewerUsableOAuthCredential(legacy, credential, now))
    .sort(
      ([leftId, left], [rightId, right]) =>
        finiteExpiresOf(right) - finiteExpiresOf(left) || compareLocale(leftId, rightId),
    );
  const exactIdentity = candidates.filter(([, credential]) =>
    isSafeToAdoptMainStoreOAuthIdentity(legacy, credential),
  );
  if (exactIdentity.length > 0) {
    if (!hasOAuthIdentity(legacy) && exactIdentity.length > 1) return undefined;
    return exactIdentity[0]?.[0];
  }
  if (hasUsableOAuthCredential(legacy, now)) return undefined;
  const fallback = candidates.filter(
    ([, credential]) => !hasComparableOAuthIdentityConflict(legacy, credential),
  );
  return fallback.length === 1 ? fallback[0]?.[0] : undefined;
}
