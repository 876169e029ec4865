import type { ConfigAuthProfile } from "../openclaw-config/openclaw-config.schema";
import type { AuthProfileType } from "./auth-store.schema";
import type { MergedAuthProfile } from "./auth-store-merge";
import { type EnvValues, type IneligibleReason, findCredentialProblem } from "./profile-eligibility";

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

/** `<id>` or `<id> (<displayName or email>)`, plus ` (saved, inactive)` for an inactive saved setup. */
export function healthLabel(profile: MergedAuthProfile, configProfile?: ConfigAuthProfile): string {
  const { credential } = profile;
  const who =
    credential.displayName ?? credential.email ?? configProfile?.displayName ?? configProfile?.email;
  const base = who ? `${profile.profileId} (${who})` : profile.profileId;
  return credential.setup === undefined ? base : `${base} (saved, inactive)`;
}

function expiringOrOk(expiresAt: number, now: number, warnAfterMs: number): "ok" | "expiring" {
  return expiresAt - now <= warnAfterMs ? "expiring" : "ok";
}

type HealthVerdict = Pick<ProfileHealth, "status" | "reasonCode" | "expiresAt">;

function tokenVerdict(
  problem: IneligibleReason | null,
  expires: number | undefined,
  now: number,
  warnAfterMs: number,
) {
  // why: an ineligible token is reported without its expiry (fixture 02 `anthropic:old`), unlike OAuth.
  if (problem === "expired") return { status: "expired", reasonCode: problem } satisfies HealthVerdict;
  if (problem !== null) return { status: "missing", reasonCode: problem } satisfies HealthVerdict;
  if (expires === undefined) return { status: "static" } satisfies HealthVerdict;
  return { status: expiringOrOk(expires, now, warnAfterMs), expiresAt: expires } satisfies HealthVerdict;
}

function oauthVerdict(
  problem: IneligibleReason | null,
  expires: number | undefined,
  now: number,
  warnAfterMs: number,
) {
  if (problem !== null && problem !== "expired")
    return { status: "missing", reasonCode: problem } satisfies HealthVerdict;
  // why: an expired OAuth access token keeps `expiresAt` and a negative `remainingMs` (facts §1.3, sample 10).
  const expiresAt = expires ?? 0;
  if (expiresAt <= now) {
    return {
      status: "expired",
      expiresAt,
      ...(problem === null ? {} : { reasonCode: problem }),
    } satisfies HealthVerdict;
  }
  const oauthWarnMs = Math.max(warnAfterMs, OAUTH_REFRESH_MARGIN_MS);
  return { status: expiringOrOk(expiresAt, now, oauthWarnMs), expiresAt } satisfies HealthVerdict;
}

function verdictFor(
  profile: MergedAuthProfile,
  now: number,
  env: EnvValues,
  warnAfterMs: number,
): HealthVerdict {
  const { credential } = profile;
  const problem = findCredentialProblem(credential, now, env);
  if (problem === "setup_inactive") return { status: "missing", reasonCode: problem };
  switch (credential.type) {
    case "api_key":
      return problem === null ? { status: "static" } : { status: "missing", reasonCode: problem };
    case "token":
      return tokenVerdict(problem, credential.expires, now, warnAfterMs);
    case "oauth":
      return oauthVerdict(problem, credential.expires, now, warnAfterMs);
  }
}

/**
 * Health of one stored profile (facts §1.3): api keys are `static` (or `missing`); tokens are `static`
 * without an expiry, else `ok`/`expiring` (within `warnAfterMs`), and `expired`/`missing` when ineligible;
 * OAuth is `ok`/`expiring`/`expired`/`missing`. `remainingMs` is `expiresAt − now`.
 */
export function buildProfileHealth(
  profile: MergedAuthProfile,
  options: { now: number; env: EnvValues; warnAfterMs?: number; configProfile?: ConfigAuthProfile },
): ProfileHealth {
  const verdict = verdictFor(profile, options.now, options.env, options.warnAfterMs ?? DEFAULT_OAUTH_WARN_MS);
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

const SUBSCRIPTION_SEVERITY: readonly AuthHealthStatus[] = ["expired", "missing", "expiring"];

/**
 * A provider's roll-up over its effective profiles (facts §1.3): none → `missing`; only API keys → `static`
 * (or `missing` if one is); with tokens or OAuth the worst of `expired` > `missing` > `expiring` > `ok`,
 * and `expiresAt` is the earliest expiry among the effective token/OAuth profiles.
 */
export function rollUpProviderHealth(
  effectiveProfiles: readonly ProfileHealth[],
  now: number,
): Pick<ProviderHealth, "status" | "expiresAt" | "remainingMs"> {
  if (effectiveProfiles.length === 0) return { status: "missing" };
  const subscriptions = effectiveProfiles.filter((profile) => profile.type !== "api_key");
  if (subscriptions.length === 0) {
    return {
      status: effectiveProfiles.some((profile) => profile.status === "missing") ? "missing" : "static",
    };
  }
  const status =
    SUBSCRIPTION_SEVERITY.find((level) => subscriptions.some((profile) => profile.status === level)) ?? "ok";
  const expiries = subscriptions.flatMap((profile) =>
    profile.expiresAt === undefined ? [] : [profile.expiresAt],
  );
  if (expiries.length === 0) return { status };
  const expiresAt = Math.min(...expiries);
  return { status, expiresAt, remainingMs: expiresAt - now };
}
