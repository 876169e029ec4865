/**
 * The agents × providers matrix: one page of it, the agents matching a view (for "select all matching"), and
 * the profiles to re-auth for selected agents. Rows are built by core from the team's computed statuses.
 */
import { DomainError } from "@clawfleet/core/domain-error";
import {
  type AuthMatrixQuery,
  authMatrixProviders,
  buildAuthMatrixRow,
  countAuthMatrixFilters,
  filterAuthMatrixRows,
} from "@clawfleet/core/fleet/auth-matrix";
import { BULK_EDIT_MAX_AGENTS } from "@clawfleet/core/fleet/bulk-edit.schema";
import { listProfilesNamedOnAgentGateways } from "@clawfleet/db/auth-profile.repository";
import type { Db } from "@clawfleet/db/client";
import type { ServiceDeps, TeamScope } from "../service-context";
import { computeTeamAgentStatuses } from "../statuses/fleet-statuses";

/** Every agent's matrix row, from statuses computed once for this request. */
async function teamAuthMatrixRows(db: Db, { teamId, now }: { teamId: string; now: number }) {
  const statuses = await computeTeamAgentStatuses(db, { teamId, now });
  return statuses.map((status) => buildAuthMatrixRow(status, { now }));
}

/**
 * One page of the matrix. Columns are every provider of the team's agents, so they do not move between
 * pages; the filter counts are within the search and gateway.
 */
export async function readAuthMatrixPage(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
  { filter, page, pageSize, ...scope }: AuthMatrixQuery & { page: number; pageSize: number },
) {
  const now = clock().getTime();
  const rows = await teamAuthMatrixRows(db, { teamId, now });
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
}

/** The agents matching a matrix view: at most the bulk edit cap, with the total. */
export async function listAuthMatrixMatches(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
  query: AuthMatrixQuery,
) {
  const rows = await teamAuthMatrixRows(db, { teamId, now: now().getTime() });
  const matching = filterAuthMatrixRows(rows, query);
  return {
    total: matching.length,
    cap: BULK_EDIT_MAX_AGENTS,
    agents: matching
      .slice(0, BULK_EDIT_MAX_AGENTS)
      .map((row) => ({ agentId: row.agentId, agentName: row.agentName })),
  };
}

/**
 * The AuthProfile rows that OpenClaw profile ids resolve to for given agents: the agent's own store wins,
 * else its gateway's shared store (facts §3.1). Keyed `agentId NUL profileId`.
 */
async function resolveProfileRowIds(
  db: Db,
  { teamId, wanted }: { teamId: string; wanted: readonly { agentId: string; profileId: string }[] },
): Promise<Map<string, string>> {
  if (wanted.length === 0) return new Map();
  const { gatewayOfAgent, profiles } = await listProfilesNamedOnAgentGateways(db, {
    teamId,
    agentIds: wanted.map((entry) => entry.agentId),
    profileIds: wanted.map((entry) => entry.profileId),
  });
  const resolved = new Map<string, string>();
  for (const { agentId, profileId } of wanted) {
    const gatewayId = gatewayOfAgent.get(agentId);
    if (gatewayId === undefined) continue;
    const own = profiles.find((row) => row.profileId === profileId && row.ownerAgentId === agentId);
    const shared = profiles.find(
      (row) => row.profileId === profileId && row.ownerAgentId === null && row.gatewayId === gatewayId,
    );
    const row = own ?? shared;
    if (row) resolved.set(`${agentId}\u0000${profileId}`, row.id);
  }
  return resolved;
}

/**
 * The profiles to re-auth for selected agents and one provider: the profile each agent uses for it now
 * (or, when all of its profiles are unusable, the one it would retry first), as AuthProfile row ids for a
 * re-auth request. Agents with no stored profile for the provider are listed as skipped, with why.
 */
export async function resolveReauthTargetsForAgents(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
  { agentIds, provider }: { agentIds: readonly string[]; provider: string },
) {
  const rows = await teamAuthMatrixRows(db, { teamId, now: now().getTime() });
  const selected = new Set(agentIds);
  const wanted: { agentId: string; agentName: string; profileId: string | undefined }[] = rows
    .filter((row) => selected.has(row.agentId))
    .map((row) => {
      const cell = row.cells.find((candidate) => candidate.provider === provider);
      return {
        agentId: row.agentId,
        agentName: row.agentName,
        profileId: cell?.profile?.profileId ?? cell?.window?.profileId,
      };
    });
  if (wanted.length === 0) throw new DomainError("NOT_FOUND", "None of these agents is in your team.");
  const resolved = await resolveProfileRowIds(db, {
    teamId,
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
        reason: profileId ? `${profileId} is not a stored profile` : `no ${provider} profile`,
      });
  }
  return { authProfileIds: [...authProfileIds], skipped };
}
