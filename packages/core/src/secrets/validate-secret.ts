/**
 * Checks on a credential an admin pastes, before it is stored or pushed to a gateway. Setup-token rules and
 * messages are OpenClaw's own (`paste-token`, facts §4, §6); the rest refuse what is plainly not a secret:
 * a value copied from a masked display, a placeholder, stray whitespace or control characters.
 */

export const SETUP_TOKEN_PREFIX = "sk-ant-oat01-";
export const SETUP_TOKEN_MIN_LENGTH = 80;
export const ANTHROPIC_API_KEY_PREFIX = "sk-ant-api03-";
/** Far beyond any real key or token; longer input is a paste accident. */
export const SECRET_MAX_LENGTH = 4096;

export const SECRET_MESSAGES = {
  required: "Required",
  setupTokenPrefix: "Expected token starting with sk-ant-oat01-",
  setupTokenTooShort: "Token looks too short; paste the full setup-token",
  masked:
    'This is a masked value (as OpenClaw displays secrets, with "..."), not the secret itself; paste the full value',
  placeholder: "This looks like a placeholder, not a real secret",
  envReference: "This is an environment variable reference, not its value; paste the value itself",
  internalWhitespace: "Remove the spaces or line breaks inside the value",
  controlCharacters: "The value contains control characters; paste it again as plain text",
  nonAscii:
    "The value contains non-ASCII characters (a look-alike letter or a smart quote?); paste it again as plain text",
  tooLong: `The value is longer than ${SECRET_MAX_LENGTH} characters, which no credential is`,
} as const;

export const SECRET_WARNINGS = {
  apiKeyPrefix: "Anthropic API keys start with sk-ant-api03-; check that this is the key you meant",
  setupTokenAsApiKey: "This looks like a setup-token (sk-ant-oat01-); save it as a token profile instead",
} as const;

export type SecretValidation =
  { ok: true; value: string; warnings: string[] } | { ok: false; message: string };

const KNOWN_PREFIXES = [
  SETUP_TOKEN_PREFIX,
  ANTHROPIC_API_KEY_PREFIX,
  "sk-ant-ort01-",
  "sk-proj-",
  "sk-or-v1-",
  "sk-",
];

const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set([
  "changeme",
  "change-me",
  "change_me",
  "placeholder",
  "dummy",
  "example",
  "test",
  "secret",
  "password",
  "none",
  "null",
  "undefined",
  "todo",
  "tbd",
  "key",
  "token",
  "apikey",
  "api-key",
]);

function withoutKnownPrefix(value: string): string {
  const prefix = KNOWN_PREFIXES.find((candidate) => value.toLowerCase().startsWith(candidate));
  return prefix === undefined ? value : value.slice(prefix.length);
}

/** True for `REDACTED`, `xxx…`, `your-key-here`, `<api key>`, `changeme` and their kin, with or without a vendor prefix. */
export function looksLikePlaceholder(value: string): boolean {
  const lower = value.toLowerCase();
  const body = withoutKnownPrefix(lower);
  return (
    lower.includes("redacted") ||
    (lower.includes("<") && lower.includes(">")) ||
    /your[-_ ]?(api[-_ ]?)?(key|token|secret)/u.test(lower) ||
    /(key|token|secret)[-_ ]?here/u.test(lower) ||
    PLACEHOLDER_WORDS.has(lower) ||
    PLACEHOLDER_WORDS.has(body) ||
    body.startsWith("xxx") ||
    /^[x*._-]+$/u.test(body)
  );
}

/** OpenClaw's mask shape `first…` + `...` + `…last` (or a typographic ellipsis) anywhere in the value. */
export function looksMasked(value: string): boolean {
  return value.includes("...") || value.includes("\u2026");
}

function hasControlCharacters(value: string): boolean {
  return [...value].some((char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });
}

/** Refusals shared by every secret kind, in the order a person would want to hear them. */
function findCommonRefusal(value: string): string | null {
  if (value === "") return SECRET_MESSAGES.required;
  if (hasControlCharacters(value)) return SECRET_MESSAGES.controlCharacters;
  if (value.length > SECRET_MAX_LENGTH) return SECRET_MESSAGES.tooLong;
  if (looksMasked(value)) return SECRET_MESSAGES.masked;
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/u.test(value)) return SECRET_MESSAGES.envReference;
  if (/[^\x20-\x7e]/u.test(value)) return SECRET_MESSAGES.nonAscii;
  if (looksLikePlaceholder(value)) return SECRET_MESSAGES.placeholder;
  return null;
}

/**
 * An Anthropic setup-token as `openclaw models auth paste-token` accepts it (facts §4): all whitespace is
 * stripped (tokens are often pasted with line breaks), then it must start with `sk-ant-oat01-` and be at
 * least 80 characters long, with OpenClaw's messages (`Required`, `Expected token starting with
 * sk-ant-oat01-`, `Token looks too short; paste the full setup-token`). Masked values, placeholders and
 * control characters are refused first.
 */
export function validateSetupToken(raw: string): SecretValidation {
  const value = raw.replace(/[ \t\n\r\f\v\u00a0\u2028\u2029]+/gu, "");
  const refusal = findCommonRefusal(value);
  if (refusal !== null) return { ok: false, message: refusal };
  if (!value.startsWith(SETUP_TOKEN_PREFIX)) return { ok: false, message: SECRET_MESSAGES.setupTokenPrefix };
  if (value.length < SETUP_TOKEN_MIN_LENGTH)
    return { ok: false, message: SECRET_MESSAGES.setupTokenTooShort };
  return { ok: true, value, warnings: [] };
}

/**
 * An API key: surrounding whitespace is trimmed, internal whitespace refused, and the common refusals
 * apply. OpenClaw itself does not check Anthropic's prefix (facts §4), so a missing `sk-ant-api03-` is a
 * warning, not an error; a setup-token pasted as an API key gets its own warning.
 */
export function validateApiKey(raw: string, provider = "anthropic"): SecretValidation {
  const value = raw.trim();
  if (/\s/u.test(value)) return { ok: false, message: SECRET_MESSAGES.internalWhitespace };
  const refusal = findCommonRefusal(value);
  if (refusal !== null) return { ok: false, message: refusal };
  const warnings: string[] = [];
  if (provider.toLowerCase() === "anthropic") {
    if (value.startsWith(SETUP_TOKEN_PREFIX)) warnings.push(SECRET_WARNINGS.setupTokenAsApiKey);
    else if (!value.startsWith(ANTHROPIC_API_KEY_PREFIX)) warnings.push(SECRET_WARNINGS.apiKeyPrefix);
  }
  return { ok: true, value, warnings };
}
