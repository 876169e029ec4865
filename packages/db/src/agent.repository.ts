import { DomainError } from "@clawfleet/core/domain-error";
import type {
  AgentDetail,
  AgentListFacets,
  AgentListQuery,
  AgentSummary,
  Page,
} from "@clawfleet/core/fleet/agent";
import { type AgentListSort, DEFAULT_AGENT_LIST_SORT } from "@clawfleet/core/fleet/agent-list";
import type { FleetAgentVerdict } from "@clawfleet/core/fleet/fleet-status";
import type { AuthProfileType } from "@clawfleet/core/fleet/auth-profile";
import { type Db, Prisma } from "./client";
import { likeLiteral } from "./like-pattern";

const agentSummarySelect = {
  id: true,
  agentKey: true,
  name: true,
  gatewayId: true,
  isDefault: true,
  tags: true,
  model: true,
  version: true,
  updatedAt: true,
  gateway: { select: { name: true } },
} satisfies Prisma.AgentSelect;

const agentDetailSelect = {
  ...agentSummarySelect,
  workspace: true,
  agentDir: true,
  models: true,
  params: true,
  store: { select: { profiles: { select: { type: true } } } },
} satisfies Prisma.AgentSelect;

type AgentSummaryRow = Prisma.AgentGetPayload<{ select: typeof agentSummarySelect }>;
type AgentDetailRow = Prisma.AgentGetPayload<{ select: typeof agentDetailSelect }>;

/** The configured primary of an agent model override: a string, or `{primary}`. */
function primaryOf(model: unknown): string | null {
  if (typeof model === "string") return model;
  if (
    model !== null &&
    typeof model === "object" &&
    "primary" in model &&
    typeof model.primary === "string"
  ) {
    return model.primary;
  }
  return null;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function toSummary(row: AgentSummaryRow): AgentSummary {
  return {
    id: row.id,
    agentKey: row.agentKey,
    name: row.name,
    gatewayId: row.gatewayId,
    gatewayName: row.gateway.name,
    isDefault: row.isDefault,
    tags: row.tags,
    primaryModel: primaryOf(row.model),
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

function toDetail(row: AgentDetailRow): AgentDetail {
  return {
    ...toSummary(row),
    workspace: row.workspace,
    agentDir: row.agentDir,
    model: row.model,
    models: asRecord(row.models),
    params: asRecord(row.params),
    profileTypes: [...new Set(row.store?.profiles.map((profile) => profile.type) ?? [])],
  };
}

/** An agent reaches a profile through its own store, or its gateway's shared store (facts §3.1). */
function reachesProfile(
  provider: string | undefined,
  type: AuthProfileType | undefined,
): Prisma.AgentWhereInput {
  const profile: Prisma.AuthProfileWhereInput = {
    ...(provider ? { provider } : {}),
    ...(type ? { type } : {}),
  };
  return {
    OR: [
      { store: { profiles: { some: profile } } },
      { gateway: { stores: { some: { agentId: null, profiles: { some: profile } } } } },
    ],
  };
}

/** An agent with the profile ids of its own store: what deciding which agents reach a profile needs. */
export type AgentWithOwnProfiles = {
  id: string;
  name: string;
  agentKey: string;
  gatewayId: string;
  gatewayName: string;
  ownProfileIds: string[];
};

/**
 * Every agent of a team (or of some of its gateways), by name, with its own store's profile ids. One joined
 * query: no bind list grows with the fleet.
 */
export function listAgentsWithOwnProfiles(
  db: Db,
  { teamId, gatewayIds }: { teamId: string; gatewayIds?: readonly string[] },
): Promise<AgentWithOwnProfiles[]> {
  const gatewayFilter = gatewayIds ? [...gatewayIds] : null;
  return db.$queryRaw<AgentWithOwnProfiles[]>`
    SELECT a.id, a.name, a."agentKey", a."gatewayId", g.name AS "gatewayName",
      coalesce(array_agg(p."profileId" ORDER BY p."profileId") FILTER (WHERE p.id IS NOT NULL), '{}')
        AS "ownProfileIds"
    FROM "Agent" a
    JOIN "Gateway" g ON g.id = a."gatewayId"
    LEFT JOIN "CredentialStore" s ON s."agentId" = a.id
    LEFT JOIN "AuthProfile" p ON p."storeId" = s.id
    WHERE a."teamId" = ${teamId}::uuid
      AND (${gatewayFilter}::uuid[] IS NULL OR a."gatewayId" = ANY(${gatewayFilter}::uuid[]))
    GROUP BY a.id, g.name
    ORDER BY a.name, a.id`;
}

export async function listAgentFacets(db: Db, { teamId }: { teamId: string }): Promise<AgentListFacets> {
  const [tags, providers] = await Promise.all([
    db.$queryRaw<
      { tag: string }[]
    >`SELECT DISTINCT unnest(tags) AS tag FROM "Agent" WHERE "teamId" = ${teamId}::uuid ORDER BY tag`,
    db.authProfile.findMany({
      where: { teamId },
      distinct: ["provider"],
      select: { provider: true },
      orderBy: { provider: "asc" },
    }),
  ]);
  return { tags: tags.map((row) => row.tag), providers: providers.map((row) => row.provider) };
}

const agentListItemSelect = {
  ...agentSummarySelect,
  status: {
    select: { verdict: true, effectiveVerdict: true, resolvedModel: true, stale: true, validUntil: true },
  },
} satisfies Prisma.AgentSelect;

/** The list's order by the sort's column, then name and id, so pages never overlap. */
function agentListOrder({ key, direction }: AgentListSort): Prisma.AgentOrderByWithRelationInput[] {
  const tieBreak: Prisma.AgentOrderByWithRelationInput[] = [{ name: "asc" }, { id: "asc" }];
  // why: agents without a stored status yet sort after every known one, whichever the direction.
  const last = { sort: direction, nulls: "last" } as const;
  switch (key) {
    case "name":
      return [{ name: direction }, { id: direction }];
    case "agentKey":
      return [{ agentKey: direction }, ...tieBreak];
    case "gateway":
      return [{ gateway: { name: direction } }, ...tieBreak];
    case "health":
      return [{ status: { verdictRank: last } }, ...tieBreak];
    case "model":
      return [{ status: { resolvedModel: last } }, ...tieBreak];
    case "updated":
      return [{ updatedAt: direction }, ...tieBreak];
  }
}

/**
 * The worst attention cause of each listed agent (refused, then failing, then expiring; then by sentence),
 * in one statement for the page's ids.
 */
async function worstCauses(db: Db, { teamId, agentIds }: { teamId: string; agentIds: string[] }) {
  if (agentIds.length === 0) return new Map<string, string>();
  const rows = await db.$queryRaw<{ agentId: string; sentence: string }[]>`
    SELECT DISTINCT ON (c."agentId") c."agentId", c.sentence FROM "AgentStatusCause" c
    WHERE c."teamId" = ${teamId}::uuid AND c."agentId" = ANY(${agentIds}::uuid[])
    ORDER BY c."agentId", CASE c.severity WHEN 'refused' THEN 0 WHEN 'failing' THEN 1 ELSE 2 END, c.sentence`;
  return new Map(rows.map((row) => [row.agentId, row.sentence]));
}

/** What an agent's stored status says, as the agent list shows it (core `agentHealthOf` reads it). */
export type StoredAgentHealth = {
  effectiveVerdict: FleetAgentVerdict;
  computedVerdict: FleetAgentVerdict;
  /** The sentence of its worst attention cause, if any. */
  worstCause: string | null;
  stale: boolean;
  validUntil: Date | null;
  /** `resolvedDefault` of the stored status (null for a refusal). */
  resolvedModel: string | null;
};

export type AgentListRow = AgentSummary & { stored: StoredAgentHealth | null };

/**
 * One page of the team's agents, filtered and sorted in SQL, each with its stored status's verdicts, worst
 * cause and resolved model. Three statements whatever the page size.
 */
export async function listAgents(
  db: Db,
  { teamId, query }: { teamId: string; query: AgentListQuery },
): Promise<Page<AgentListRow>> {
  const search = query.search?.trim();
  const where: Prisma.AgentWhereInput = {
    teamId,
    ...(query.gatewayId ? { gatewayId: query.gatewayId } : {}),
    // why: the reported verdict where a report is newer, as the fleet page counts (a generated, indexed column).
    ...(query.verdict ? { status: { is: { effectiveVerdict: query.verdict } } } : {}),
    ...(query.tag ? { tags: { has: query.tag } } : {}),
    ...(query.provider || query.profileType
      ? { AND: [reachesProfile(query.provider, query.profileType)] }
      : {}),
    ...(search
      ? {
          OR: [
            { name: { contains: likeLiteral(search), mode: "insensitive" } },
            { agentKey: { contains: likeLiteral(search), mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.agent.findMany({
      where,
      select: agentListItemSelect,
      orderBy: agentListOrder(query.sort ?? DEFAULT_AGENT_LIST_SORT),
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db.agent.count({ where }),
  ]);
  const causes = await worstCauses(db, { teamId, agentIds: rows.map((row) => row.id) });
  const items = rows.map(({ status, ...row }): AgentListRow => ({
    ...toSummary(row),
    stored: status
      ? {
          effectiveVerdict: (status.effectiveVerdict ?? status.verdict) as FleetAgentVerdict,
          computedVerdict: status.verdict as FleetAgentVerdict,
          worstCause: causes.get(row.id) ?? null,
          stale: status.stale,
          validUntil: status.validUntil,
          resolvedModel: status.resolvedModel,
        }
      : null,
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** How many of `agentIds` are agents of the team; callers pass a bounded selection (a bulk edit's ≤ 1,000). */
export function countTeamAgents(
  db: Db,
  { teamId, agentIds }: { teamId: string; agentIds: readonly string[] },
): Promise<number> {
  return db.agent.count({ where: { teamId, id: { in: [...agentIds] } } });
}

export async function findAgentById(
  db: Db,
  { teamId, agentId }: { teamId: string; agentId: string },
): Promise<AgentDetail | null> {
  const row = await db.agent.findFirst({ where: { id: agentId, teamId }, select: agentDetailSelect });
  return row ? toDetail(row) : null;
}

export type AgentLocation = { agentId: string; agentKey: string; gatewayId: string; homeDir: string };

/** Where an agent lives: its OpenClaw id, its gateway, and that gateway's home; null outside the team. */
export async function findAgentLocation(
  db: Db,
  { teamId, agentId }: { teamId: string; agentId: string },
): Promise<AgentLocation | null> {
  const row = await db.agent.findFirst({
    where: { id: agentId, teamId },
    select: { id: true, agentKey: true, gatewayId: true, gateway: { select: { homeDir: true } } },
  });
  return row
    ? { agentId: row.id, agentKey: row.agentKey, gatewayId: row.gatewayId, homeDir: row.gateway.homeDir }
    : null;
}

/** The agent columns a console user may change; `model: null` removes the override. */
export type AgentChanges = {
  name?: string;
  tags?: string[];
  model?: unknown;
  models?: Record<string, unknown>;
  params?: Record<string, unknown>;
};

/** The nullable `model` column: null removes the override. */
function modelColumn(model: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return model === null ? Prisma.DbNull : (model as Prisma.InputJsonValue);
}

/**
 * Applies changes only if the agent is still at `expectedVersion`; otherwise CONFLICT, so no update is
 * ever lost. `changes` may be derived from the current agent (e.g. to replace one entry of a map).
 * Returns the agent before and after for the audit trail.
 */
export async function updateAgent(
  db: Db,
  {
    teamId,
    agentId,
    expectedVersion,
    changes,
  }: {
    teamId: string;
    agentId: string;
    expectedVersion: number;
    changes: AgentChanges | ((current: AgentDetail) => AgentChanges);
  },
): Promise<{ before: AgentDetail; after: AgentDetail }> {
  const before = await findAgentById(db, { teamId, agentId });
  if (!before) throw new DomainError("NOT_FOUND", "Agent not found.");
  const resolved = typeof changes === "function" ? changes(before) : changes;
  const { count } = await db.agent.updateMany({
    where: { id: agentId, teamId, version: expectedVersion },
    data: {
      ...(resolved.name !== undefined ? { name: resolved.name } : {}),
      ...(resolved.tags !== undefined ? { tags: resolved.tags } : {}),
      ...(resolved.model !== undefined ? { model: modelColumn(resolved.model) } : {}),
      ...(resolved.models !== undefined ? { models: resolved.models as Prisma.InputJsonValue } : {}),
      ...(resolved.params !== undefined ? { params: resolved.params as Prisma.InputJsonValue } : {}),
      // why: OpenClaw's implicit `main` (no `agents.entries` at all) becomes a declared entry once it has a model or
      // params of its own, as `config.patch` of `agents.entries.main` makes it on the host; the console's statuses
      // and exports then read those settings instead of skipping the undeclared agent.
      ...(resolved.model !== undefined || resolved.models !== undefined || resolved.params !== undefined
        ? { declared: true }
        : {}),
      version: { increment: 1 },
    },
  });
  if (count === 0) {
    throw new DomainError(
      "CONFLICT",
      `Someone else changed this agent (you edited version ${expectedVersion}, it is now version ${before.version}). Reload to see their change, then reapply yours.`,
    );
  }
  const after = await findAgentById(db, { teamId, agentId });
  if (!after) throw new DomainError("NOT_FOUND", "Agent not found.");
  return { before, after };
}

/** How many agents a gateway of the team has; null when the team has no such gateway. */
export async function countGatewayAgents(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
): Promise<number | null> {
  const [row] = await db.$queryRaw<{ gateway: string | null; agents: number }[]>`
    SELECT g.id AS gateway, (SELECT count(*)::int FROM "Agent" a WHERE a."gatewayId" = g.id) AS agents
    FROM "Gateway" g WHERE g.id = ${gatewayId}::uuid AND g."teamId" = ${teamId}::uuid`;
  return row ? row.agents : null;
}

/** A new agent as the console creates it; it is declared in `agents.entries` after the gateway's others. */
export type NewAgent = {
  teamId: string;
  gatewayId: string;
  agentKey: string;
  name: string;
  workspace: string | null;
  model: string | null;
};

/** Inserts the agent; an id already used on that gateway is a CONFLICT naming it. */
export async function insertAgent(db: Db, agent: NewAgent): Promise<AgentDetail> {
  const last = await db.agent.aggregate({
    where: { gatewayId: agent.gatewayId, teamId: agent.teamId },
    _max: { position: true },
  });
  try {
    const row = await db.agent.create({
      data: {
        teamId: agent.teamId,
        gatewayId: agent.gatewayId,
        agentKey: agent.agentKey,
        name: agent.name,
        workspace: agent.workspace,
        model: modelColumn(agent.model),
        position: (last._max.position ?? -1) + 1,
      },
      select: agentDetailSelect,
    });
    return toDetail(row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new DomainError(
        "CONFLICT",
        `This gateway already has an agent with the id "${agent.agentKey}". Choose another id.`,
        "agentKey",
      );
    throw error;
  }
}

/** Deletes the agent at `expectedVersion` (its own store, statuses and snapshots go with it); returns it. */
export async function deleteAgentAtVersion(
  db: Db,
  { teamId, agentId, expectedVersion }: { teamId: string; agentId: string; expectedVersion: number },
): Promise<AgentDetail> {
  const before = await findAgentById(db, { teamId, agentId });
  if (!before) throw new DomainError("NOT_FOUND", "Agent not found.");
  const { count } = await db.agent.deleteMany({ where: { id: agentId, teamId, version: expectedVersion } });
  if (count === 0)
    throw new DomainError(
      "CONFLICT",
      `Someone else changed this agent (you saw version ${expectedVersion}, it is now version ${before.version}). Reload, then decide again.`,
    );
  return before;
}

/** An agent's `agents.entries.<id>` fragment as the console holds it, with what editing it at its version needs. */
export type AgentConfigRow = {
  id: string;
  agentKey: string;
  name: string;
  workspace: string | null;
  /** False for OpenClaw's implicit `main`, which has no entry in `agents.entries`. */
  declared: boolean;
  model: unknown;
  models: Record<string, unknown>;
  params: Record<string, unknown>;
  version: number;
};

/** Every agent of the team's gateway in config order, with its model, per-model map and params. */
export async function listGatewayAgentConfigs(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
): Promise<AgentConfigRow[]> {
  const rows = await db.agent.findMany({
    where: { teamId, gatewayId },
    orderBy: [{ position: "asc" }, { agentKey: "asc" }],
    select: {
      id: true,
      agentKey: true,
      name: true,
      workspace: true,
      declared: true,
      model: true,
      models: true,
      params: true,
      version: true,
    },
  });
  return rows.map((row) => ({ ...row, models: asRecord(row.models), params: asRecord(row.params) }));
}

/** What deleting an agent takes with it (its rows cascade): counts only, for the confirmation. */
export type AgentDeletionImpact = {
  /** Profiles in the agent's own credential store, with their secrets. */
  ownProfiles: number;
  /** Stored `models status` snapshots, computed and reported. */
  snapshots: number;
  /** Re-auth requests that name this agent (it is taken off them). */
  reauthRequests: number;
  /** Of those, the ones still in progress. */
  openReauthRequests: number;
};

export async function countAgentDeletionImpact(
  db: Db,
  { teamId, agentId }: { teamId: string; agentId: string },
): Promise<AgentDeletionImpact | null> {
  const [row] = await db.$queryRaw<(AgentDeletionImpact & { found: boolean })[]>`
    SELECT EXISTS (SELECT 1 FROM "Agent" WHERE id = ${agentId}::uuid AND "teamId" = ${teamId}::uuid) AS found,
      (SELECT count(*)::int FROM "AuthProfile" p JOIN "CredentialStore" s ON s.id = p."storeId"
        WHERE s."agentId" = ${agentId}::uuid AND s."teamId" = ${teamId}::uuid) AS "ownProfiles",
      (SELECT count(*)::int FROM "StatusSnapshot"
        WHERE "agentId" = ${agentId}::uuid AND "teamId" = ${teamId}::uuid) AS snapshots,
      (SELECT count(*)::int FROM "ReauthRequestAgent"
        WHERE "agentId" = ${agentId}::uuid AND "teamId" = ${teamId}::uuid) AS "reauthRequests",
      (SELECT count(*)::int FROM "ReauthRequestAgent" ra JOIN "ReauthRequest" r ON r.id = ra."requestId"
        WHERE ra."agentId" = ${agentId}::uuid AND ra."teamId" = ${teamId}::uuid
          AND r.state NOT IN ('verified', 'expired', 'cancelled', 'failed')) AS "openReauthRequests"`;
  if (!row?.found) return null;
  const { found: _found, ...impact } = row;
  return impact;
}
