/** The team's re-auth webhook, as admins manage it: its settings and recent deliveries, saving, removing. */
import { DomainError } from "@clawfleet/core/domain-error";
import { REAUTH_WEBHOOK_EVENTS } from "@clawfleet/core/reauth/reauth-webhook-event";
import { webhookDestinationProblem } from "@clawfleet/core/webhooks/webhook-destination";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { inTransaction } from "@clawfleet/db/client";
import { listRecentOutboxJobs } from "@clawfleet/db/outbox.repository";
import {
  type TeamWebhookSummary,
  findTeamWebhook,
  removeTeamWebhook,
  saveTeamWebhook,
} from "@clawfleet/db/reauth-webhook.repository";
import type { Caller, ServiceDeps, TeamScope } from "../service-context";

/** What the audit trail keeps of a webhook. why: only the origin; hook URLs often carry a token (Slack). */
function auditedWebhook(webhook: TeamWebhookSummary | null) {
  return webhook
    ? { origin: new URL(webhook.url).origin, secretHint: webhook.secretHint, version: webhook.version }
    : undefined;
}

/** Its URL, the signing secret's last 4, the events it receives, and the 20 latest deliveries. */
export async function readWebhookSettings({ db }: Pick<ServiceDeps, "db">, { teamId }: TeamScope) {
  return {
    webhook: await findTeamWebhook(db, { teamId }),
    events: REAUTH_WEBHOOK_EVENTS,
    deliveries: await listRecentOutboxJobs(db, { teamId, kinds: ["webhook"], limit: 20 }),
  };
}

/**
 * Sets the URL; a new webhook or `rotateSecret` returns a fresh signing secret, shown only here. A URL naming a
 * non-public address (outside the install's `allowedNetworks`) is refused here already; the delivery checks
 * every resolved address again.
 */
export function saveWebhook(
  { db, secretBox }: Pick<ServiceDeps, "db" | "secretBox">,
  caller: Caller,
  {
    allowedNetworks,
    ...input
  }: {
    url: string;
    expectedVersion: number | null;
    rotateSecret: boolean;
    allowedNetworks: readonly string[];
  },
) {
  const problem = webhookDestinationProblem(input.url, allowedNetworks);
  if (problem) return Promise.reject(new DomainError("INVALID_INPUT", problem));
  return inTransaction(db, async (tx) => {
    const saved = await saveTeamWebhook(tx, secretBox, { teamId: caller.teamId, ...input });
    await recordAuditEvent(tx, {
      ...caller,
      action: "webhook.update",
      target: { type: "team_webhook", id: caller.teamId },
      before: auditedWebhook(saved.before),
      after: { ...auditedWebhook(saved.after), secretRotated: saved.signingSecret !== null },
    });
    return { webhook: saved.after, signingSecret: saved.signingSecret };
  });
}

export function removeWebhook(
  { db }: Pick<ServiceDeps, "db">,
  caller: Caller,
  { expectedVersion }: { expectedVersion: number },
) {
  return inTransaction(db, async (tx) => {
    const removed = await removeTeamWebhook(tx, { teamId: caller.teamId, expectedVersion });
    await recordAuditEvent(tx, {
      ...caller,
      action: "webhook.remove",
      target: { type: "team_webhook", id: caller.teamId },
      before: auditedWebhook(removed),
    });
    return { removed: true };
  });
}
