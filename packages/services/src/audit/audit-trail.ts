/** Reading the audit trail: the newest events, a filtered page with its keyset cursor, and the filter facets. */
import type { AuditFilter } from "@clawfleet/core/audit/audit-filter.schema";
import { listAuditEvents, listAuditFacets } from "@clawfleet/db/audit.repository";
import type { ServiceDeps, TeamScope } from "../service-context";

export function listRecentAuditEvents(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { limit }: { limit: number },
) {
  return listAuditEvents(db, { teamId, limit });
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
  return { items, nextCursor: rows.length > limit && last ? last.id : null };
}

/** Actions and target types present in the trail, for the filter pickers. */
export function readAuditFacets({ db }: Pick<ServiceDeps, "db">, { teamId }: TeamScope) {
  return listAuditFacets(db, { teamId });
}
