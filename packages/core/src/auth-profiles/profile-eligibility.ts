import type { ConfigAuthProfile, SecretRef } from "../openclaw-config/openclaw-config.schema";
import type { AuthProfileCredential } from "./auth-store.schema";

/** Why OpenClaw will not select a profile (facts §2.6); also the probe/status `reasonCode`s. */
export type IneligibleReason =
  | "missing_credential"
  | "malformed_api_key"
  | "expired"
  | "invalid_expires"
  | "unresolved_ref"
  | "setup_inactive"
  | "provider_mismatch"
  | "mode_mismatch"
  | "profile_missing";

/** Environment variables as the caller read them; core never reads the process environment itself. */
export type EnvValues = Readonly<Record<string, string | undefined>>;

/** The largest expiry OpenClaw accepts: the maximum JavaScript date, in epoch ms. */
export const MAX_EXPIRES_MS = 8.64e15;

/** `expires` must be a finite number in (0, 8.64e15] (facts §1.3). */
export function isValidExpires(expires: number): boolean {
  return Number.isFinite(expires) && expires > 0 && expires <= MAX_EXPIRES_MS;
}

/** A pasted command line instead of a key, e.g. `openclaw onboard … --auth-choice apiKey` (facts §2.6). */
export function looksLikeOnboardCommand(value: string): boolean {
  return /--auth-choice\b/u.test(value) || /^\s*openclaw\s/u.test(value);
}

/** Only `env` refs can be checked without I/O; other sources are resolved on the host. */
function refProblem(ref: SecretRef, env: EnvValues): IneligibleReason | null {
  return ref.source === "env" && !env[ref.id] ? "unresolved_ref" : null;
}

function expiryProblem(expires: number | undefined, now: number): IneligibleReason | null {
  if (expires === undefined) return null;
  if (!isValidExpires(expires)) return "invalid_expires";
  return expires <= now ? "expired" : null;
}

/**
 * What is wrong with the stored credential itself, or null when it can be used (facts §2.4 step 2):
 * missing secrets, a malformed key, an unresolvable env ref, an invalid or past token expiry, an inactive
 * saved setup. An OAuth profile whose access token has expired stays eligible while it has a refresh token,
 * because OpenClaw refreshes it on use.
 */
export function findCredentialProblem(
  credential: AuthProfileCredential,
  now: number,
  env: EnvValues,
): IneligibleReason | null {
  if (credential.setup !== undefined) return "setup_inactive";
  switch (credential.type) {
    case "api_key":
      if (credential.key) return looksLikeOnboardCommand(credential.key) ? "malformed_api_key" : null;
      return credential.keyRef ? refProblem(credential.keyRef, env) : "missing_credential";
    case "token":
      if (!credential.token && !credential.tokenRef) return "missing_credential";
      if (!credential.token && credential.tokenRef) {
        const unresolved = refProblem(credential.tokenRef, env);
        if (unresolved) return unresolved;
      }
      return expiryProblem(credential.expires, now);
    case "oauth": {
      if (!credential.access && !credential.refresh) return "missing_credential";
      if (credential.expires === undefined || !isValidExpires(credential.expires)) return "invalid_expires";
      return credential.expires <= now && !credential.refresh ? "expired" : null;
    }
  }
}

/** Config `mode` must match the stored `type`; config `oauth` over a stored `token` is allowed (§2.4). */
export function modeMatchesType(
  mode: ConfigAuthProfile["mode"],
  type: AuthProfileCredential["type"],
): boolean {
  return mode === type || (mode === "oauth" && type === "token");
}

/**
 * Full eligibility of a profile id for `provider` (facts §2.4 step 2, §2.6): it must exist in the
 * (merged) store, belong to the provider, agree with its config `auth.profiles` mode, and pass
 * {@link findCredentialProblem}.
 */
export function findEligibilityProblem(input: {
  provider: string;
  credential: AuthProfileCredential | undefined;
  configProfile: ConfigAuthProfile | undefined;
  now: number;
  env: EnvValues;
}): IneligibleReason | null {
  const { credential, configProfile } = input;
  if (!credential) return "profile_missing";
  if (credential.provider !== input.provider.toLowerCase()) return "provider_mismatch";
  if (configProfile && !modeMatchesType(configProfile.mode, credential.type)) return "mode_mismatch";
  return findCredentialProblem(credential, input.now, input.env);
}
