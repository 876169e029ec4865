/** Reading the audit trail: the newest events, a filtered page with its keyset cursor, and the filter facets. */
import type { AuditFilter } from "@clawfleet/core/audit/audit-filter.schema";
import { auditTargetKey, findAuditTargetNames } from "@clawfleet/db/audit-target-names.repository";
import { listAuditEvents, listAuditFacets } from "@clawfleet/db/audit.repository";
import type { Db } from "@clawfleet/db/client";
import type { ServiceDeps, TeamScope } from "../service-context";

/**
 * Each event with its target's current name (`targetName`, null once the target is gone) and the agent it
 * lives on (`targetAgentId`), so the log reads "Billing triage 4" instead of a uuid and can link to it.
 */
async function withTargetNames<Event extends { targetType: string; targetId: string }>(
  db: Db,
  teamId: string,
  events: Event[],
) {
  const names = await findAuditTargetNames(
    db,
    teamId,
    events.map((event) => ({ type: event.targetType, id: event.targetId })),
  );
  return events.map((event) => {
    const name = names.get(auditTargetKey({ type: event.targetType, id: event.targetId }));
    return { ...event, targetName: name?.name ?? null, targetAgentId: name?.agentId ?? null };
  });
}

export async function listRecentAuditEvents(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { limit }: { limit: number },
) {
  return withTargetNames(db, teamId, await listAuditEvents(db, { teamId, limit }));
}

/** One page of the filtered trail, newest first; `cursor` is the id of the previous page's last event. */
export async function readAuditPage(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { filter, cursor, limit }: { filter: AuditFilter; cursor?: string; limit: number },
) {
  const rows = await listAuditEvents(db, { teamId, filter, beforeId: cursor, limit: limit + 1 });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: await withTargetNames(db, teamId, items),
    nextCursor: rows.length > limit && last ? last.id : null,
  };
}

/** Actions and target types present in the trail, for the filter pickers. */
export function readAuditFacets({ db }: Pick<ServiceDeps, "db">, { teamId }: TeamScope) {
  return listAuditFacets(db, { teamId });
}
