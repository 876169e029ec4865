import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import {
  compareSnapshots,
  readLatestSnapshots,
  readSnapshotHistory,
} from "@clawfleet/services/snapshots/agent-snapshots";
import { viewerProcedure } from "../trpc";

const agentIdInput = z.object({ agentId: z.uuid("Agent ids are UUIDs.") });

export const snapshotsRouter = {
  /**
   * The latest computed and reported status of an agent and the fields where they differ. The computed
   * side is refreshed first when it is older than a minute, so it reflects the console's current state.
   */
  latest: viewerProcedure
    .input(agentIdInput)
    .query(({ ctx, input }) => readLatestSnapshots(ctx.deps, ctx.caller, input)),

  /** Every stored snapshot of the agent, newest first, 20 a page; `source` narrows to one side. */
  history: viewerProcedure
    .input(
      agentIdInput.extend({
        source: z.enum(["computed", "reported"]).optional(),
        page: z.number().int().min(1).default(1),
      }),
    )
    .query(({ ctx, input }) => readSnapshotHistory(ctx.deps, ctx.caller, input)),

  /** Any two snapshots of the team, side by side, with the fields that differ from left to right. */
  diff: viewerProcedure
    .input(
      z.object({ leftId: z.uuid("Snapshot ids are UUIDs."), rightId: z.uuid("Snapshot ids are UUIDs.") }),
    )
    .query(({ ctx, input }) => compareSnapshots(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
