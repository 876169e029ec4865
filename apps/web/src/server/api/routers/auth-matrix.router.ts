import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { AUTH_MATRIX_SORT_KEYS } from "@clawfleet/core/fleet/agent-list";
import { AUTH_MATRIX_FILTERS } from "@clawfleet/core/fleet/auth-matrix";
import { BULK_EDIT_MAX_AGENTS } from "@clawfleet/core/fleet/bulk-edit.schema";
import {
  listAuthMatrixMatches,
  readAuthMatrixPage,
  resolveReauthTargetsForAgents,
} from "@clawfleet/services/auth-matrix/auth-matrix";
import { operatorProcedure, viewerProcedure } from "../trpc";

const authMatrixQueryInput = z.object({
  search: z.string().trim().max(200).optional(),
  gatewayId: z.uuid().optional(),
  filter: z.enum(AUTH_MATRIX_FILTERS).optional(),
});

export const authMatrixRouter = {
  /**
   * One page of the agents × providers matrix. Columns are every provider of the team's agents, so they do
   * not move between pages; the filter counts are within the search and gateway.
   */
  list: viewerProcedure
    .input(
      authMatrixQueryInput.extend({
        /** The rows' order (applied in the query, before paging). */
        sort: z.object({ key: z.enum(AUTH_MATRIX_SORT_KEYS), direction: z.enum(["asc", "desc"]) }).optional(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => readAuthMatrixPage(ctx.deps, ctx.caller, input)),

  /** The agents matching a matrix view, for "select all matching": at most the bulk edit cap, with the total. */
  matchingAgents: operatorProcedure
    .input(authMatrixQueryInput)
    .query(({ ctx, input }) => listAuthMatrixMatches(ctx.deps, ctx.caller, input)),

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
    .query(({ ctx, input }) => resolveReauthTargetsForAgents(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
