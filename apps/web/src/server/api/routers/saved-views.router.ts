import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { SAVED_VIEW_LISTS, savedViewSaveSchema } from "@clawfleet/core/fleet/saved-view";
import { readSavedViews, removeView, saveView } from "@clawfleet/services/saved-views/saved-views";
import { viewerProcedure } from "../trpc";

/** A member's own saved views of a list: any member keeps their own, and sees no one else's. */
export const savedViewsRouter = {
  list: viewerProcedure
    .input(z.object({ list: z.enum(SAVED_VIEW_LISTS) }))
    .query(({ ctx, input }) => readSavedViews(ctx.deps, ctx.caller, input)),

  /** Saves the view under its name, replacing the member's view of that name. */
  save: viewerProcedure
    .input(savedViewSaveSchema)
    .mutation(({ ctx, input }) => saveView(ctx.deps, ctx.caller, input)),

  remove: viewerProcedure
    .input(z.object({ id: z.uuid("Saved view ids are UUIDs.") }))
    .mutation(({ ctx, input }) => removeView(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
