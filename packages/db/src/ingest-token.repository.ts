import { createHash, randomBytes } from "node:crypto";
import { DomainError } from "@clawfleet/core/domain-error";
import type { Db } from "./client";

/**
 * Per-gateway ingest tokens: `cfi_` + 256 random bits in base64url. The prefix lets secret scanners
 * recognise a leaked token. Only the sha256 and the last four characters are stored; the token itself is
 * returned once, by {@link rotateIngestToken}.
 */
export const INGEST_TOKEN_PREFIX = "cfi_";
const INGEST_TOKEN_PATTERN = /^cfi_[A-Za-z0-9_-]{43}$/u;

export function hashIngestToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export type GatewayIngestState = {
  gatewayId: string;
  name: string;
  version: number;
  /** Last four characters of the current token, or null when the gateway has none. */
  hint: string | null;
  lastSeenAt: Date | null;
};

const ingestStateSelect = {
  id: true,
  name: true,
  version: true,
  ingestTokenHint: true,
  lastSeenAt: true,
} as const;

function toIngestState(row: {
  id: string;
  name: string;
  version: number;
  ingestTokenHint: string | null;
  lastSeenAt: Date | null;
}): GatewayIngestState {
  return {
    gatewayId: row.id,
    name: row.name,
    version: row.version,
    hint: row.ingestTokenHint,
    lastSeenAt: row.lastSeenAt,
  };
}

export async function findGatewayIngestState(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
): Promise<GatewayIngestState | null> {
  const row = await db.gateway.findFirst({ where: { id: gatewayId, teamId }, select: ingestStateSelect });
  return row ? toIngestState(row) : null;
}

async function setTokenAtVersion(
  db: Db,
  {
    teamId,
    gatewayId,
    expectedVersion,
    hash,
    hint,
  }: { teamId: string; gatewayId: string; expectedVersion: number; hash: string | null; hint: string | null },
): Promise<{ before: GatewayIngestState; after: GatewayIngestState }> {
  const before = await findGatewayIngestState(db, { teamId, gatewayId });
  if (!before) throw new DomainError("NOT_FOUND", "Gateway not found.");
  const { count } = await db.gateway.updateMany({
    where: { id: gatewayId, teamId, version: expectedVersion },
    data: { ingestTokenHash: hash, ingestTokenHint: hint, version: { increment: 1 } },
  });
  if (count === 0) {
    throw new DomainError(
      "CONFLICT",
      `Someone else changed gateway ${before.name} (you saw version ${expectedVersion}, it is now version ${before.version}). Reload, check its ingest token, then try again.`,
    );
  }
  const after = await findGatewayIngestState(db, { teamId, gatewayId });
  if (!after) throw new DomainError("NOT_FOUND", "Gateway not found.");
  return { before, after };
}

/**
 * Replaces the gateway's ingest token (the old one stops working at once) if the gateway is still at
 * `expectedVersion`. The plaintext token is in the result and nowhere else: never log or audit it.
 */
export async function rotateIngestToken(
  db: Db,
  { teamId, gatewayId, expectedVersion }: { teamId: string; gatewayId: string; expectedVersion: number },
): Promise<{ token: string; before: GatewayIngestState; after: GatewayIngestState }> {
  const token = `${INGEST_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const changed = await setTokenAtVersion(db, {
    teamId,
    gatewayId,
    expectedVersion,
    hash: hashIngestToken(token),
    hint: token.slice(-4),
  });
  return { token, ...changed };
}

/** Removes the gateway's ingest token; reports are refused from the next request on. */
export function revokeIngestToken(
  db: Db,
  { teamId, gatewayId, expectedVersion }: { teamId: string; gatewayId: string; expectedVersion: number },
): Promise<{ before: GatewayIngestState; after: GatewayIngestState }> {
  return setTokenAtVersion(db, { teamId, gatewayId, expectedVersion, hash: null, hint: null });
}

export type IngestGateway = { gatewayId: string; teamId: string; homeDir: string };

/**
 * The gateway a bearer token belongs to, or null for a malformed, unknown or revoked token. Read from the
 * database on every call (never cached), so a rotation or revocation takes effect on the next request.
 */
export async function resolveIngestToken(db: Db, token: string): Promise<IngestGateway | null> {
  if (!INGEST_TOKEN_PATTERN.test(token)) return null;
  const row = await db.gateway.findUnique({
    where: { ingestTokenHash: hashIngestToken(token) },
    select: { id: true, teamId: true, homeDir: true },
  });
  return row ? { gatewayId: row.id, teamId: row.teamId, homeDir: row.homeDir } : null;
}

/**
 * The agent a report is about: `agentKey` (the body's `agentId`) when given, else the gateway's default
 * agent (marked default, else OpenClaw's `main`). Null when there is no such agent on this gateway.
 */
export async function findIngestAgent(
  db: Db,
  { teamId, gatewayId, agentKey }: { teamId: string; gatewayId: string; agentKey: string | undefined },
): Promise<{ id: string; agentKey: string } | null> {
  const select = { id: true, agentKey: true } as const;
  if (agentKey !== undefined) return db.agent.findFirst({ where: { teamId, gatewayId, agentKey }, select });
  return (
    (await db.agent.findFirst({
      where: { teamId, gatewayId, isDefault: true },
      select,
      orderBy: { agentKey: "asc" },
    })) ?? (await db.agent.findFirst({ where: { teamId, gatewayId, agentKey: "main" }, select }))
  );
}

/** Records that the gateway's host reported just now (not an edit: the version is left alone). */
export async function markGatewaySeen(
  db: Db,
  { gatewayId, at }: { gatewayId: string; at: Date },
): Promise<void> {
  await db.gateway.update({ where: { id: gatewayId }, data: { lastSeenAt: at } });
}
