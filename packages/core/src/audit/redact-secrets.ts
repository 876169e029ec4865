/**
 * Last line of defence for anything that is persisted or logged verbatim (audit snapshots, log lines):
 * replaces credential-looking strings by their kind, at any depth. Values meant for display should
 * already be masks or fingerprints; this catches what slipped through.
 */
const CREDENTIAL_PATTERNS: readonly [RegExp, string][] = [
  [/sk-ant-[a-z]{3}\d{2}-[A-Za-z0-9_-]{8,}/g, "[redacted anthropic credential]"],
  [/\bsk-[A-Za-z0-9_-]{20,}/g, "[redacted api key]"],
  [/\bBearer\s+[A-Za-z0-9._~+/-]{8,}=*/gi, "Bearer [redacted]"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, "[redacted private key]"],
];

/** Keys whose values are secrets whatever they look like. */
const SECRET_KEY_NAMES = new Set([
  "key",
  "token",
  "access",
  "refresh",
  "password",
  "secret",
  "apikey",
  "plaintext",
]);

export function redactSecretsInText(text: string): string {
  return CREDENTIAL_PATTERNS.reduce(
    (current, [pattern, replacement]) => current.replace(pattern, replacement),
    text,
  );
}

/** Redacts credential-looking strings and every string under a secret-named key, at any depth. */
export function redactSecrets(value: unknown): unknown {
  return redactDeep(value, true);
}

/**
 * Redacts credential-looking strings at any depth and keeps every key: for documents whose shape must
 * survive, such as a `models status` report a host posted (its labels should be masks, but a host can
 * send anything).
 */
export function redactCredentialStrings(value: unknown): unknown {
  return redactDeep(value, false);
}

function redactDeep(value: unknown, bySecretKeyName: boolean): unknown {
  if (typeof value === "string") return redactSecretsInText(value);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, bySecretKeyName));
  if (value instanceof Date) return value;
  if (value !== null && typeof value === "object") {
    const redacted: Record<string, unknown> = {};
    for (const [name, inner] of Object.entries(value)) {
      // why: a secret can be sent as a key too (e.g. inside `aliases`), and keys are stored and shown as well.
      const innerRedacted =
        bySecretKeyName && SECRET_KEY_NAMES.has(name.toLowerCase()) && typeof inner === "string"
          ? "[redacted]"
          : redactDeep(inner, bySecretKeyName);
      // why: defined, not assigned, so a `__proto__` key stays a plain key as JSON.parse made it.
      Object.defineProperty(redacted, uniqueKey(redacted, redactSecretsInText(name)), {
        value: innerRedacted,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return redacted;
  }
  return value;
}

/** `key`, or `key #2`, `key #3`… when two redacted keys would collide (neither value is lost). */
function uniqueKey(taken: Record<string, unknown>, key: string): string {
  if (!Object.hasOwn(taken, key)) return key;
  let index = 2;
  while (Object.hasOwn(taken, `${key} #${index}`)) index += 1;
  return `${key} #${index}`;
}
