import { hash, verify } from "@node-rs/argon2";

/** OWASP's argon2id floor: 19 MiB, 2 passes, 1 lane. */
// why: `Algorithm` is an ambient const enum, unusable under verbatimModuleSyntax; 2 is its Argon2id member.
const ARGON2ID = 2;
const ARGON2ID_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_OPTIONS);
}

/** A hash to verify against when the email is unknown, so both failures take the same time. */
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  decoyHash ??= hashPassword("clawfleet decoy password");
  const candidate = passwordHash ?? (await decoyHash);
  try {
    const matches = await verify(candidate, password);
    return matches && passwordHash !== null;
  } catch {
    return false;
  }
}
