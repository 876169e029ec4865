/**
 * One-time link tokens (invitations, re-auth hand-offs): 256 random bits in base64url, shown once; the
 * database keeps only their sha256, so a leaked table cannot be turned back into working links.
 */
import { createHash, randomBytes } from "node:crypto";

export function issueOneTimeToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashOneTimeToken(token) };
}

export function hashOneTimeToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
