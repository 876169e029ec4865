import type { AuditAction, AuditEventRecord } from "@clawfleet/core/audit/audit-event";
import type { AuditFilter } from "@clawfleet/core/audit/audit-filter.schema";
import { redactSecrets } from "@clawfleet/core/audit/redact-secrets";
import type { Db, Prisma } from "./client";
import { likeLiteral } from "./like-pattern";

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

export type AuditListQuery = {
  teamId: string;
  limit: number;
  filter?: AuditFilter;
  /** Keyset paging: only events with an id below this one (newest first). */
  beforeId?: string;
};

function auditWhere({
  teamId,
  filter,
  beforeId,
}: Omit<AuditListQuery, "limit">): Prisma.AuditEventWhereInput {
  return {
    teamId,
    ...(beforeId ? { id: { lt: BigInt(beforeId) } } : {}),
    ...(filter?.actor ? { actorLabel: { contains: likeLiteral(filter.actor), mode: "insensitive" } } : {}),
    ...(filter?.action ? { action: filter.action } : {}),
    ...(filter?.targetType ? { targetType: filter.targetType } : {}),
    ...(filter?.targetId ? { targetId: filter.targetId } : {}),
    ...(filter?.from || filter?.to
      ? {
          createdAt: {
            ...(filter.from ? { gte: filter.from } : {}),
            ...(filter.to ? { lte: filter.to } : {}),
          },
        }
      : {}),
  };
}

/** Newest first, narrowed by `filter`, paged by id (ids only grow, so pages never shift). */
export async function listAuditEvents(db: Db, query: AuditListQuery): Promise<AuditEventRecord[]> {
  const rows = await db.auditEvent.findMany({
    where: auditWhere(query),
    orderBy: { id: "desc" },
    take: query.limit,
  });
  return rows.map(({ teamId: _teamId, ...row }) => ({ ...row, id: row.id.toString() }));
}

/** The actions and target types present in a team's trail, for the filter pickers. */
export async function listAuditFacets(
  db: Db,
  { teamId }: { teamId: string },
): Promise<{ actions: string[]; targetTypes: string[] }> {
  const [actions, targetTypes] = await Promise.all([
    db.auditEvent.findMany({
      where: { teamId },
      distinct: ["action"],
      select: { action: true },
      orderBy: { action: "asc" },
    }),
    db.auditEvent.findMany({
      where: { teamId },
      distinct: ["targetType"],
      select: { targetType: true },
      orderBy: { targetType: "asc" },
    }),
  ]);
  return { actions: actions.map((row) => row.action), targetTypes: targetTypes.map((row) => row.targetType) };
}
