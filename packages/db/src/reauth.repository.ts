/**
 * Persistence of re-auth requests: the profiles they cover, their timeline, guarded state moves, and
 * writing a pasted credential into a profile. Decisions (which move is allowed, which agents a profile
 * reaches, when a request lapses, which windows a re-auth lifts) are made by the callers (core and the
 * re-auth use cases); this file only reads and writes.
 */
import type { UsageStatsEntry } from "@clawfleet/core/auth-profiles/auth-store.schema";
import type { AuthProfileType, SecretField } from "@clawfleet/core/fleet/auth-profile";
import { DomainError } from "@clawfleet/core/domain-error";
import type { ReauthMethod, ReauthState } from "@clawfleet/core/reauth/reauth-request";
import type { ReauthTarget } from "@clawfleet/core/reauth/reauth.schema";
import type {
  ReauthCoveredProfile,
  ReauthRequestView,
  ReauthTimelineEntry,
} from "@clawfleet/core/reauth/reauth-view";
import { sealSecrets } from "./auth-profile.repository";
import type { Db, Prisma } from "./client";
import type { SecretBox } from "./secret-box";
import { columnsFromUsageStats, usageStatsColumnsSelect, usageStatsFromColumns } from "./usage-stats-columns";

const AGENT_SAMPLE_SIZE = 200;

const coveredProfileSelect = {
  id: true,
  profileId: true,
  provider: true,
  type: true,
  expires: true,
  cooldownUntil: true,
  cooldownReason: true,
  disabledUntil: true,
  disabledReason: true,
  secrets: { select: { mask: true }, orderBy: { field: "asc" } },
  store: {
    select: {
      gatewayId: true,
      agentId: true,
      gateway: { select: { name: true } },
      agent: { select: { name: true, agentKey: true } },
    },
  },
} satisfies Prisma.AuthProfileSelect;

type CoveredProfileRow = Prisma.AuthProfileGetPayload<{ select: typeof coveredProfileSelect }>;

function toCoveredProfile(row: CoveredProfileRow): ReauthCoveredProfile {
  return {
    authProfileId: row.id,
    profileId: row.profileId,
    provider: row.provider,
    type: row.type,
    gatewayId: row.store.gatewayId,
    gatewayName: row.store.gateway.name,
    owner:
      row.store.agentId && row.store.agent
        ? {
            kind: "agent",
            agentId: row.store.agentId,
            agentName: row.store.agent.name,
            agentKey: row.store.agent.agentKey,
          }
        : { kind: "shared" },
    expires: row.expires,
    masks: row.secrets.map((secret) => secret.mask),
    cooldownUntil: row.cooldownUntil,
    cooldownReason: row.cooldownReason,
    disabledUntil: row.disabledUntil,
    disabledReason: row.disabledReason,
  };
}

/**
 * The profiles a target names, in the caller's team: the listed rows, or every profile holding the
 * fingerprinted secret in any field. Ids of another team are simply not found.
 */
export async function listReauthTargetProfiles(
  db: Db,
  { teamId, target }: { teamId: string; target: ReauthTarget },
): Promise<ReauthCoveredProfile[]> {
  const where: Prisma.AuthProfileWhereInput =
    "fingerprint" in target
      ? { teamId, secrets: { some: { fingerprint: target.fingerprint } } }
      : { teamId, id: { in: target.authProfileIds } };
  const rows = await db.authProfile.findMany({
    where,
    select: coveredProfileSelect,
    orderBy: [{ profileId: "asc" }, { id: "asc" }],
  });
  return rows.map(toCoveredProfile);
}

/**
 * Which requests are still open at an instant: in one of `states` (the caller's open states) and not lapsed,
 * i.e. no stored lapse instant at or before `at`.
 */
export type OpenAt = { states: readonly ReauthState[]; at: Date };

function openAt({ states, at }: OpenAt): Prisma.ReauthRequestWhereInput {
  return { state: { in: [...states] }, OR: [{ lapsesAt: null }, { lapsesAt: { gt: at } }] };
}

/** A request open at `open.at` that already covers any of these profiles: one re-auth per profile at a time. */
export async function findOpenReauthCovering(
  db: Db,
  { teamId, authProfileIds, open }: { teamId: string; authProfileIds: string[]; open: OpenAt },
): Promise<{ requestId: string; profileLabel: string } | null> {
  const found = await db.reauthRequest.findFirst({
    where: {
      teamId,
      ...openAt(open),
      profiles: { some: { authProfileId: { in: authProfileIds } } },
    },
    select: { id: true, profileLabel: true },
  });
  return found ? { requestId: found.id, profileLabel: found.profileLabel } : null;
}

export async function createReauthRequest(
  tx: Db,
  request: {
    teamId: string;
    method: ReauthMethod;
    provider: string;
    profileLabel: string;
    fingerprint: string | null;
    authProfileIds: string[];
    agentIds: string[];
    requestedById: string;
    assigneeId: string | null;
    deadline: Date | null;
    /** Core's `reauthLapsesAt` of the new request. */
    lapsesAt: Date | null;
    /** The use case's clock, not the database's: a report is compared with it to verify the request. */
    createdAt: Date;
  },
): Promise<{ id: string; version: number }> {
  return tx.reauthRequest.create({
    data: {
      teamId: request.teamId,
      method: request.method,
      provider: request.provider,
      profileLabel: request.profileLabel,
      fingerprint: request.fingerprint,
      authProfileId: request.authProfileIds[0] ?? null,
      requestedById: request.requestedById,
      assigneeId: request.assigneeId,
      deadline: request.deadline,
      lapsesAt: request.lapsesAt,
      createdAt: request.createdAt,
      profiles: {
        createMany: {
          data: request.authProfileIds.map((authProfileId) => ({ authProfileId })),
        },
      },
      agents: { createMany: { data: request.agentIds.map((agentId) => ({ agentId })) } },
    },
    select: { id: true, version: true },
  });
}

export async function recordReauthEvent(
  tx: Db,
  event: {
    teamId: string;
    requestId: string;
    kind: ReauthTimelineEntry["kind"];
    actor: { id: string | null; label: string };
    /** Names, counts, masks and instants; Dates are stored as ISO strings. */
    detail?: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  await tx.reauthEvent.create({
    data: {
      teamId: event.teamId,
      requestId: event.requestId,
      kind: event.kind,
      actorId: event.actor.id,
      actorLabel: event.actor.label,
      detail:
        event.detail === undefined
          ? undefined
          : (JSON.parse(JSON.stringify(event.detail)) as Prisma.InputJsonValue),
      createdAt: event.at,
    },
  });
}

/** Extra conditions a move requires besides the request's state. */
export type ReauthMoveGuard = {
  /** The version the caller saw. */
  version?: number;
  /** The link the caller holds (by its hash) is still the current one (its expiry is in the lapse instant). */
  linkTokenHash?: string;
  /** The request's stored lapse instant is at or before this one (what an expiry requires). */
  lapsedAt?: Date;
  /** The request has no stored lapse instant at or before this one (what every other move requires). */
  notLapsedAt?: Date;
};

/** Columns a move sets besides the state and version. */
export type ReauthMoveChanges = {
  linkTokenHash?: string | null;
  linkExpiresAt?: Date | null;
  submissionKey?: string;
  submittedById?: string;
  submittedAt?: Date;
  appliedAt?: Date;
  verifiedAt?: Date;
  cancelledAt?: Date;
  expiredAt?: Date;
};

function lapseGuard({ lapsedAt, notLapsedAt }: ReauthMoveGuard): Prisma.ReauthRequestWhereInput {
  return {
    ...(lapsedAt ? { lapsesAt: { lte: lapsedAt } } : {}),
    ...(notLapsedAt ? { OR: [{ lapsesAt: null }, { lapsesAt: { gt: notLapsedAt } }] } : {}),
  };
}

/**
 * Moves a request only if it is still in one of `from` (and passes `guard`): a conditional update, so of
 * racing moves exactly one takes effect; Postgres re-checks the condition after waiting on the row lock.
 */
export async function moveReauthRequest(
  tx: Db,
  {
    teamId,
    requestId,
    from,
    to,
    guard = {},
    changes,
  }: {
    teamId: string;
    requestId: string;
    from: readonly ReauthState[];
    to: ReauthState;
    guard?: ReauthMoveGuard;
    /** `lapsesAt`: when the request lapses in its new state (core `reauthLapsesAt`), null if never. */
    changes: ReauthMoveChanges & { lapsesAt: Date | null };
  },
): Promise<boolean> {
  const { count } = await tx.reauthRequest.updateMany({
    where: {
      id: requestId,
      teamId,
      state: { in: [...from] },
      ...(guard.version === undefined ? {} : { version: guard.version }),
      ...(guard.linkTokenHash === undefined ? {} : { linkTokenHash: guard.linkTokenHash }),
      ...lapseGuard(guard),
    },
    data: { ...changes, state: to, version: { increment: 1 } },
  });
  return count === 1;
}

const linkRequestSelect = {
  id: true,
  teamId: true,
  state: true,
  method: true,
  provider: true,
  profileLabel: true,
  deadline: true,
  linkExpiresAt: true,
  assigneeId: true,
  submissionKey: true,
  submittedById: true,
  appliedAt: true,
} satisfies Prisma.ReauthRequestSelect;

export type ReauthRequestByLink = Prisma.ReauthRequestGetPayload<{ select: typeof linkRequestSelect }>;

/** The request a hand-off link belongs to, by the link's hash; the token itself is never stored. */
export function findReauthRequestByLinkHash(
  db: Db,
  linkTokenHash: string,
): Promise<ReauthRequestByLink | null> {
  return db.reauthRequest.findUnique({ where: { linkTokenHash }, select: linkRequestSelect });
}

const requestViewSelect = {
  id: true,
  state: true,
  method: true,
  provider: true,
  profileLabel: true,
  fingerprint: true,
  requestedById: true,
  assigneeId: true,
  deadline: true,
  linkTokenHash: true,
  linkExpiresAt: true,
  createdAt: true,
  submittedAt: true,
  appliedAt: true,
  verifiedAt: true,
  cancelledAt: true,
  expiredAt: true,
  version: true,
  profiles: { select: { profile: { select: coveredProfileSelect } } },
  agents: {
    select: {
      agent: { select: { id: true, name: true, agentKey: true, gateway: { select: { name: true } } } },
    },
    orderBy: { agent: { name: "asc" } },
    take: AGENT_SAMPLE_SIZE,
  },
  _count: { select: { agents: true } },
  events: {
    select: { kind: true, actorLabel: true, createdAt: true, detail: true },
    orderBy: { id: "asc" },
  },
} satisfies Prisma.ReauthRequestSelect;

type RequestViewRow = Prisma.ReauthRequestGetPayload<{ select: typeof requestViewSelect }>;

async function toViews(db: Db, rows: RequestViewRow[]): Promise<ReauthRequestView[]> {
  const userIds = [
    ...new Set(rows.flatMap((row) => [row.requestedById, ...(row.assigneeId ? [row.assigneeId] : [])])),
  ];
  const users = new Map(
    (
      await db.user.findMany({
        where: { id: { in: userIds } },
        select: { id: true, email: true, name: true },
      })
    ).map((user) => [user.id, user]),
  );
  return rows.map((row) => {
    const assignee = row.assigneeId ? users.get(row.assigneeId) : undefined;
    return {
      id: row.id,
      state: row.state,
      method: row.method,
      provider: row.provider,
      profileLabel: row.profileLabel,
      fingerprint: row.fingerprint,
      requestedBy: { id: row.requestedById, label: users.get(row.requestedById)?.email ?? "(removed user)" },
      assignee: assignee ?? null,
      deadline: row.deadline,
      linkExpiresAt: row.linkExpiresAt,
      hasLiveLink: row.state === "link_issued" && row.linkTokenHash !== null,
      createdAt: row.createdAt,
      submittedAt: row.submittedAt,
      appliedAt: row.appliedAt,
      verifiedAt: row.verifiedAt,
      cancelledAt: row.cancelledAt,
      expiredAt: row.expiredAt,
      version: row.version,
      profiles: row.profiles.map(({ profile }) => toCoveredProfile(profile)),
      agentCount: row._count.agents,
      agents: row.agents.map(({ agent }) => ({
        id: agent.id,
        name: agent.name,
        agentKey: agent.agentKey,
        gatewayName: agent.gateway.name,
      })),
      timeline: row.events.map((event) => ({
        kind: event.kind as ReauthTimelineEntry["kind"],
        actorLabel: event.actorLabel,
        at: event.createdAt,
        detail: event.detail,
      })),
    };
  });
}

export async function findReauthRequest(
  db: Db,
  { teamId, requestId }: { teamId: string; requestId: string },
): Promise<ReauthRequestView | null> {
  const row = await db.reauthRequest.findFirst({
    where: { id: requestId, teamId },
    select: requestViewSelect,
  });
  return row ? ((await toViews(db, [row]))[0] ?? null) : null;
}

/** Newest first (soonest deadline first with `deadlineBefore`), optionally only open ones or one agent's. */
export async function listReauthRequests(
  db: Db,
  {
    teamId,
    open,
    agentId,
    deadlineBefore,
    limit,
  }: {
    teamId: string;
    /** Only requests open at an instant (see {@link OpenAt}). */
    open?: OpenAt;
    agentId?: string;
    deadlineBefore?: Date;
    limit: number;
  },
): Promise<ReauthRequestView[]> {
  const rows = await db.reauthRequest.findMany({
    where: {
      teamId,
      ...(open ? openAt(open) : {}),
      ...(agentId ? { agents: { some: { agentId } } } : {}),
      ...(deadlineBefore ? { deadline: { not: null, lte: deadlineBefore } } : {}),
    },
    select: requestViewSelect,
    orderBy: deadlineBefore ? [{ deadline: "asc" }] : [{ createdAt: "desc" }, { id: "asc" }],
    take: limit,
  });
  return toViews(db, rows);
}

/** Ids of requests whose stored lapse instant is at or before `now`, longest lapsed first: the backstop sweep. */
export async function listLapsedReauthRequestIds(
  db: Db,
  { now, limit }: { now: Date; limit: number },
): Promise<string[]> {
  const rows = await db.reauthRequest.findMany({
    where: { lapsesAt: { lte: now } },
    orderBy: [{ lapsesAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/**
 * What the schedule's use cases (expiry, reminder) need of one request: its state and the instants its lapse
 * and reminder come from, and what its webhook event names. Null when there is no such request.
 */
export async function findScheduledReauthRequest(db: Db, { requestId }: { requestId: string }) {
  const row = await db.reauthRequest.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      teamId: true,
      state: true,
      method: true,
      provider: true,
      profileLabel: true,
      deadline: true,
      linkExpiresAt: true,
      remindedAt: true,
      _count: { select: { agents: true } },
    },
  });
  if (!row) return null;
  const { _count, ...request } = row;
  return { ...request, agentCount: _count.agents };
}

/**
 * Marks the deadline reminder sent, once: only if no reminder went out yet, the request is open at `open.at`
 * and its deadline is at or before `deadlineBefore`. True when this call marked it.
 */
export async function markReauthReminded(
  tx: Db,
  { requestId, open, deadlineBefore }: { requestId: string; open: OpenAt; deadlineBefore: Date },
): Promise<boolean> {
  const { count } = await tx.reauthRequest.updateMany({
    where: {
      id: requestId,
      remindedAt: null,
      deadline: { not: null, lte: deadlineBefore },
      ...openAt(open),
    },
    data: { remindedAt: open.at },
  });
  return count === 1;
}

/** Ids of requests open at `open.at`, not reminded yet, whose deadline is at or before `deadlineBefore`. */
export async function listDueReauthReminderIds(
  db: Db,
  { open, deadlineBefore, limit }: { open: OpenAt; deadlineBefore: Date; limit: number },
): Promise<string[]> {
  const rows = await db.reauthRequest.findMany({
    where: { remindedAt: null, deadline: { not: null, lte: deadlineBefore }, ...openAt(open) },
    orderBy: [{ deadline: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/**
 * Requests that a reported snapshot of `agentId` may complete: applied or pushed ones (to be verified) and OAuth
 * ones waiting for the sign-in on the host. With the profile ids they cover.
 */
export async function listReauthAwaitingReport(
  db: Db,
  { teamId, agentId }: { teamId: string; agentId: string },
) {
  return db.reauthRequest.findMany({
    where: {
      teamId,
      agents: { some: { agentId } },
      OR: [
        { state: { in: ["applied", "pushed"] } },
        { method: "oauth", state: { in: ["link_issued", "credential_submitted"] } },
      ],
    },
    select: {
      id: true,
      state: true,
      method: true,
      provider: true,
      profileLabel: true,
      deadline: true,
      linkExpiresAt: true,
      createdAt: true,
      appliedAt: true,
      profiles: { select: { authProfileId: true, profile: { select: { profileId: true } } } },
      _count: { select: { agents: true } },
    },
  });
}

/** The covered profile ids and agent count of a request, for follow-up writes. */
export async function findReauthCoverage(
  db: Db,
  { teamId, requestId }: { teamId: string; requestId: string },
) {
  const row = await db.reauthRequest.findFirst({
    where: { id: requestId, teamId },
    select: {
      id: true,
      state: true,
      method: true,
      provider: true,
      profileLabel: true,
      deadline: true,
      linkExpiresAt: true,
      version: true,
      profiles: { select: { authProfileId: true } },
      _count: { select: { agents: true } },
    },
  });
  if (!row) throw new DomainError("NOT_FOUND", "Re-auth request not found.");
  return {
    ...row,
    authProfileIds: row.profiles.map((profile) => profile.authProfileId),
    agentCount: row._count.agents,
  };
}

const appliedProfileSelect = {
  id: true,
  profileId: true,
  type: true,
  expires: true,
  version: true,
  store: { select: { gatewayId: true } },
  secrets: { select: { field: true, fingerprint: true, mask: true }, orderBy: { field: "asc" } },
  ...usageStatsColumnsSelect,
} satisfies Prisma.AuthProfileSelect;

type AppliedProfileRow = Prisma.AuthProfileGetPayload<{ select: typeof appliedProfileSelect }>;

/** What the audit trail records of a profile around a re-auth: masks, fingerprints, type, windows. */
export type ReauthProfileState = {
  profileId: string;
  type: AuthProfileType;
  expires: Date | null;
  secrets: { field: SecretField; fingerprint: string; mask: string }[];
  cooldownUntil: Date | null;
  cooldownReason: string | null;
  disabledUntil: Date | null;
  disabledReason: string | null;
  errorCount: number;
  version: number;
};

function profileState(row: AppliedProfileRow): ReauthProfileState {
  return {
    profileId: row.profileId,
    type: row.type,
    expires: row.expires,
    secrets: row.secrets,
    cooldownUntil: row.cooldownUntil,
    cooldownReason: row.cooldownReason,
    disabledUntil: row.disabledUntil,
    disabledReason: row.disabledReason,
    errorCount: row.errorCount,
    version: row.version,
  };
}

/** A covered profile as the audit trail records it, its usage stats, and its gateway. */
export async function findReauthProfileState(
  db: Db,
  { teamId, authProfileId }: { teamId: string; authProfileId: string },
): Promise<{ state: ReauthProfileState; usage: UsageStatsEntry; gatewayId: string } | null> {
  const row = await db.authProfile.findFirst({
    where: { id: authProfileId, teamId },
    select: appliedProfileSelect,
  });
  return row
    ? { state: profileState(row), usage: usageStatsFromColumns(row), gatewayId: row.store.gatewayId }
    : null;
}

/**
 * Writes one new secret into a profile: encrypted for its row and field (the old secret fields are
 * replaced), type, expiry and usage stats set, version bumped. The plaintext goes only through
 * `sealSecrets`; Prisma sees ciphertext, fingerprint and mask.
 */
export async function replaceProfileCredential(
  tx: Db,
  box: SecretBox,
  {
    teamId,
    authProfileId,
    type,
    field,
    plaintext,
    expires,
    usage,
  }: {
    teamId: string;
    authProfileId: string;
    type: AuthProfileType;
    field: SecretField;
    plaintext: string;
    expires: Date | null;
    usage: UsageStatsEntry;
  },
): Promise<void> {
  await tx.authProfileSecret.deleteMany({ where: { authProfileId, teamId } });
  await tx.authProfileSecret.createMany({
    data: sealSecrets(box, teamId, authProfileId, { [field]: plaintext }).map((secret) => ({
      ...secret,
      authProfileId,
    })),
  });
  const columns = columnsFromUsageStats(usage);
  await tx.authProfile.update({
    where: { id: authProfileId },
    data: {
      ...columns,
      failureCounts: columns.failureCounts as Prisma.InputJsonValue,
      type,
      expires,
      version: { increment: 1 },
    },
  });
}

/** Whether `userId` belongs to `teamId` (any role): assignees and link users must be members. */
export async function isTeamMember(db: Db, { teamId, userId }: { teamId: string; userId: string }) {
  return (await db.membership.count({ where: { teamId, userId } })) > 0;
}

/** Ids bound per query: far below Postgres's parameter limit, whatever an import removes. */
const PROFILE_ID_BATCH = 10_000;

export type RequestOfRemovedProfile = {
  id: string;
  state: ReauthState;
  method: ReauthMethod;
  deadline: Date | null;
  linkExpiresAt: Date | null;
  provider: string;
  profileLabel: string;
  agentCount: number;
};

/** The requests in one of `states` that cover any of these profiles (e.g. the profiles an import removes). */
export async function listReauthRequestsCoveringProfiles(
  db: Db,
  {
    teamId,
    authProfileIds,
    states,
  }: { teamId: string; authProfileIds: readonly string[]; states: readonly ReauthState[] },
): Promise<RequestOfRemovedProfile[]> {
  const found = new Map<string, RequestOfRemovedProfile>();
  for (let start = 0; start < authProfileIds.length; start += PROFILE_ID_BATCH) {
    const rows = await db.reauthRequest.findMany({
      where: {
        teamId,
        state: { in: [...states] },
        profiles: { some: { authProfileId: { in: authProfileIds.slice(start, start + PROFILE_ID_BATCH) } } },
      },
      select: {
        id: true,
        state: true,
        method: true,
        deadline: true,
        linkExpiresAt: true,
        provider: true,
        profileLabel: true,
        _count: { select: { agents: true } },
      },
      orderBy: { createdAt: "asc" },
    });
    for (const { _count, ...row } of rows) found.set(row.id, { ...row, agentCount: _count.agents });
  }
  return [...found.values()];
}
