import type { ConfigAuthProfile } from "../openclaw-config/openclaw-config.schema";
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

/**
 * A pasted onboarding command instead of a key, e.g. `openclaw onboard … --auth-choice apiKey` (facts §2.6;
 * `isMalformedApiKeyInput`).
 */
export function looksLikeOnboardCommand(value: string): boolean {
  return /^openclaw\s+onboard(?:\s+.*)?\s+--auth-choice(?:\s|=|$)/iu.test(value.trim());
}

/** A secret string as OpenClaw reads it: present only when something other than whitespace is left. */
function hasSecretText(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== "";
}

function expiryProblem(expires: number | undefined, now: number): IneligibleReason | null {
  if (expires === undefined) return null;
  if (!isValidExpires(expires)) return "invalid_expires";
  return expires <= now ? "expired" : null;
}

/**
 * A saved-but-inactive setup: a credential whose `setup` record carries a `replacement` is never selected
 * (`isSetupCredentialAccessible`); a `setup` record without one does not block the profile.
 */
export function isInactiveSetup(credential: AuthProfileCredential): boolean {
  const setup = credential.setup;
  return (
    setup !== null && typeof setup === "object" && Boolean((setup as { replacement?: unknown }).replacement)
  );
}

const REFRESH_FENCE_ACCESS =
  /^openclaw-oauth-refresh-fence:v1:([a-f0-9]{32}):(failed:)?access:[a-f0-9]{64}$/u;
const REFRESH_FENCE_REFRESH =
  /^openclaw-oauth-refresh-fence:v1:([a-f0-9]{32}):(failed:)?refresh:[a-f0-9]{64}$/u;

/**
 * The inert marker OpenClaw stores in place of an OAuth credential while it refreshes it, and keeps when the
 * refresh fails (`isOAuthRefreshFence`, `credential-state.ts`): `expires` 1 and access and refresh markers of
 * one claim, both failed or neither. It holds no usable secret.
 */
export function isOAuthRefreshFence(credential: AuthProfileCredential): boolean {
  if (credential.type !== "oauth" || credential.expires !== 1) return false;
  const access = REFRESH_FENCE_ACCESS.exec(credential.access ?? "");
  const refresh = REFRESH_FENCE_REFRESH.exec(credential.refresh ?? "");
  return access !== null && refresh !== null && access[1] === refresh[1] && access[2] === refresh[2];
}

/**
 * What is wrong with the stored credential itself, or null when OpenClaw may select it
 * (`evaluateStoredCredentialEligibility`, facts §2.4 step 2). API keys need a key or a `keyRef` and must not be
 * a pasted onboarding command; tokens need a token or a `tokenRef` and, when they carry `expires`, a valid
 * future one; OAuth needs an access or a refresh token and nothing more: an expired access token stays
 * selectable (OpenClaw refreshes it, or tries to, on use), so its expiry only shows in the health; a refresh
 * fence in its place is `expired`. A SecretRef counts as configured without being resolved.
 */
export function findCredentialProblem(
  credential: AuthProfileCredential,
  now: number,
): IneligibleReason | null {
  if (isInactiveSetup(credential)) return "setup_inactive";
  switch (credential.type) {
    case "api_key":
      if (hasSecretText(credential.key) && looksLikeOnboardCommand(credential.key))
        return "malformed_api_key";
      return hasSecretText(credential.key) || credential.keyRef ? null : "missing_credential";
    case "token":
      if (!hasSecretText(credential.token) && !credential.tokenRef) return "missing_credential";
      return expiryProblem(credential.expires, now);
    case "oauth":
      if (isOAuthRefreshFence(credential)) return "expired";
      return hasSecretText(credential.access) || hasSecretText(credential.refresh)
        ? null
        : "missing_credential";
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
 * Full eligibility of a profile id for `provider` (`resolveAuthProfileEligibility`, facts §2.4 step 2, §2.6),
 * first that applies: absent from the (merged) store, an inactive saved setup, stored for another provider,
 * declared in config `auth.profiles` for another provider or with a `mode` that does not fit the stored
 * `type`, then {@link findCredentialProblem}.
 */
export function findEligibilityProblem(input: {
  provider: string;
  credential: AuthProfileCredential | undefined;
  configProfile: ConfigAuthProfile | undefined;
  now: number;
}): IneligibleReason | null {
  const { credential, configProfile } = input;
  const provider = input.provider.toLowerCase();
  if (!credential) return "profile_missing";
  if (isInactiveSetup(credential)) return "setup_inactive";
  if (credential.provider !== provider) return "provider_mismatch";
  if (configProfile) {
    if (configProfile.provider.trim().toLowerCase() !== provider) return "provider_mismatch";
    if (!modeMatchesType(configProfile.mode, credential.type)) return "mode_mismatch";
  }
  return findCredentialProblem(credential, input.now);
}
