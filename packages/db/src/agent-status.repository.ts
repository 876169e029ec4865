/**
 * Stored statuses: one `AgentStatus` row per agent (its computed `models status` and the facts list pages
 * filter on) and its attention causes. Every statement is bounded: reads filter by team or gateway in SQL,
 * writes go in batches of {@link STATUS_WRITE_BATCH_ROWS} with the rows as one JSON parameter.
 */
import type { AuthMatrixSort } from "@clawfleet/core/fleet/agent-list";
import type { AttentionCause, AttentionSeverity } from "@clawfleet/core/fleet/attention-causes";
import type { AuthMatrixFacts } from "@clawfleet/core/fleet/auth-matrix";
import type { CredentialTimeline } from "@clawfleet/core/fleet/credential-timeline";
import type {
  FleetAgentVerdict,
  FleetExpiringCredential,
  FleetUnusableProfile,
} from "@clawfleet/core/fleet/fleet-status";
import type { ModelsStatusOutcome } from "@clawfleet/core/models-status/models-status-report";
import { inBatches } from "./batched-writes";
import { type Db, Prisma } from "./client";

/** Rows per write statement: a status row carries its whole outcome, so batches stay small. */
export const STATUS_WRITE_BATCH_ROWS = 500;

export type AgentStatusWrite = {
  agentId: string;
  teamId: string;
  gatewayId: string;
  computedAt: Date;
  validUntil: Date | null;
  verdict: FleetAgentVerdict;
  outcome: ModelsStatusOutcome;
  contentHash: string;
  facts: AuthMatrixFacts;
  causes: readonly AttentionCause[];
  timeline: CredentialTimeline;
  /** `auth.missingProvidersInUse`. */
  missingProviders: readonly string[];
};

/** What a refresh compares to decide whether a row must be rewritten. */
export type StoredStatusDigest = { contentHash: string; validUntil: Date | null; stale: boolean };

const dateOf = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The instant a cause is about: a window's end or a credential's expiry. */
function instantOf(cause: AttentionCause): number | null {
  if (cause.kind === "window") return cause.until;
  if (cause.kind === "credential") return cause.expiresAt;
  return null;
}

/** The cause's own fields, without those stored in columns. */
function detailOf(cause: AttentionCause): Record<string, unknown> {
  const { key: _key, severity: _severity, sentence: _sentence, kind: _kind, ...detail } = cause;
  return detail;
}

/** Every stored row of a gateway, by agent id: what a refresh compares its fresh statuses with. */
export async function listGatewayStatusDigests(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
): Promise<Map<string, StoredStatusDigest>> {
  const rows = await db.$queryRaw<({ agentId: string } & StoredStatusDigest)[]>`
    SELECT "agentId", "contentHash", "validUntil", stale FROM "AgentStatus"
    WHERE "teamId" = ${teamId}::uuid AND "gatewayId" = ${gatewayId}::uuid`;
  return new Map(rows.map(({ agentId, ...digest }) => [agentId, digest]));
}

/**
 * Writes statuses (insert, or replace a row computed no later) and replaces their agents' causes and facts, in
 * batches. Run it in a transaction when a row and its causes must change together for readers.
 */
export async function writeAgentStatuses(db: Db, statuses: readonly AgentStatusWrite[]): Promise<void> {
  for (const batch of inBatches(statuses, STATUS_WRITE_BATCH_ROWS)) {
    const rows = batch.map((status) => ({
      agentId: status.agentId,
      teamId: status.teamId,
      gatewayId: status.gatewayId,
      computedAt: status.computedAt.toISOString(),
      validUntil: status.validUntil?.toISOString() ?? null,
      verdict: status.verdict,
      outcome: status.outcome,
      contentHash: status.contentHash,
      providers: status.facts.providers,
      expiresAt: dateOf(status.facts.expiresAt),
      cooldownUntil: dateOf(status.facts.cooldownUntil),
      disabledUntil: dateOf(status.facts.disabledUntil),
    }));
    // why: a refresh that loaded the gateway before a change may finish after the change's own recompute;
    // a row is only replaced by a computation at least as recent, and only written rows get new causes.
    const written = await db.$queryRaw<{ agentId: string }[]>`
      INSERT INTO "AgentStatus" ("agentId", "teamId", "gatewayId", "computedAt", "validUntil", stale, verdict,
        outcome, "contentHash", providers, "expiresAt", "cooldownUntil", "disabledUntil")
      SELECT r."agentId", r."teamId", r."gatewayId", r."computedAt", r."validUntil", false, r.verdict, r.outcome,
        r."contentHash", ARRAY(SELECT json_array_elements_text(r.providers)), r."expiresAt", r."cooldownUntil",
        r."disabledUntil"
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS r("agentId" uuid, "teamId" uuid, "gatewayId" uuid,
        "computedAt" timestamptz, "validUntil" timestamptz, verdict text, outcome json, "contentHash" text,
        providers json, "expiresAt" timestamptz, "cooldownUntil" timestamptz, "disabledUntil" timestamptz)
      ON CONFLICT ("agentId") DO UPDATE SET "computedAt" = excluded."computedAt",
        "validUntil" = excluded."validUntil", stale = false, verdict = excluded.verdict, outcome = excluded.outcome,
        "contentHash" = excluded."contentHash", providers = excluded.providers, "expiresAt" = excluded."expiresAt",
        "cooldownUntil" = excluded."cooldownUntil", "disabledUntil" = excluded."disabledUntil"
      WHERE "AgentStatus"."computedAt" <= excluded."computedAt"
      RETURNING "agentId"`;
    const writtenIds = new Set(written.map((row) => row.agentId));
    const kept = batch.filter((status) => writtenIds.has(status.agentId));
    if (kept.length === 0) continue;
    await db.$executeRaw`
      DELETE FROM "AgentStatusCause" WHERE "agentId" = ANY(${kept.map((status) => status.agentId)}::uuid[])`;
    const causes = kept.flatMap((status) =>
      status.causes.map((cause) => ({
        agentId: status.agentId,
        teamId: status.teamId,
        gatewayId: status.gatewayId,
        causeKey: cause.key,
        kind: cause.kind,
        severity: cause.severity,
        sentence: cause.sentence,
        detail: detailOf(cause),
        instant: dateOf(instantOf(cause)),
      })),
    );
    if (causes.length > 0)
      await db.$executeRaw`
        INSERT INTO "AgentStatusCause" ("agentId", "teamId", "gatewayId", "causeKey", kind, severity, sentence,
          detail, instant)
        SELECT * FROM json_to_recordset(${JSON.stringify(causes)}::json) AS r("agentId" uuid, "teamId" uuid,
          "gatewayId" uuid, "causeKey" text, kind text, severity text, sentence text, detail jsonb,
          instant timestamptz)`;
    await writeStatusFacts(db, kept);
  }
}

/** Replaces the credential facts of a batch of agents (their timeline and missing providers). */
async function writeStatusFacts(db: Db, batch: readonly AgentStatusWrite[]): Promise<void> {
  await db.$executeRaw`
    DELETE FROM "AgentStatusFact" WHERE "agentId" = ANY(${batch.map((status) => status.agentId)}::uuid[])`;
  const facts = batch.flatMap((status) => {
    const owner = { agentId: status.agentId, teamId: status.teamId, gatewayId: status.gatewayId };
    return [
      ...status.timeline.expiries.map((expiry) => ({
        ...owner,
        kind: "expiry",
        subject: expiry.profileId,
        provider: expiry.provider,
        credentialType: expiry.type,
        reason: null,
        recoveryHint: null,
        instant: dateOf(expiry.expiresAt),
      })),
      ...status.timeline.windows.map((window) => ({
        ...owner,
        kind: window.kind,
        subject: window.profileId,
        provider: window.provider,
        credentialType: null,
        reason: window.reason,
        recoveryHint: window.recoveryHint,
        instant: dateOf(window.until),
      })),
      ...status.missingProviders.map((provider) => ({
        ...owner,
        kind: "missing_provider",
        subject: provider,
        provider,
        credentialType: null,
        reason: null,
        recoveryHint: null,
        instant: null,
      })),
    ];
  });
  if (facts.length === 0) return;
  await db.$executeRaw`
    INSERT INTO "AgentStatusFact" ("agentId", "teamId", "gatewayId", kind, subject, provider, "credentialType",
      reason, "recoveryHint", instant)
    SELECT * FROM json_to_recordset(${JSON.stringify(facts)}::json) AS r("agentId" uuid, "teamId" uuid,
      "gatewayId" uuid, kind text, subject text, provider text, "credentialType" text, reason text,
      "recoveryHint" text, instant timestamptz)
    ON CONFLICT DO NOTHING`;
}

/** Clears the stale mark of rows a refresh found unchanged (bounded chunks of ids). */
export async function markStatusesFresh(db: Db, agentIds: readonly string[]): Promise<void> {
  for (const batch of inBatches(agentIds, STATUS_WRITE_BATCH_ROWS))
    await db.$executeRaw`UPDATE "AgentStatus" SET stale = false WHERE "agentId" = ANY(${batch}::uuid[])`;
}

/** Marks every row of a gateway stale: its inputs changed and a refresh is queued. */
export async function markGatewayStatusesStale(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
): Promise<void> {
  await db.$executeRaw`
    UPDATE "AgentStatus" SET stale = true
    WHERE "teamId" = ${teamId}::uuid AND "gatewayId" = ${gatewayId}::uuid AND NOT stale`;
}

/** The earliest instant a row of the gateway stops being true by the clock, or null. */
export async function earliestGatewayStatusChange(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
): Promise<Date | null> {
  const [row] = await db.$queryRaw<{ next: Date | null }[]>`
    SELECT min("validUntil") AS next FROM "AgentStatus"
    WHERE "teamId" = ${teamId}::uuid AND "gatewayId" = ${gatewayId}::uuid`;
  return row?.next ?? null;
}

/**
 * Gateways whose stored statuses need a refresh at `now`: a stale row, a row past its `validUntil`, or an
 * agent without a row. One row per gateway.
 */
export async function listGatewaysDueForStatusRefresh(
  db: Db,
  { now }: { now: Date },
): Promise<{ teamId: string; gatewayId: string }[]> {
  return db.$queryRaw<{ teamId: string; gatewayId: string }[]>`
    SELECT DISTINCT "teamId", "gatewayId" FROM "AgentStatus" WHERE stale OR "validUntil" <= ${now.toISOString()}::timestamptz
    UNION
    SELECT DISTINCT a."teamId", a."gatewayId" FROM "Agent" a
    WHERE NOT EXISTS (SELECT 1 FROM "AgentStatus" s WHERE s."agentId" = a.id)`;
}

/** Records the verdict of an agent's newest reported snapshot on its stored row (if it has one). */
export async function recordReportedVerdict(
  db: Db,
  {
    teamId,
    agentId,
    verdict,
    reportedAt,
  }: { teamId: string; agentId: string; verdict: FleetAgentVerdict; reportedAt: Date },
): Promise<boolean> {
  const updated = await db.$executeRaw`
    UPDATE "AgentStatus" SET "reportedVerdict" = ${verdict}, "reportedAt" = ${reportedAt.toISOString()}::timestamptz
    WHERE "teamId" = ${teamId}::uuid AND "agentId" = ${agentId}::uuid
      AND ("reportedAt" IS NULL OR "reportedAt" <= ${reportedAt.toISOString()}::timestamptz)`;
  return updated > 0;
}

// ─── Reads ─────────────────────────────────────────────────────────────────────────────────────────

const SEVERITY_RANK = Prisma.sql`CASE c.severity WHEN 'refused' THEN 0 WHEN 'failing' THEN 1 ELSE 2 END`;

export type StoredVerdictCounts = {
  counts: Record<FleetAgentVerdict, number> & { total: number };
  /** Rows counted with a verdict that may be outdated (stale, past `validUntil`, or not computed yet). */
  updating: number;
  /** Agents without a row yet (counted in `total` and `updating`, in no verdict). */
  uncomputed: number;
};

/** How many agents have each verdict, from stored rows (reported verdicts where newer). */
export async function countStoredVerdicts(
  db: Db,
  { teamId, now }: { teamId: string; now: Date },
): Promise<StoredVerdictCounts> {
  const rows = await db.$queryRaw<{ verdict: FleetAgentVerdict; agents: number; updating: number }[]>`
    SELECT s."effectiveVerdict" AS verdict, count(*)::int AS agents,
      count(*) FILTER (WHERE s.stale OR s."validUntil" <= ${now.toISOString()}::timestamptz)::int AS updating
    FROM "AgentStatus" s WHERE s."teamId" = ${teamId}::uuid GROUP BY 1`;
  const [agents] = await db.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM "Agent" WHERE "teamId" = ${teamId}::uuid`;
  const counts = { ok: 0, expiring: 0, failing: 0, refused: 0, total: agents?.total ?? 0 };
  let updating = 0;
  let stored = 0;
  for (const row of rows) {
    counts[row.verdict] += row.agents;
    updating += row.updating;
    stored += row.agents;
  }
  const uncomputed = Math.max(0, counts.total - stored);
  return { counts, updating: updating + uncomputed, uncomputed };
}

export type StoredAttentionGroup = {
  gatewayId: string;
  gatewayName: string;
  causeKey: string;
  kind: AttentionCause["kind"];
  severity: AttentionSeverity;
  sentence: string;
  detail: Record<string, unknown>;
  instant: Date | null;
  agentCount: number;
};

/**
 * Attention causes grouped by gateway and cause key, worst first (severity, then most agents), at most
 * `limit` groups, with how many groups there are in all. `kinds` keeps only those kinds.
 */
export async function listAttentionGroups(
  db: Db,
  { teamId, limit, kinds }: { teamId: string; limit: number; kinds?: readonly AttentionCause["kind"][] },
): Promise<{ groups: StoredAttentionGroup[]; totalGroups: number }> {
  const kindFilter = kinds ? [...kinds] : null;
  const groups = await db.$queryRaw<StoredAttentionGroup[]>`
    SELECT c."gatewayId", g.name AS "gatewayName", c."causeKey", min(c.kind) AS kind, min(c.severity) AS severity,
      min(c.sentence) AS sentence, (array_agg(c.detail))[1] AS detail, min(c.instant) AS instant,
      count(*)::int AS "agentCount"
    FROM "AgentStatusCause" c JOIN "Gateway" g ON g.id = c."gatewayId"
    WHERE c."teamId" = ${teamId}::uuid AND (${kindFilter}::text[] IS NULL OR c.kind = ANY(${kindFilter}::text[]))
    GROUP BY c."gatewayId", g.name, c."causeKey"
    ORDER BY min(${SEVERITY_RANK}), count(*) DESC, min(c.sentence), g.name, c."causeKey"
    LIMIT ${limit}`;
  const [total] = await db.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM (
      SELECT 1 FROM "AgentStatusCause" c
      WHERE c."teamId" = ${teamId}::uuid AND (${kindFilter}::text[] IS NULL OR c.kind = ANY(${kindFilter}::text[]))
      GROUP BY c."gatewayId", c."causeKey") grouped`;
  return { groups, totalGroups: total?.total ?? 0 };
}

/** A profile as an attention cause names it: its gateway, store key (`shared` or `agent:<id>`) and id. */
export type AttentionProfileRef = { gatewayId: string; store: string; profileId: string };

/**
 * The AuthProfile rows that attention causes name (a bounded list: the groups a page shows), keyed
 * `gatewayId NUL store NUL profileId`. A profile no store holds any more is left out.
 */
export async function resolveAttentionProfiles(
  db: Db,
  { teamId, refs }: { teamId: string; refs: readonly AttentionProfileRef[] },
): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const rows = await db.$queryRaw<(AttentionProfileRef & { id: string })[]>`
    SELECT r."gatewayId", r.store, r."profileId", p.id
    FROM json_to_recordset(${JSON.stringify(refs)}::json) AS r("gatewayId" uuid, store text, "profileId" text)
    JOIN "CredentialStore" s ON s."teamId" = ${teamId}::uuid AND s."gatewayId" = r."gatewayId"
    LEFT JOIN "Agent" a ON a.id = s."agentId"
    JOIN "AuthProfile" p ON p."storeId" = s.id AND p."profileId" = r."profileId"
    WHERE r.store = CASE WHEN s."agentId" IS NULL THEN 'shared' ELSE 'agent:' || a."agentKey" END`;
  return new Map(rows.map((row) => [`${row.gatewayId}\u0000${row.store}\u0000${row.profileId}`, row.id]));
}

export type StoredAgentRef = { agentId: string; agentName: string; gatewayName: string };

/** One page of the agents behind one attention group, by name. */
export async function listAttentionGroupAgents(
  db: Db,
  {
    teamId,
    gatewayId,
    causeKey,
    page,
    pageSize,
  }: { teamId: string; gatewayId: string; causeKey: string; page: number; pageSize: number },
): Promise<{ items: StoredAgentRef[]; total: number }> {
  const items = await db.$queryRaw<StoredAgentRef[]>`
    SELECT a.id AS "agentId", a.name AS "agentName", g.name AS "gatewayName"
    FROM "AgentStatusCause" c JOIN "Agent" a ON a.id = c."agentId" JOIN "Gateway" g ON g.id = a."gatewayId"
    WHERE c."teamId" = ${teamId}::uuid AND c."gatewayId" = ${gatewayId}::uuid AND c."causeKey" = ${causeKey}
    ORDER BY a.name, a.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  const [total] = await db.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM "AgentStatusCause" c
    WHERE c."teamId" = ${teamId}::uuid AND c."gatewayId" = ${gatewayId}::uuid AND c."causeKey" = ${causeKey}`;
  return { items, total: total?.total ?? 0 };
}

export type StoredDriftGroup = {
  gatewayId: string;
  gatewayName: string;
  computedVerdict: FleetAgentVerdict;
  reportedVerdict: FleetAgentVerdict;
  agentCount: number;
  /** A few of the agents, by name, for the page to name and link. */
  sample: StoredAgentRef[];
};

/** Agents whose newest report (newer than the computation) gives another verdict, grouped, most agents first. */
export async function listDriftGroups(
  db: Db,
  { teamId, limit, sampleSize }: { teamId: string; limit: number; sampleSize: number },
): Promise<{ groups: StoredDriftGroup[]; totalAgents: number }> {
  const groups = await db.$queryRaw<(Omit<StoredDriftGroup, "sample"> & { sample: StoredAgentRef[] })[]>`
    SELECT s."gatewayId", g.name AS "gatewayName", s.verdict AS "computedVerdict",
      s."reportedVerdict" AS "reportedVerdict", count(*)::int AS "agentCount",
      (array_agg(json_build_object('agentId', a.id, 'agentName', a.name, 'gatewayName', g.name)
        ORDER BY a.name, a.id))[1:${sampleSize}] AS sample
    FROM "AgentStatus" s JOIN "Agent" a ON a.id = s."agentId" JOIN "Gateway" g ON g.id = s."gatewayId"
    WHERE s."teamId" = ${teamId}::uuid AND s."reportedAt" > s."computedAt" AND s."reportedVerdict" <> s.verdict
    GROUP BY s."gatewayId", g.name, s.verdict, s."reportedVerdict"
    ORDER BY count(*) DESC, g.name LIMIT ${limit}`;
  const [total] = await db.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM "AgentStatus" s
    WHERE s."teamId" = ${teamId}::uuid AND s."reportedAt" > s."computedAt" AND s."reportedVerdict" <> s.verdict`;
  return { groups, totalAgents: total?.total ?? 0 };
}

/** The stored outcome of one agent, as computed at `computedAt`. */
export async function findStoredStatus(
  db: Db,
  { teamId, agentId }: { teamId: string; agentId: string },
): Promise<{
  outcome: ModelsStatusOutcome;
  computedAt: Date;
  validUntil: Date | null;
  stale: boolean;
} | null> {
  const [row] = await db.$queryRaw<
    { outcome: ModelsStatusOutcome; computedAt: Date; validUntil: Date | null; stale: boolean }[]
  >`
    SELECT outcome, "computedAt", "validUntil", stale FROM "AgentStatus"
    WHERE "teamId" = ${teamId}::uuid AND "agentId" = ${agentId}::uuid`;
  return row ?? null;
}

/** Marks some agents' rows stale (a bounded selection, e.g. one agent of a bulk edit). */
export async function markAgentStatusesStale(
  db: Db,
  { teamId, agentIds }: { teamId: string; agentIds: readonly string[] },
): Promise<void> {
  for (const batch of inBatches(agentIds, STATUS_WRITE_BATCH_ROWS))
    await db.$executeRaw`
      UPDATE "AgentStatus" SET stale = true WHERE "teamId" = ${teamId}::uuid AND "agentId" = ANY(${batch}::uuid[])`;
}

/** Core's unusable-profile entry as stored: the window's end as a date. */
export type StoredUnusableProfile = Omit<FleetUnusableProfile, "until"> & { until: Date };

/** Profiles in a cooldown or disable window at `now`, once per gateway, profile and window, soonest end first. */
export async function listUnusableProfiles(
  db: Db,
  { teamId, now, limit }: { teamId: string; now: Date; limit: number },
): Promise<StoredUnusableProfile[]> {
  return db.$queryRaw<StoredUnusableProfile[]>`
    SELECT f."gatewayId", g.name AS "gatewayName", f.subject AS "profileId", min(f.provider) AS provider, f.kind,
      f.reason, min(f."recoveryHint") AS "recoveryHint", max(f.instant) AS until, count(*)::int AS "agentCount"
    FROM "AgentStatusFact" f JOIN "Gateway" g ON g.id = f."gatewayId"
    WHERE f."teamId" = ${teamId}::uuid AND f.kind IN ('cooldown', 'disabled')
      AND f.instant > ${now.toISOString()}::timestamptz
    GROUP BY f."gatewayId", g.name, f.subject, f.kind, f.reason
    ORDER BY max(f.instant), g.name, f.subject LIMIT ${limit}`;
}

/** Core's expiring-credential entry as stored: the expiry as a date; `expired` is derived when read. */
export type StoredExpiringCredential = Omit<FleetExpiringCredential, "expiresAt" | "expired" | "type"> & {
  type: "token" | "oauth";
  expiresAt: Date;
};

/** Tokens and OAuth sign-ins expiring before `until` (expired ones included), once per gateway and profile. */
export async function listExpiringCredentials(
  db: Db,
  { teamId, until, limit }: { teamId: string; until: Date; limit: number },
): Promise<StoredExpiringCredential[]> {
  return db.$queryRaw<StoredExpiringCredential[]>`
    SELECT f."gatewayId", g.name AS "gatewayName", f.subject AS "profileId", min(f.provider) AS provider,
      min(f."credentialType") AS type, min(f.instant) AS "expiresAt", count(*)::int AS "agentCount"
    FROM "AgentStatusFact" f JOIN "Gateway" g ON g.id = f."gatewayId"
    WHERE f."teamId" = ${teamId}::uuid AND f.kind = 'expiry' AND f.instant <= ${until.toISOString()}::timestamptz
    GROUP BY f."gatewayId", g.name, f.subject
    ORDER BY min(f.instant), g.name, f.subject LIMIT ${limit}`;
}

/** Providers agents use with no auth, with how many agents. */
export async function listMissingProviders(
  db: Db,
  { teamId, limit }: { teamId: string; limit: number },
): Promise<{ provider: string; agentCount: number }[]> {
  return db.$queryRaw<{ provider: string; agentCount: number }[]>`
    SELECT f.subject AS provider, count(*)::int AS "agentCount" FROM "AgentStatusFact" f
    WHERE f."teamId" = ${teamId}::uuid AND f.kind = 'missing_provider'
    GROUP BY f.subject ORDER BY f.subject LIMIT ${limit}`;
}

// ─── Auth matrix ───────────────────────────────────────────────────────────────────────────────────

export type AuthMatrixStoredFilter = "expiring" | "cooldown" | "disabled";

export type StoredMatrixRow = {
  agentId: string;
  agentName: string;
  gatewayId: string;
  gatewayName: string;
  outcome: ModelsStatusOutcome;
  computedAt: Date;
};

type MatrixScope = {
  teamId: string;
  search?: string;
  gatewayId?: string;
  now: Date;
  horizonMs: number;
};

/** The matrix filters as SQL over the stored facts (core `authMatrixFactsMatch`). */
function matrixFilterSql(filter: AuthMatrixStoredFilter | undefined, now: Date, horizonMs: number) {
  const at = now.toISOString();
  switch (filter) {
    case undefined:
      return Prisma.sql`TRUE`;
    case "expiring":
      return Prisma.sql`s."expiresAt" <= ${new Date(now.getTime() + horizonMs).toISOString()}::timestamptz`;
    case "cooldown":
      return Prisma.sql`s."cooldownUntil" > ${at}::timestamptz`;
    case "disabled":
      return Prisma.sql`s."disabledUntil" > ${at}::timestamptz`;
  }
}

function matrixScopeSql({ teamId, search, gatewayId }: MatrixScope) {
  const needle = search?.trim().toLowerCase() ?? "";
  return Prisma.sql`s."teamId" = ${teamId}::uuid
    AND (${gatewayId ?? null}::uuid IS NULL OR s."gatewayId" = ${gatewayId ?? null}::uuid)
    AND (${needle} = '' OR position(${needle} in lower(a.name)) > 0)`;
}

/** The matrix's row order: the sort's column, then agent name and id (agents without a verdict last). */
function matrixOrderSql(sort: AuthMatrixSort | undefined) {
  const direction = Prisma.raw(sort?.direction === "desc" ? "DESC" : "ASC");
  switch (sort?.key) {
    case undefined:
    case "name":
      return Prisma.sql`a.name ${direction}, a.id ${direction}`;
    case "gateway":
      return Prisma.sql`g.name ${direction}, a.name, a.id`;
    case "health":
      return Prisma.sql`s."verdictRank" ${direction} NULLS LAST, a.name, a.id`;
  }
}

/**
 * One page of stored rows for the auth matrix (by agent name, or `sort`), the total matching `filter`, the per-filter
 * counts within the search and gateway, and every provider of the team's rows (the matrix's columns).
 */
export async function listAuthMatrixStatusPage(
  db: Db,
  scope: MatrixScope & {
    filter?: AuthMatrixStoredFilter;
    sort?: AuthMatrixSort;
    page: number;
    pageSize: number;
  },
): Promise<{
  rows: StoredMatrixRow[];
  total: number;
  counts: Record<AuthMatrixStoredFilter, number>;
  providers: string[];
}> {
  const where = matrixScopeSql(scope);
  const filter = matrixFilterSql(scope.filter, scope.now, scope.horizonMs);
  const rows = await db.$queryRaw<StoredMatrixRow[]>`
    SELECT s."agentId", a.name AS "agentName", s."gatewayId", g.name AS "gatewayName", s.outcome, s."computedAt"
    FROM "AgentStatus" s JOIN "Agent" a ON a.id = s."agentId" JOIN "Gateway" g ON g.id = s."gatewayId"
    WHERE ${where} AND ${filter}
    ORDER BY ${matrixOrderSql(scope.sort)} LIMIT ${scope.pageSize} OFFSET ${(scope.page - 1) * scope.pageSize}`;
  const [counted] = await db.$queryRaw<({ total: number } & Record<AuthMatrixStoredFilter, number>)[]>`
    SELECT count(*) FILTER (WHERE ${filter})::int AS total,
      count(*) FILTER (WHERE ${matrixFilterSql("expiring", scope.now, scope.horizonMs)})::int AS expiring,
      count(*) FILTER (WHERE ${matrixFilterSql("cooldown", scope.now, scope.horizonMs)})::int AS cooldown,
      count(*) FILTER (WHERE ${matrixFilterSql("disabled", scope.now, scope.horizonMs)})::int AS disabled
    FROM "AgentStatus" s JOIN "Agent" a ON a.id = s."agentId" WHERE ${where}`;
  const providers = await db.$queryRaw<{ provider: string }[]>`
    SELECT DISTINCT unnest(providers) AS provider FROM "AgentStatus"
    WHERE "teamId" = ${scope.teamId}::uuid ORDER BY provider`;
  return {
    rows,
    total: counted?.total ?? 0,
    counts: {
      expiring: counted?.expiring ?? 0,
      cooldown: counted?.cooldown ?? 0,
      disabled: counted?.disabled ?? 0,
    },
    providers: providers.map((row) => row.provider),
  };
}

/** The agents matching a matrix view, by name: at most `limit`, with the total. */
export async function listAuthMatrixMatchingAgents(
  db: Db,
  scope: MatrixScope & { filter?: AuthMatrixStoredFilter; limit: number },
): Promise<{ agents: { agentId: string; agentName: string }[]; total: number }> {
  const where = matrixScopeSql(scope);
  const filter = matrixFilterSql(scope.filter, scope.now, scope.horizonMs);
  const agents = await db.$queryRaw<{ agentId: string; agentName: string }[]>`
    SELECT s."agentId", a.name AS "agentName" FROM "AgentStatus" s JOIN "Agent" a ON a.id = s."agentId"
    WHERE ${where} AND ${filter} ORDER BY a.name, a.id LIMIT ${scope.limit}`;
  const [counted] = await db.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM "AgentStatus" s JOIN "Agent" a ON a.id = s."agentId"
    WHERE ${where} AND ${filter}`;
  return { agents, total: counted?.total ?? 0 };
}

/** Stored rows of chosen agents (a bounded selection, e.g. the bulk edit cap), for building their cells. */
export async function listStoredStatusesOf(
  db: Db,
  { teamId, agentIds }: { teamId: string; agentIds: readonly string[] },
): Promise<StoredMatrixRow[]> {
  const rows: StoredMatrixRow[] = [];
  for (const batch of inBatches(agentIds, STATUS_WRITE_BATCH_ROWS))
    rows.push(
      ...(await db.$queryRaw<StoredMatrixRow[]>`
        SELECT s."agentId", a.name AS "agentName", s."gatewayId", g.name AS "gatewayName", s.outcome,
          s."computedAt"
        FROM "AgentStatus" s JOIN "Agent" a ON a.id = s."agentId" JOIN "Gateway" g ON g.id = s."gatewayId"
        WHERE s."teamId" = ${teamId}::uuid AND s."agentId" = ANY(${[...batch]}::uuid[])
        ORDER BY a.name, a.id`),
    );
  return rows;
}
