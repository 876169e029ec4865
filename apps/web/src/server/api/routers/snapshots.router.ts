import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { diffModelsStatus } from "@clawfleet/core/status-drift/diff-models-status";
import {
  type StatusSnapshotView,
  viewStatusSnapshot,
} from "@clawfleet/core/status-drift/status-snapshot-view";
import type { Db } from "@clawfleet/db/client";
import {
  type StatusSnapshotRecord,
  findSnapshot,
  findSnapshotAgent,
  latestSnapshots,
  listSnapshots,
  refreshComputedSnapshot,
} from "@clawfleet/db/status-snapshot.repository";
import { viewerProcedure } from "../trpc";

/** A computed snapshot older than this is recomputed on read (and stored only if the state changed). */
export const COMPUTED_REFRESH_AFTER_MS = 60_000;
const HISTORY_PAGE_SIZE = 20;

export type SnapshotDto = StatusSnapshotRecord & { view: StatusSnapshotView };
export type SnapshotSummaryDto = Omit<StatusSnapshotRecord, "body"> & {
  kind: StatusSnapshotView["kind"];
  version: string | null;
  check: number | null;
};

function toDto(record: StatusSnapshotRecord, homeDir: string): SnapshotDto {
  return { ...record, view: viewStatusSnapshot(record.body, homeDir) };
}

function toSummary(record: StatusSnapshotRecord, homeDir: string): SnapshotSummaryDto {
  const { body: _body, ...rest } = record;
  const view = viewStatusSnapshot(record.body, homeDir);
  return {
    ...rest,
    kind: view.kind,
    version: view.kind === "status" ? view.version : null,
    check: view.kind === "unreadable" ? null : view.check,
  };
}

/** Field differences from `left` to `right`, with countdowns compared as deadlines and homes as `~`. */
function differences(
  left: StatusSnapshotRecord,
  leftHome: string,
  right: StatusSnapshotRecord,
  rightHome: string,
) {
  return diffModelsStatus(left.body, right.body, {
    takenAtMs: { left: left.takenAt.getTime(), right: right.takenAt.getTime() },
    homeDirs: { left: leftHome, right: rightHome },
  });
}

async function agentInTeam(db: Db, teamId: string, agentId: string) {
  const agent = await findSnapshotAgent(db, { teamId, agentId });
  if (!agent) throw new TRPCError({ code: "NOT_FOUND", message: "Agent not found." });
  return agent;
}

async function snapshotInTeam(db: Db, teamId: string, snapshotId: string) {
  const snapshot = await findSnapshot(db, { teamId, snapshotId });
  const agent = snapshot ? await findSnapshotAgent(db, { teamId, agentId: snapshot.agentId }) : null;
  if (!snapshot || !agent) throw new TRPCError({ code: "NOT_FOUND", message: "Snapshot not found." });
  return { snapshot, homeDir: agent.homeDir };
}

const agentIdInput = z.object({ agentId: z.uuid("Agent ids are UUIDs.") });

export const snapshotsRouter = {
  /**
   * The latest computed and reported status of an agent and the fields where they differ. The computed
   * side is refreshed first when it is older than a minute, so it reflects the console's current state.
   */
  latest: viewerProcedure.input(agentIdInput).query(async ({ ctx, input }) => {
    const scope = { teamId: ctx.team.id, agentId: input.agentId };
    const agent = await agentInTeam(ctx.db, scope.teamId, scope.agentId);
    const now = new Date();
    let { computed, reported } = await latestSnapshots(ctx.db, scope);
    if (!computed || now.getTime() - computed.takenAt.getTime() > COMPUTED_REFRESH_AFTER_MS) {
      computed = (await refreshComputedSnapshot(ctx.db, { ...scope, now })).snapshot;
      // why: the refresh may have read a newer report than the first query saw; keep the pair consistent.
      reported = (await latestSnapshots(ctx.db, scope)).reported;
    }
    return {
      agentKey: agent.agentKey,
      gatewayId: agent.gatewayId,
      checkedAt: now,
      computed: toDto(computed, agent.homeDir),
      reported: reported ? toDto(reported, agent.homeDir) : null,
      drift: reported ? differences(computed, agent.homeDir, reported, agent.homeDir) : [],
    };
  }),

  /** Every stored snapshot of the agent, newest first, 20 a page; `source` narrows to one side. */
  history: viewerProcedure
    .input(
      agentIdInput.extend({
        source: z.enum(["computed", "reported"]).optional(),
        page: z.number().int().min(1).default(1),
      }),
    )
    .query(async ({ ctx, input }) => {
      const agent = await agentInTeam(ctx.db, ctx.team.id, input.agentId);
      const page = await listSnapshots(ctx.db, {
        teamId: ctx.team.id,
        agentId: input.agentId,
        source: input.source,
        page: input.page,
        pageSize: HISTORY_PAGE_SIZE,
      });
      return { ...page, items: page.items.map((item) => toSummary(item, agent.homeDir)) };
    }),

  /** Any two snapshots of the team, side by side, with the fields that differ from left to right. */
  diff: viewerProcedure
    .input(
      z.object({ leftId: z.uuid("Snapshot ids are UUIDs."), rightId: z.uuid("Snapshot ids are UUIDs.") }),
    )
    .query(async ({ ctx, input }) => {
      const left = await snapshotInTeam(ctx.db, ctx.team.id, input.leftId);
      const right = await snapshotInTeam(ctx.db, ctx.team.id, input.rightId);
      return {
        left: toDto(left.snapshot, left.homeDir),
        right: toDto(right.snapshot, right.homeDir),
        differences: differences(left.snapshot, left.homeDir, right.snapshot, right.homeDir),
      };
    }),
} satisfies TRPCRouterRecord;
