import type { ConfigAuthProfile } from "../openclaw-config/openclaw-config.schema";
import type { AuthProfileType } from "./auth-store.schema";
import type { MergedAuthProfile } from "./auth-store-merge";
import {
  type IneligibleReason,
  findCredentialProblem,
  isInactiveSetup,
  isValidExpires,
} from "./profile-eligibility";
import { profileDisplayLabel } from "./profile-labels";

/** `DEFAULT_OAUTH_WARN_MS`: tokens expiring within 24 h are reported as `expiring` (facts §1.3). */
export const DEFAULT_OAUTH_WARN_MS = 86_400_000;
/** OpenClaw refreshes OAuth access tokens this long before they expire (facts §4). */
export const OAUTH_REFRESH_MARGIN_MS = 5 * 60_000;

export type AuthHealthStatus = "ok" | "expiring" | "expired" | "missing" | "static";

/** `auth.oauth.profiles[]` (`buildAuthHealthSummary`, facts §1.3), keys in the CLI's order. */
export type ProfileHealth = {
  profileId: string;
  provider: string;
  type: AuthProfileType;
  status: AuthHealthStatus;
  reasonCode?: IneligibleReason;
  expiresAt?: number;
  remainingMs?: number;
  source: "store";
  label: string;
};

/** `auth.oauth.providers[]`, keys in the CLI's order. */
export type ProviderHealth = {
  provider: string;
  status: AuthHealthStatus;
  profiles: ProfileHealth[];
  effectiveProfiles: ProfileHealth[];
  expiresAt?: number;
  remainingMs?: number;
};

/**
 * The health label (`resolveAuthProfileDisplayLabel`): `<id>` or `<id> (<owner>)` (see `profileOwnerText`), plus
 * ` (saved, inactive)` for an inactive saved setup.
 */
export function healthLabel(profile: MergedAuthProfile, configProfile?: ConfigAuthProfile): string {
  const base = profileDisplayLabel(profile, configProfile);
  return isInactiveSetup(profile.credential) ? `${base} (saved, inactive)` : base;
}

/**
 * The instant from which a token or OAuth profile expiring at `expiresAt` reads `expiring` (facts §1.3):
 * `warnAfterMs` before the expiry, and for OAuth at least the refresh margin before it.
 */
export function expiringFrom(
  type: "token" | "oauth",
  expiresAt: number,
  warnAfterMs: number = DEFAULT_OAUTH_WARN_MS,
): number {
  return expiresAt - (type === "oauth" ? Math.max(warnAfterMs, OAUTH_REFRESH_MARGIN_MS) : warnAfterMs);
}

type HealthVerdict = Pick<ProfileHealth, "status" | "reasonCode" | "expiresAt">;

/**
 * `resolveOAuthStatus`: a valid future expiry is `ok`, or `expiring` from {@link expiringFrom} on; a past one is
 * `expired` and keeps its `expiresAt`; an absent or invalid one is `missing`, with neither reason nor expiry.
 */
function expiryVerdict(
  type: "token" | "oauth",
  expires: number | undefined,
  now: number,
  warnAfterMs: number,
): HealthVerdict {
  if (expires === undefined || !isValidExpires(expires)) return { status: "missing" };
  if (expires <= now) return { status: "expired", expiresAt: expires };
  return { status: now >= expiringFrom(type, expires, warnAfterMs) ? "expiring" : "ok", expiresAt: expires };
}

function verdictFor(profile: MergedAuthProfile, now: number, warnAfterMs: number): HealthVerdict {
  const { credential } = profile;
  const problem = findCredentialProblem(credential, now);
  if (problem === "setup_inactive") return { status: "missing", reasonCode: problem };
  switch (credential.type) {
    case "api_key":
      return problem === null ? { status: "static" } : { status: "missing", reasonCode: problem };
    case "token":
      // why: an ineligible token is reported without its expiry (fixture 02 `anthropic:old`), unlike OAuth.
      if (problem !== null)
        return { status: problem === "expired" ? "expired" : "missing", reasonCode: problem };
      if (credential.expires === undefined) return { status: "static" };
      return expiryVerdict("token", credential.expires, now, warnAfterMs);
    case "oauth":
      // why: an expired OAuth access token is still selectable, so it carries no reason code, only its expiry;
      // only a refresh fence (`isOAuthRefreshFence`) is ineligibly `expired`, with no expiry to show.
      if (problem !== null)
        return { status: problem === "expired" ? "expired" : "missing", reasonCode: problem };
      return expiryVerdict("oauth", credential.expires, now, warnAfterMs);
  }
}

/**
 * Health of one stored profile (`buildProfileHealth`, facts §1.3): api keys are `static` (or `missing` with the
 * reason); tokens are `static` without an expiry, `expired`/`missing` with the reason when ineligible, else
 * `ok`/`expiring`; OAuth is `missing` without secrets, `expired` with the reason when a refresh fence holds
 * its place, else judged by its access token's expiry alone
 * (`ok`/`expiring`/`expired`, or `missing` when the expiry is absent or invalid). `remainingMs` is
 * `expiresAt − now`.
 */
export function buildProfileHealth(
  profile: MergedAuthProfile,
  options: { now: number; warnAfterMs?: number; configProfile?: ConfigAuthProfile },
): ProfileHealth {
  const verdict = verdictFor(profile, options.now, options.warnAfterMs ?? DEFAULT_OAUTH_WARN_MS);
  return {
    profileId: profile.profileId,
    provider: profile.credential.provider,
    type: profile.credential.type,
    status: verdict.status,
    ...(verdict.reasonCode === undefined ? {} : { reasonCode: verdict.reasonCode }),
    ...(verdict.expiresAt === undefined
      ? {}
      : { expiresAt: verdict.expiresAt, remainingMs: verdict.expiresAt - options.now }),
    source: "store",
    label: healthLabel(profile, options.configProfile),
  };
}

/**
 * A provider's roll-up over its effective profiles (`buildAuthHealthSummary`, facts §1.3): none → `missing`;
 * only API keys → `missing` if one is, else `static`; with tokens or OAuth the first of `expired` (a token or
 * OAuth profile) > `missing` (any profile, API keys included) > `expiring` > `ok`, and `expiresAt` is the
 * earliest expiry among the effective token/OAuth profiles.
 */
export function rollUpProviderHealth(
  effectiveProfiles: readonly ProfileHealth[],
  now: number,
): Pick<ProviderHealth, "status" | "expiresAt" | "remainingMs"> {
  if (effectiveProfiles.length === 0) return { status: "missing" };
  const hasMissing = effectiveProfiles.some((profile) => profile.status === "missing");
  const subscriptions = effectiveProfiles.filter((profile) => profile.type !== "api_key");
  if (subscriptions.length === 0) return { status: hasMissing ? "missing" : "static" };
  const has = (status: AuthHealthStatus) => subscriptions.some((profile) => profile.status === status);
  const status: AuthHealthStatus = has("expired")
    ? "expired"
    : hasMissing
      ? "missing"
      : has("expiring")
        ? "expiring"
        : "ok";
  const expiries = subscriptions.flatMap((profile) =>
    profile.expiresAt === undefined ? [] : [profile.expiresAt],
  );
  if (expiries.length === 0) return { status };
  const expiresAt = Math.min(...expiries);
  return { status, expiresAt, remainingMs: expiresAt - now };
}
