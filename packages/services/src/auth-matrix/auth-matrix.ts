/**
 * The agents × providers matrix: one page of it, the agents matching a view (for "select all matching"), and
 * the profiles to re-auth for selected agents. Filters, counts and paging run in SQL over the stored statuses'
 * matrix facts; only the rows shown are built, by core, from their stored outcomes restamped to now.
 */
import { DomainError } from "@clawfleet/core/domain-error";
import type { AuthMatrixSort } from "@clawfleet/core/fleet/agent-list";
import { type AuthMatrixQuery, buildAuthMatrixRow } from "@clawfleet/core/fleet/auth-matrix";
import { BULK_EDIT_MAX_AGENTS } from "@clawfleet/core/fleet/bulk-edit.schema";
import { EXPIRY_HORIZON_MS } from "@clawfleet/core/fleet/fleet-status";
import { restampModelsStatus } from "@clawfleet/core/models-status/status-clock";
import {
  type StoredMatrixRow,
  listAuthMatrixMatchingAgents,
  listAuthMatrixStatusPage,
  listStoredStatusesOf,
} from "@clawfleet/db/agent-status.repository";
import { listProfilesNamedOnAgentGateways } from "@clawfleet/db/auth-profile.repository";
import type { Db } from "@clawfleet/db/client";
import type { ServiceDeps, TeamScope } from "../service-context";
import { sharedStatusRead } from "../statuses/shared-status-reads";

/** A stored row as core's matrix row at `now`. */
function matrixRowOf(row: StoredMatrixRow, now: number) {
  const outcome = restampModelsStatus(row.outcome, row.computedAt.getTime(), now);
  return buildAuthMatrixRow(
    {
      agentId: row.agentId,
      agentName: row.agentName,
      gatewayId: row.gatewayId,
      gatewayName: row.gatewayName,
      outcome,
    },
    { now },
  );
}

/**
 * One page of the matrix. Columns are every provider of the team's agents, so they do not move between
 * pages; the filter counts are within the search and gateway.
 */
export async function readAuthMatrixPage(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
  {
    filter,
    page,
    pageSize,
    ...scope
  }: AuthMatrixQuery & { sort?: AuthMatrixSort; page: number; pageSize: number },
) {
  const now = clock();
  const stored = await sharedStatusRead(
    { teamId, key: JSON.stringify(["authMatrix.list", filter, page, pageSize, scope]), now: now.getTime() },
    () =>
      listAuthMatrixStatusPage(db, {
        teamId,
        ...scope,
        ...(filter ? { filter } : {}),
        now,
        horizonMs: EXPIRY_HORIZON_MS,
        page,
        pageSize,
      }),
  );
  return {
    computedAt: now.getTime(),
    providers: stored.providers,
    counts: stored.counts,
    total: stored.total,
    page,
    pageSize,
    rows: stored.rows.map((row) => matrixRowOf(row, now.getTime())),
  };
}

/** The agents matching a matrix view: at most the bulk edit cap, with the total. */
export async function listAuthMatrixMatches(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
  { filter, ...scope }: AuthMatrixQuery,
) {
  const { agents, total } = await listAuthMatrixMatchingAgents(db, {
    teamId,
    ...scope,
    ...(filter ? { filter } : {}),
    now: now(),
    horizonMs: EXPIRY_HORIZON_MS,
    limit: BULK_EDIT_MAX_AGENTS,
  });
  return { total, cap: BULK_EDIT_MAX_AGENTS, agents };
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
  const at = now().getTime();
  const rows = (await listStoredStatusesOf(db, { teamId, agentIds })).map((row) => matrixRowOf(row, at));
  const wanted: { agentId: string; agentName: string; profileId: string | undefined }[] = rows.map((row) => {
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
