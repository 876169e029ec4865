import type { SavedView, SavedViewList } from "@clawfleet/core/fleet/saved-view";
import type { Db } from "./client";

type Owner = { teamId: string; userId: string; list: SavedViewList };

const savedViewSelect = { id: true, list: true, name: true, query: true } as const;

/** One member's views of one list, by name. */
export async function listSavedViews(db: Db, { teamId, userId, list }: Owner): Promise<SavedView[]> {
  const rows = await db.savedView.findMany({
    where: { teamId, userId, list },
    select: savedViewSelect,
    orderBy: [{ name: "asc" }],
  });
  return rows.map((row) => ({ ...row, list }));
}

export function countSavedViews(db: Db, { teamId, userId, list }: Owner): Promise<number> {
  return db.savedView.count({ where: { teamId, userId, list } });
}

/** Saves a view under its name, replacing the member's view of that name on that list. */
export async function upsertSavedView(
  db: Db,
  { teamId, userId, list, name, query }: Owner & { name: string; query: string },
): Promise<SavedView> {
  const row = await db.savedView.upsert({
    where: { teamId_userId_list_name: { teamId, userId, list, name } },
    create: { teamId, userId, list, name, query },
    update: { query },
    select: savedViewSelect,
  });
  return { ...row, list };
}

/** Removes one of the member's views; false when there is no such view of theirs. */
export async function deleteSavedView(
  db: Db,
  { teamId, userId, id }: { teamId: string; userId: string; id: string },
): Promise<boolean> {
  const { count } = await db.savedView.deleteMany({ where: { id, teamId, userId } });
  return count > 0;
}
