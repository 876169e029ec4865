import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import {
  AUTH_MATRIX_FILTERS,
  type AuthMatrixQuery,
  authMatrixProviders,
  buildAuthMatrixRow,
  countAuthMatrixFilters,
  filterAuthMatrixRows,
} from "@clawfleet/core/fleet/auth-matrix";
import { BULK_EDIT_MAX_AGENTS } from "@clawfleet/core/fleet/bulk-edit.schema";
import type { Db } from "@clawfleet/db/client";
import { computeTeamAgentStatuses } from "../../fleet/fleet-statuses";
import { operatorProcedure, viewerProcedure } from "../trpc";

const authMatrixQueryInput = z.object({
  search: z.string().trim().max(200).optional(),
  gatewayId: z.uuid().optional(),
  filter: z.enum(AUTH_MATRIX_FILTERS).optional(),
});

/** Every agent's matrix row, from statuses computed once for this request. */
async function teamAuthMatrixRows(db: Db, { teamId, now }: { teamId: string; now: number }) {
  const statuses = await computeTeamAgentStatuses(db, { teamId, now });
  return statuses.map((status) => buildAuthMatrixRow(status, { now }));
}

export const authMatrixRouter = {
  /**
   * One page of the agents × providers matrix. Columns are every provider of the team's agents, so they do
   * not move between pages; the filter counts are within the search and gateway.
   */
  list: viewerProcedure
    .input(
      authMatrixQueryInput.extend({
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      const now = Date.now();
      const rows = await teamAuthMatrixRows(ctx.db, { teamId: ctx.team.id, now });
      const { filter, page, pageSize, ...scope } = input;
      const scoped = filterAuthMatrixRows(rows, scope);
      const matching = filter ? filterAuthMatrixRows(scoped, { filter }) : scoped;
      return {
        computedAt: now,
        providers: authMatrixProviders(rows),
        counts: countAuthMatrixFilters(scoped),
        total: matching.length,
        page,
        pageSize,
        rows: matching.slice((page - 1) * pageSize, page * pageSize),
      };
    }),

  /** The agents matching a matrix view, for "select all matching": at most the bulk edit cap, with the total. */
  matchingAgents: operatorProcedure.input(authMatrixQueryInput).query(async ({ ctx, input }) => {
    const rows = await teamAuthMatrixRows(ctx.db, { teamId: ctx.team.id, now: Date.now() });
    const matching = filterAuthMatrixRows(rows, input satisfies AuthMatrixQuery);
    return {
      total: matching.length,
      cap: BULK_EDIT_MAX_AGENTS,
      agents: matching
        .slice(0, BULK_EDIT_MAX_AGENTS)
        .map((row) => ({ agentId: row.agentId, agentName: row.agentName })),
    };
  }),
} satisfies TRPCRouterRecord;
