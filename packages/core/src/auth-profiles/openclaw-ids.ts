import { z } from "zod";

/**
 * Which provider and profile ids the console accepts, on every way in (imports, host reports, ingest,
 * forms). The rules are OpenClaw 2026.9.6's own:
 * - a provider id is normalised by trimming and lower-casing (`normalizeProviderId`), and OpenClaw only
 *   renders one into a command when it matches `SAFE_PROVIDER_ID_RE = /^[a-z0-9][a-z0-9._-]*$/`
 *   (`oauth-refresh-failure`, `sanitizeOAuthRefreshFailureProvider`);
 * - a profile id is `<provider>:<name>` (facts §2.3). `openclaw secrets configure` allows letters, digits,
 *   `:`, `_` and `-` (`AUTH_PROFILE_ID_PATTERN`, at most 128 characters); OAuth logins add the account's
 *   email (`openai:user@example.com`) and token names keep `.` (`buildTokenProfileId`), so `.`, `@` and `+`
 *   are accepted in the name too. The config and the stores take any key, and the real CLI reads
 *   `anthropic:Work Team` and quotes it in the commands it prints, so single spaces between words are
 *   accepted as well (the console quotes every command it renders, `shell/command-line.ts`). Nothing else a
 *   shell treats specially (quotes, `$`, backticks, `;`, newlines, non-ASCII) is, so an id the console keeps
 *   stays plain text in every message and command.
 */

export const PROVIDER_ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/u;
export const MAX_PROVIDER_ID_LENGTH = 64;
// why: a space only between other characters, so no id gains or loses meaning by trimming.
const PROFILE_NAME_PATTERN = /^[A-Za-z0-9_](?:[A-Za-z0-9._@+: -]*[A-Za-z0-9._@+:-])?$/u;
export const MAX_PROFILE_ID_LENGTH = 200;

export const PROVIDER_ID_RULE =
  "OpenClaw provider ids are lower-case letters, digits, '.', '_' and '-', starting with a letter or digit";
export const PROFILE_ID_RULE =
  "OpenClaw profile ids are <provider>:<name>, the name made of letters, digits, spaces between them, '.', '_', '-', '@', '+' and ':'";

/** An id as a message may quote it: escaped, so a newline or a control character cannot forge a line. */
function shown(id: string): string {
  return JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}…` : id);
}

/** Why `provider` is not an OpenClaw provider id (as stored: already trimmed and lower-cased), or null. */
export function providerIdProblem(provider: string): string | null {
  if (provider.length > MAX_PROVIDER_ID_LENGTH)
    return `Provider id ${shown(provider)} is longer than ${MAX_PROVIDER_ID_LENGTH} characters.`;
  if (!PROVIDER_ID_PATTERN.test(provider))
    return `Provider id ${shown(provider)} is refused: ${PROVIDER_ID_RULE}.`;
  return null;
}

/** Why `profileId` is not an OpenClaw profile id, or null. */
export function profileIdProblem(profileId: string): string | null {
  if (profileId.length > MAX_PROFILE_ID_LENGTH)
    return `Profile id ${shown(profileId)} is longer than ${MAX_PROFILE_ID_LENGTH} characters.`;
  const separator = profileId.indexOf(":");
  const provider = separator > 0 ? profileId.slice(0, separator) : "";
  const name = separator > 0 ? profileId.slice(separator + 1) : "";
  if (!PROVIDER_ID_PATTERN.test(provider.toLowerCase()) || !PROFILE_NAME_PATTERN.test(name))
    return `Profile id ${shown(profileId)} is refused: ${PROFILE_ID_RULE}.`;
  return null;
}

/** A provider id in a schema, checked as OpenClaw normalises it (trimmed, lower-cased) and kept as given. */
export const providerIdSchema = z.string().superRefine((provider, context) => {
  const problem = providerIdProblem(provider.trim().toLowerCase());
  if (problem) context.addIssue({ code: "custom", message: problem });
});

/** A profile id in a schema, checked as is (OpenClaw keeps its case). */
export const profileIdSchema = z.string().superRefine((profileId, context) => {
  const problem = profileIdProblem(profileId);
  if (problem) context.addIssue({ code: "custom", message: problem });
});
