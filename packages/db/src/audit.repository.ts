import type { AuditAction, AuditEventRecord } from "@clawfleet/core/audit/audit-event";
import { redactSecrets } from "@clawfleet/core/audit/redact-secrets";
import type { Db, Prisma } from "./client";

export type AuditEventInput = {
  teamId: string;
  actor: { id: string | null; label: string };
  action: AuditAction;
  target: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  requestId: string;
};

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  // why: snapshots may hold Dates; JSON round-trip stores them as ISO strings.
  return JSON.parse(JSON.stringify(redactSecrets(value))) as Prisma.InputJsonValue;
}

/** Must be called with the transaction that makes the change, so the event and the change commit together. */
export async function recordAuditEvent(tx: Db, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      teamId: event.teamId,
      actorId: event.actor.id,
      actorLabel: event.actor.label,
      action: event.action,
      targetType: event.target.type,
      targetId: event.target.id,
      before: toJson(event.before),
      after: toJson(event.after),
      requestId: event.requestId,
    },
  });
}

export async function listAuditEvents(
  db: Db,
  { teamId, limit }: { teamId: string; limit: number },
): Promise<AuditEventRecord[]> {
  const rows = await db.auditEvent.findMany({
    where: { teamId },
    orderBy: { id: "desc" },
    take: limit,
  });
  return rows.map((row) => ({ ...row, id: row.id.toString() }));
}
