import { z } from "zod";

/** The lists whose views a member can save. */
export const SAVED_VIEW_LISTS = ["agents", "auth-matrix"] as const;
export type SavedViewList = (typeof SAVED_VIEW_LISTS)[number];

/** How many views one member keeps per list; saving one more asks them to remove one first. */
export const MAX_SAVED_VIEWS_PER_LIST = 20;

/** A view to save: a name (the same name replaces the view), and the list's URL query it reopens. */
export const savedViewSaveSchema = z.object({
  list: z.enum(SAVED_VIEW_LISTS),
  name: z.string().trim().min(1, "Give the view a name.").max(60, "A view name has at most 60 characters."),
  query: z
    .string()
    .max(2_000, "This view is too long to save; clear a filter.")
    // why: a view is the list's own URL query, never a whole address; a `?` or `#` would smuggle one in.
    .regex(/^[^?#]*$/, "A view is a list's query, without `?` or `#`."),
});
export type SavedViewSave = z.infer<typeof savedViewSaveSchema>;

export type SavedView = { id: string; list: SavedViewList; name: string; query: string };
