import type { Page } from "@clawfleet/core/fleet/agent";
import type { ModelsStatusOutcome } from "@clawfleet/core/models-status/models-status-report";
import type { Db, Prisma } from "./client";

export type SnapshotSource = "computed" | "reported";

/** One stored `models status --json` object (or the CLI's error envelope) of one agent at one time. */
export type StatusSnapshotRecord = {
  id: string;
  agentId: string;
  source: SnapshotSource;
  takenAt: Date;
  body: unknown;
};

const snapshotSelect = {
  id: true,
  agentId: true,
  source: true,
  takenAt: true,
  body: true,
} satisfies Prisma.StatusSnapshotSelect;

type SnapshotInput = { teamId: string; agentId: string; takenAt: Date };

type SnapshotRow = Prisma.StatusSnapshotGetPayload<{ select: typeof snapshotSelect }>;

/**
 * why: Postgres jsonb re-orders object keys (shorter keys first), but the order is part of what the CLI
 * printed (`aliases` is in insertion order; the raw view should read like the host's output). So the body is
 * stored as its JSON text, a jsonb string, and parsed back on read. Object bodies are still read as they are.
 */
function toStoredBody(body: unknown): string {
  return JSON.stringify(body);
}

function toRecord(row: SnapshotRow): StatusSnapshotRecord {
  return { ...row, body: typeof row.body === "string" ? (JSON.parse(row.body) as unknown) : row.body };
}

async function recordSnapshot(
  db: Db,
  { teamId, agentId, takenAt, source, body }: SnapshotInput & { source: SnapshotSource; body: unknown },
): Promise<StatusSnapshotRecord> {
  const row = await db.statusSnapshot.create({
    data: { teamId, agentId, source, takenAt, body: toStoredBody(body) },
    select: snapshotSelect,
  });
  return toRecord(row);
}

/** Stores what a gateway host printed, exactly as validated (the caller has checked the agent's team). */
export function recordReportedSnapshot(
  db: Db,
  input: SnapshotInput & { body: unknown },
): Promise<StatusSnapshotRecord> {
  return recordSnapshot(db, { ...input, source: "reported" });
}

/**
 * The body the CLI would print for a computed outcome, as it is stored: the status, or its error envelope.
 * Optional keys the builder set to undefined disappear, exactly as in the CLI's JSON.stringify.
 */
export function computedSnapshotBody(outcome: ModelsStatusOutcome): unknown {
  return JSON.parse(JSON.stringify(outcome.ok ? outcome.status : outcome)) as unknown;
}

export function recordComputedSnapshot(
  db: Db,
  { status, ...input }: SnapshotInput & { status: ModelsStatusOutcome },
): Promise<StatusSnapshotRecord> {
  return recordSnapshot(db, { ...input, source: "computed", body: computedSnapshotBody(status) });
}

/** The newest snapshot of one side (by when it was taken), or null. */
export async function findLatestSnapshot(
  db: Db,
  { teamId, agentId }: { teamId: string; agentId: string },
  source: SnapshotSource,
): Promise<StatusSnapshotRecord | null> {
  const row = await db.statusSnapshot.findFirst({
    where: { teamId, agentId, source },
    orderBy: [{ takenAt: "desc" }, { createdAt: "desc" }],
    select: snapshotSelect,
  });
  return row ? toRecord(row) : null;
}

export async function latestSnapshots(
  db: Db,
  scope: { teamId: string; agentId: string },
): Promise<{ computed: StatusSnapshotRecord | null; reported: StatusSnapshotRecord | null }> {
  const [computed, reported] = await Promise.all([
    findLatestSnapshot(db, scope, "computed"),
    findLatestSnapshot(db, scope, "reported"),
  ]);
  return { computed, reported };
}

/** History of one agent, newest first; `source` narrows it to one side. */
export async function listSnapshots(
  db: Db,
  {
    teamId,
    agentId,
    source,
    page,
    pageSize,
  }: { teamId: string; agentId: string; source?: SnapshotSource; page: number; pageSize: number },
): Promise<Page<StatusSnapshotRecord>> {
  const where: Prisma.StatusSnapshotWhereInput = { teamId, agentId, ...(source ? { source } : {}) };
  const [rows, total] = await Promise.all([
    db.statusSnapshot.findMany({
      where,
      orderBy: [{ takenAt: "desc" }, { createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: snapshotSelect,
    }),
    db.statusSnapshot.count({ where }),
  ]);
  return { items: rows.map(toRecord), total, page, pageSize };
}

/** A snapshot of the team, or null (another team's id reads as missing). */
export async function findSnapshot(
  db: Db,
  { teamId, snapshotId }: { teamId: string; snapshotId: string },
): Promise<StatusSnapshotRecord | null> {
  const row = await db.statusSnapshot.findFirst({
    where: { id: snapshotId, teamId },
    select: snapshotSelect,
  });
  return row ? toRecord(row) : null;
}
