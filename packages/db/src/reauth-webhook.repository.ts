/**
 * A team's webhook for re-auth events. The signing secret is encrypted like a credential, bound to its
 * team, because deliveries must read it back to sign; it leaves this file only to the delivery code and,
 * once, to the admin who set it.
 */
import { randomBytes } from "node:crypto";
import { DomainError } from "@clawfleet/core/domain-error";
import type { Db } from "./client";
import type { SecretBox } from "./secret-box";

export type TeamWebhookSummary = { url: string; secretHint: string; version: number; updatedAt: Date };

function signingSecretBinding(teamId: string): string {
  return `${teamId}|team-webhook|signing-secret`;
}

export async function findTeamWebhook(
  db: Db,
  { teamId }: { teamId: string },
): Promise<TeamWebhookSummary | null> {
  return db.teamWebhook.findUnique({
    where: { teamId },
    select: { url: true, secretHint: true, version: true, updatedAt: true },
  });
}

/**
 * Sets the URL. A new webhook, or `rotateSecret`, gets a fresh signing secret (returned once); otherwise
 * the secret stays. `expectedVersion` guards edits (null: the caller saw no webhook).
 */
export async function saveTeamWebhook(
  tx: Db,
  box: SecretBox,
  {
    teamId,
    url,
    expectedVersion,
    rotateSecret,
  }: { teamId: string; url: string; expectedVersion: number | null; rotateSecret: boolean },
): Promise<{ before: TeamWebhookSummary | null; after: TeamWebhookSummary; signingSecret: string | null }> {
  const before = await findTeamWebhook(tx, { teamId });
  if ((before?.version ?? null) !== expectedVersion)
    throw new DomainError(
      "CONFLICT",
      before
        ? `The webhook changed since you loaded it (version ${expectedVersion ?? "none"}, now ${before.version}). Reload and try again.`
        : "The webhook was removed since you loaded it. Reload and try again.",
    );
  const signingSecret = !before || rotateSecret ? `cfwh_${randomBytes(32).toString("base64url")}` : null;
  const secretColumns = signingSecret
    ? {
        secretCiphertext: box.encrypt(signingSecret, signingSecretBinding(teamId)),
        secretHint: signingSecret.slice(-4),
      }
    : {};
  if (before) {
    const { count } = await tx.teamWebhook.updateMany({
      where: { teamId, version: before.version },
      data: { url, ...secretColumns, version: { increment: 1 } },
    });
    if (count === 0)
      throw new DomainError("CONFLICT", "The webhook changed meanwhile. Reload and try again.");
  } else if (signingSecret) {
    await tx.teamWebhook.create({
      data: {
        teamId,
        url,
        secretCiphertext: box.encrypt(signingSecret, signingSecretBinding(teamId)),
        secretHint: signingSecret.slice(-4),
      },
    });
  }
  const after = await findTeamWebhook(tx, { teamId });
  if (!after) throw new DomainError("CONFLICT", "The webhook was removed meanwhile. Reload and try again.");
  return { before, after, signingSecret };
}

export async function removeTeamWebhook(
  tx: Db,
  { teamId, expectedVersion }: { teamId: string; expectedVersion: number },
): Promise<TeamWebhookSummary> {
  const before = await findTeamWebhook(tx, { teamId });
  if (!before) throw new DomainError("NOT_FOUND", "This team has no webhook.");
  const { count } = await tx.teamWebhook.deleteMany({ where: { teamId, version: expectedVersion } });
  if (count === 0)
    throw new DomainError(
      "CONFLICT",
      `The webhook changed since you loaded it (version ${expectedVersion}, now ${before.version}). Reload and try again.`,
    );
  return before;
}

/** For the delivery code only: where to send, and the secret to sign with. */
export async function readWebhookForDelivery(
  db: Db,
  box: SecretBox,
  { teamId }: { teamId: string },
): Promise<{ url: string; signingSecret: string } | null> {
  const row = await db.teamWebhook.findUnique({
    where: { teamId },
    select: { url: true, secretCiphertext: true },
  });
  return row
    ? { url: row.url, signingSecret: box.decrypt(row.secretCiphertext, signingSecretBinding(teamId)) }
    : null;
}
