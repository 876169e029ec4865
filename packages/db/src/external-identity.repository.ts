/** Accounts' identities at OpenID providers: (issuer, subject) → user. */
import type { Db } from "./client";

export async function findUserIdByExternalIdentity(
  db: Db,
  { issuer, subject }: { issuer: string; subject: string },
): Promise<string | null> {
  const row = await db.externalIdentity.findUnique({
    where: { issuer_subject: { issuer, subject } },
    select: { userId: true },
  });
  return row?.userId ?? null;
}

/** The subject this account is bound to at `issuer`, if any. */
export async function findSubjectOfUserAtIssuer(
  db: Db,
  { userId, issuer }: { userId: string; issuer: string },
): Promise<string | null> {
  const row = await db.externalIdentity.findUnique({
    where: { userId_issuer: { userId, issuer } },
    select: { subject: true },
  });
  return row?.subject ?? null;
}

export async function linkExternalIdentity(
  tx: Db,
  data: { issuer: string; subject: string; userId: string },
): Promise<void> {
  await tx.externalIdentity.create({ data });
}
