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
import { DomainError } from "@clawfleet/core/domain-error";
import { BULK_EDIT_MAX_AGENTS } from "@clawfleet/core/fleet/bulk-edit.schema";
import { resolveProfileRowIds } from "@clawfleet/db/auth-profile.repository";
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

  /**
   * The profiles to re-auth for selected agents and one provider: the profile each agent uses for it now
   * (or, when all of its profiles are unusable, the one it would retry first), as AuthProfile row ids for
   * `reauth.request`. Agents with no stored profile for the provider are listed as skipped, with why.
   */
  reauthTargets: operatorProcedure
    .input(
      z.object({
        agentIds: z.array(z.uuid()).min(1).max(BULK_EDIT_MAX_AGENTS),
        provider: z.string().trim().min(1).max(64),
      }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await teamAuthMatrixRows(ctx.db, { teamId: ctx.team.id, now: Date.now() });
      const selected = new Set(input.agentIds);
      const wanted: { agentId: string; agentName: string; profileId: string | undefined }[] = rows
        .filter((row) => selected.has(row.agentId))
        .map((row) => {
          const cell = row.cells.find((candidate) => candidate.provider === input.provider);
          return {
            agentId: row.agentId,
            agentName: row.agentName,
            profileId: cell?.profile?.profileId ?? cell?.window?.profileId,
          };
        });
      if (wanted.length === 0) throw new DomainError("NOT_FOUND", "None of these agents is in your team.");
      const resolved = await resolveProfileRowIds(ctx.db, {
        teamId: ctx.team.id,
        wanted: wanted.flatMap(({ agentId, profileId }) => (profileId ? [{ agentId, profileId }] : [])),
      });
      const authProfileIds = new Set<string>();
      const skipped: { agentName: string; reason: string }[] = [];
      for (const { agentId, agentName, profileId } of wanted) {
        const rowId = profileId ? resolved.get(`${agentId}\u0000${profileId}`) : undefined;
        if (rowId) authProfileIds.add(rowId);
        else
          skipped.push({
            agentName,
            reason: profileId ? `${profileId} is not a stored profile` : `no ${input.provider} profile`,
          });
      }
      return { authProfileIds: [...authProfileIds], skipped };
    }),
} satisfies TRPCRouterRecord;
