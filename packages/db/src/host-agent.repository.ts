/**
 * Host agents and their enrolment tokens. An enrolment token (`cfe_…`) and an agent credential (`cfa_…`) are
 * each 256 random bits in base64url, returned once by the call that makes them; only their sha256 (and, for a
 * credential, its last four characters) is stored.
 */
import { createHash, randomBytes } from "node:crypto";
import { AGENT_CREDENTIAL_PATTERN, ENROLMENT_TOKEN_PATTERN } from "@clawfleet/core/connector/host-channel";
import type { Db } from "./client";

/** Postgres channel told the id of every revoked agent, so a poll held by any console instance ends. */
export const HOST_AGENT_REVOKED_CHANNEL = "clawfleet_host_agents";

export function hashHostSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

function issueHostSecret(prefix: "cfe_" | "cfa_"): { secret: string; hash: string; hint: string } {
  const secret = `${prefix}${randomBytes(32).toString("base64url")}`;
  return { secret, hash: hashHostSecret(secret), hint: secret.slice(-4) };
}

export type HostAgentRecord = {
  id: string;
  teamId: string;
  gatewayId: string;
  credentialHint: string;
  agentVersion: string;
  openclawVersion: string | null;
  hostname: string;
  enrolledAt: Date;
  enrolledById: string | null;
  lastSeenAt: Date | null;
  rotatedAt: Date | null;
  revokedAt: Date | null;
  revokedById: string | null;
  version: number;
};

const hostAgentSelect = {
  id: true,
  teamId: true,
  gatewayId: true,
  credentialHint: true,
  agentVersion: true,
  openclawVersion: true,
  hostname: true,
  enrolledAt: true,
  enrolledById: true,
  lastSeenAt: true,
  rotatedAt: true,
  revokedAt: true,
  revokedById: true,
  version: true,
} as const;

export type HostFactsColumns = { agentVersion: string; openclawVersion: string | null; hostname: string };

export async function createHostEnrolment(
  db: Db,
  {
    teamId,
    gatewayId,
    createdById,
    createdAt,
    expiresAt,
  }: { teamId: string; gatewayId: string; createdById: string | null; createdAt: Date; expiresAt: Date },
): Promise<{ token: string; enrolmentId: string; expiresAt: Date }> {
  const { secret, hash } = issueHostSecret("cfe_");
  const row = await db.hostEnrolment.create({
    data: { teamId, gatewayId, tokenHash: hash, createdById, createdAt, expiresAt },
    select: { id: true },
  });
  return { token: secret, enrolmentId: row.id, expiresAt };
}

export type HostEnrolmentRecord = {
  id: string;
  teamId: string;
  gatewayId: string;
  expiresAt: Date;
  usedAt: Date | null;
  createdById: string | null;
};

/** The enrolment a token names (used or not, expired or not), or null for a malformed or unknown token. */
export async function findHostEnrolmentByToken(db: Db, token: string): Promise<HostEnrolmentRecord | null> {
  if (!ENROLMENT_TOKEN_PATTERN.test(token)) return null;
  return db.hostEnrolment.findUnique({
    where: { tokenHash: hashHostSecret(token) },
    select: { id: true, teamId: true, gatewayId: true, expiresAt: true, usedAt: true, createdById: true },
  });
}

/** Marks the enrolment used if it is still unused and unexpired at `now`; of racing claims one wins. */
export async function claimHostEnrolment(
  db: Db,
  { enrolmentId, now }: { enrolmentId: string; now: Date },
): Promise<boolean> {
  const { count } = await db.hostEnrolment.updateMany({
    where: { id: enrolmentId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return count === 1;
}

/** Deletes enrolments used before `usedBefore` or expired before `expiredBefore`; returns how many. */
export async function deleteSpentHostEnrolments(
  db: Db,
  { usedBefore, expiredBefore }: { usedBefore: Date; expiredBefore: Date },
): Promise<number> {
  const { count } = await db.hostEnrolment.deleteMany({
    where: { OR: [{ usedAt: { lt: usedBefore } }, { expiresAt: { lt: expiredBefore } }] },
  });
  return count;
}

/** Tells every console instance that this agent is revoked; delivered when the caller's transaction commits. */
async function notifyHostAgentRevoked(db: Db, hostAgentId: string): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${HOST_AGENT_REVOKED_CHANNEL}, ${hostAgentId})`;
}

/** Revokes the gateway's active agent, if any, and notifies; returns the revoked agent's id. */
export async function revokeActiveHostAgentOfGateway(
  db: Db,
  { gatewayId, at, revokedById }: { gatewayId: string; at: Date; revokedById: string | null },
): Promise<string | null> {
  const active = await db.hostAgent.findFirst({
    where: { gatewayId, revokedAt: null },
    select: { id: true },
  });
  if (!active) return null;
  await db.hostAgent.update({
    where: { id: active.id },
    data: { revokedAt: at, revokedById, version: { increment: 1 } },
  });
  await notifyHostAgentRevoked(db, active.id);
  return active.id;
}

export async function createHostAgent(
  db: Db,
  {
    teamId,
    gatewayId,
    facts,
    enrolledAt,
    enrolledById,
  }: {
    teamId: string;
    gatewayId: string;
    facts: HostFactsColumns;
    enrolledAt: Date;
    enrolledById: string | null;
  },
): Promise<{ credential: string; agent: HostAgentRecord }> {
  const { secret, hash, hint } = issueHostSecret("cfa_");
  const agent = await db.hostAgent.create({
    data: {
      teamId,
      gatewayId,
      credentialHash: hash,
      credentialHint: hint,
      ...facts,
      enrolledAt,
      enrolledById,
      lastSeenAt: enrolledAt,
    },
    select: hostAgentSelect,
  });
  return { credential: secret, agent };
}

export type AuthenticatedHostAgentRow = HostAgentRecord & {
  gateway: { id: string; name: string; homeDir: string };
};

/** The non-revoked agent a credential belongs to, with its gateway; null for a malformed, unknown or revoked one. */
export async function findActiveHostAgentByCredential(
  db: Db,
  credential: string,
): Promise<AuthenticatedHostAgentRow | null> {
  if (!AGENT_CREDENTIAL_PATTERN.test(credential)) return null;
  const row = await db.hostAgent.findUnique({
    where: { credentialHash: hashHostSecret(credential) },
    select: { ...hostAgentSelect, gateway: { select: { id: true, name: true, homeDir: true } } },
  });
  return row?.revokedAt === null ? row : null;
}

/** Whether the agent is still active (not revoked): re-checked before a held poll delivers. */
export async function isHostAgentActive(db: Db, hostAgentId: string): Promise<boolean> {
  const row = await db.hostAgent.findUnique({ where: { id: hostAgentId }, select: { revokedAt: true } });
  return row !== null && row.revokedAt === null;
}

/** Records that the agent called, and what it says it runs (not an edit: the version is left alone). */
export async function recordHostAgentSeen(
  db: Db,
  { hostAgentId, at, facts }: { hostAgentId: string; at: Date; facts: HostFactsColumns },
): Promise<void> {
  await db.hostAgent.update({ where: { id: hostAgentId }, data: { lastSeenAt: at, ...facts } });
}

export async function findHostAgent(
  db: Db,
  { teamId, hostAgentId }: { teamId: string; hostAgentId: string },
): Promise<HostAgentRecord | null> {
  return db.hostAgent.findFirst({ where: { id: hostAgentId, teamId }, select: hostAgentSelect });
}

/** The gateway's newest agent (active or revoked), or null when none ever enrolled. */
export async function findLatestHostAgentOfGateway(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
): Promise<HostAgentRecord | null> {
  return db.hostAgent.findFirst({
    where: { teamId, gatewayId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { enrolledAt: "desc" }],
    select: hostAgentSelect,
  });
}

export async function hasActiveHostAgent(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
): Promise<boolean> {
  return (await db.hostAgent.count({ where: { teamId, gatewayId, revokedAt: null } })) > 0;
}

/**
 * A new credential for an active agent at `expectedVersion` (the old one stops matching at once); null when
 * the agent is revoked or has moved past that version.
 */
export async function replaceHostAgentCredential(
  db: Db,
  {
    teamId,
    hostAgentId,
    expectedVersion,
    at,
  }: { teamId: string; hostAgentId: string; expectedVersion: number; at: Date },
): Promise<{ credential: string; agent: HostAgentRecord } | null> {
  const { secret, hash, hint } = issueHostSecret("cfa_");
  const { count } = await db.hostAgent.updateMany({
    where: { id: hostAgentId, teamId, version: expectedVersion, revokedAt: null },
    data: { credentialHash: hash, credentialHint: hint, rotatedAt: at, version: { increment: 1 } },
  });
  if (count === 0) return null;
  const agent = await db.hostAgent.findUniqueOrThrow({ where: { id: hostAgentId }, select: hostAgentSelect });
  return { credential: secret, agent };
}

/** Revokes an active agent at `expectedVersion` and notifies; null when it is already revoked or has moved on. */
export async function revokeHostAgentAtVersion(
  db: Db,
  {
    teamId,
    hostAgentId,
    expectedVersion,
    at,
    revokedById,
  }: { teamId: string; hostAgentId: string; expectedVersion: number; at: Date; revokedById: string | null },
): Promise<HostAgentRecord | null> {
  const { count } = await db.hostAgent.updateMany({
    where: { id: hostAgentId, teamId, version: expectedVersion, revokedAt: null },
    data: { revokedAt: at, revokedById, version: { increment: 1 } },
  });
  if (count === 0) return null;
  await notifyHostAgentRevoked(db, hostAgentId);
  return db.hostAgent.findUniqueOrThrow({ where: { id: hostAgentId }, select: hostAgentSelect });
}
