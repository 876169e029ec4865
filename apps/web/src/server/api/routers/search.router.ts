import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { searchConsoleTargets } from "@clawfleet/services/search/console-search";
import { viewerProcedure } from "../trpc";

export const searchRouter = {
  /** The command palette's lookup: agents, profiles (by id or fingerprint) and gateways. No secrets, no masks. */
  console: viewerProcedure
    .input(z.object({ text: z.string().max(100, "Search for at most 100 characters.") }))
    .query(({ ctx, input }) => searchConsoleTargets(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
