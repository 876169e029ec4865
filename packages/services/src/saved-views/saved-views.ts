/**
 * A member's saved views of a list (the agent list, the auth matrix): kept per member and team, so a view
 * follows its owner to any browser and another member never sees it.
 */
import { DomainError } from "@clawfleet/core/domain-error";
import {
  MAX_SAVED_VIEWS_PER_LIST,
  type SavedView,
  type SavedViewList,
  type SavedViewSave,
} from "@clawfleet/core/fleet/saved-view";
import { inTransaction } from "@clawfleet/db/client";
import { deleteSavedView, listSavedViews, upsertSavedView } from "@clawfleet/db/saved-view.repository";
import type { Caller, ServiceDeps } from "../service-context";

function memberOf({ actor }: Caller): string {
  // why: views belong to a person; the console itself (sweeps, the CLI) has none.
  if (actor.id === null) throw new DomainError("FORBIDDEN", "Only a signed-in member has saved views.");
  return actor.id;
}

export function readSavedViews(
  { db }: Pick<ServiceDeps, "db">,
  caller: Caller,
  { list }: { list: SavedViewList },
): Promise<SavedView[]> {
  return listSavedViews(db, { teamId: caller.teamId, userId: memberOf(caller), list });
}

/**
 * Saves the view under its name (replacing the member's view of that name), unless the member already keeps
 * {@link MAX_SAVED_VIEWS_PER_LIST} other views of the list.
 */
export async function saveView(
  { db }: Pick<ServiceDeps, "db">,
  caller: Caller,
  view: SavedViewSave,
): Promise<SavedView> {
  const owner = { teamId: caller.teamId, userId: memberOf(caller), list: view.list };
  return inTransaction(db, async (tx) => {
    const existing = await listSavedViews(tx, owner);
    if (!existing.some((saved) => saved.name === view.name) && existing.length >= MAX_SAVED_VIEWS_PER_LIST)
      throw new DomainError(
        "INVALID_STATE",
        `You keep ${MAX_SAVED_VIEWS_PER_LIST} saved views of this list; remove one to save another.`,
      );
    return upsertSavedView(tx, { ...owner, name: view.name, query: view.query });
  });
}

export async function removeView(
  { db }: Pick<ServiceDeps, "db">,
  caller: Caller,
  { id }: { id: string },
): Promise<{ removed: true }> {
  if (!(await deleteSavedView(db, { teamId: caller.teamId, userId: memberOf(caller), id })))
    throw new DomainError("NOT_FOUND", "Saved view not found.");
  return { removed: true };
}
