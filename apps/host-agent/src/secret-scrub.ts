// Keeps a secret out of anything that leaves this process. OpenClaw's CLI normally masks secrets itself, but its
// output and errors are not ours to trust: every text from a run that was handed a secret passes through here.

const REDACTED = "[redacted]";

/** `text` with every occurrence of each secret (and of its trimmed form) replaced by `[redacted]`. */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    needles.add(secret);
    const trimmed = secret.trim();
    if (trimmed.length > 0) needles.add(trimmed);
  }
  // Longest first, so a trimmed form never leaves the tail of a longer one behind.
  let scrubbed = text;
  for (const needle of [...needles].sort((left, right) => right.length - left.length))
    scrubbed = scrubbed.split(needle).join(REDACTED);
  return scrubbed;
}
