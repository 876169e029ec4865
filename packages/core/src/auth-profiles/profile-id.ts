/**
 * Auth profile ids (facts §2.3): `<provider>:<name>`. OpenClaw's own defaults are `<provider>:default`
 * (onboarding, OAuth without email), `<provider>:manual` (paste-token / paste-api-key) and
 * `<provider>:<email>` (OAuth with email).
 */

export type ProfileIdParts = { provider: string; name: string };

/** Splits at the first colon; null when either side is empty. The provider part is lower-cased. */
export function parseProfileId(profileId: string): ProfileIdParts | null {
  const separator = profileId.indexOf(":");
  if (separator <= 0 || separator === profileId.length - 1) return null;
  return {
    provider: profileId.slice(0, separator).trim().toLowerCase(),
    name: profileId.slice(separator + 1),
  };
}

/** `<provider>:default`. */
export function defaultProfileId(provider: string): string {
  return `${provider.toLowerCase()}:default`;
}

/** `<provider>:manual`, what paste-token and paste-api-key write without `--profile-id`. */
export function manualProfileId(provider: string): string {
  return `${provider.toLowerCase()}:manual`;
}

/** `<provider>:<email>` for an OAuth sign-in that reports an email, else `<provider>:default`. */
export function oauthProfileId(provider: string, email?: string): string {
  const trimmed = email?.trim();
  return trimmed ? `${provider.toLowerCase()}:${trimmed}` : defaultProfileId(provider);
}

/**
 * A token profile id with its name normalized as OpenClaw does (`buildTokenProfileId`): lower case, only
 * `[a-z0-9._-]`; other runs become one `-`, and an empty result falls back to `default`.
 */
export function tokenProfileId(provider: string, name: string): string {
  const normalized = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/gu, "-")
    .replace(/^-+|-+$/gu, "");
  return `${provider.toLowerCase()}:${normalized === "" ? "default" : normalized}`;
}

/** Legacy provider prefixes that `openclaw doctor` renames (facts §2.3). */
const LEGACY_PROVIDER_RENAMES: Readonly<Record<string, string>> = { "openai-codex": "openai" };

/** The id after doctor's migration: `openai-codex:*` → `openai:*`; other ids unchanged. */
export function migrateLegacyProfileId(profileId: string): string {
  const parts = parseProfileId(profileId);
  const renamed = parts ? LEGACY_PROVIDER_RENAMES[parts.provider] : undefined;
  return parts && renamed ? `${renamed}:${parts.name}` : profileId;
}
