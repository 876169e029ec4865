/**
 * BulkEditRun rows: one bulk edit (its action, who asked, when) and one row per selected agent with the
 * version its preview showed and, once the worker got to it, its outcome. The use case decides what to
 * apply and how; this file only reads and writes. A run has at most 1,000 agents (core's cap), so every
 * list here is bounded by that.
 */
import type { BulkEditOutcome } from "@clawfleet/core/fleet/bulk-edit";
import type { Db, Prisma } from "./client";

export type BulkEditRunStatus = "queued" | "running" | "succeeded" | "failed";
export type BulkEditOutcomeStatus = BulkEditOutcome["status"];

export type BulkEditRunRow = {
  id: string;
  teamId: string;
  status: BulkEditRunStatus;
  /** As stored: the use case validated it before storing it. */
  action: unknown;
  totalItems: number;
  doneItems: number;
  actorId: string | null;
  actorLabel: string;
  requestId: string;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type BulkEditRunItemRow = {
  position: number;
  agentId: string;
  expectedVersion: number;
  outcome: BulkEditOutcomeStatus | null;
  version: number | null;
  message: string | null;
};

export async function createBulkEditRun(
  db: Db,
  run: {
    id: string;
    teamId: string;
    action: unknown;
    actor: { id: string | null; label: string };
    requestId: string;
    items: readonly { agentId: string; expectedVersion: number }[];
  },
): Promise<void> {
  await db.bulkEditRun.create({
    data: {
      id: run.id,
      teamId: run.teamId,
      action: run.action as Prisma.InputJsonValue,
      totalItems: run.items.length,
      actorId: run.actor.id,
      actorLabel: run.actor.label,
      requestId: run.requestId,
    },
  });
  await db.bulkEditRunItem.createMany({
    data: run.items.map((item, position) => ({
      runId: run.id,
      teamId: run.teamId,
      position,
      agentId: item.agentId,
      expectedVersion: item.expectedVersion,
    })),
  });
}

const runSelect = {
  id: true,
  teamId: true,
  status: true,
  action: true,
  totalItems: true,
  doneItems: true,
  actorId: true,
  actorLabel: true,
  requestId: true,
  error: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.BulkEditRunSelect;

/** One of the team's runs; null for another team's id (the caller answers NOT_FOUND). */
export function findBulkEditRun(
  db: Db,
  { teamId, bulkEditRunId }: { teamId: string; bulkEditRunId: string },
): Promise<BulkEditRunRow | null> {
  return db.bulkEditRun.findFirst({ where: { id: bulkEditRunId, teamId }, select: runSelect });
}

/**
 * Takes a run for the job that names it: `queued` → `running`, or a `running` run again when an earlier
 * attempt of the job died midway (its agents with an outcome are not applied twice). Null when the run is
 * over or gone.
 */
export async function startBulkEditRun(
  db: Db,
  { bulkEditRunId }: { bulkEditRunId: string },
): Promise<BulkEditRunRow | null> {
  const { count } = await db.bulkEditRun.updateMany({
    where: { id: bulkEditRunId, status: { in: ["queued", "running"] } },
    data: { status: "running" },
  });
  if (count === 0) return null;
  return db.bulkEditRun.findUnique({ where: { id: bulkEditRunId }, select: runSelect });
}

const itemSelect = {
  position: true,
  agentId: true,
  expectedVersion: true,
  outcome: true,
  version: true,
  message: true,
} satisfies Prisma.BulkEditRunItemSelect;

/** The run's agents still waiting for their outcome, in the order they were selected. */
export function listWaitingBulkEditItems(
  db: Db,
  { bulkEditRunId }: { bulkEditRunId: string },
): Promise<BulkEditRunItemRow[]> {
  return db.bulkEditRunItem.findMany({
    where: { runId: bulkEditRunId, outcome: null },
    select: itemSelect,
    orderBy: { position: "asc" },
  });
}

/** Records one agent's outcome and counts it done. */
export async function recordBulkEditOutcome(
  db: Db,
  {
    bulkEditRunId,
    position,
    outcome,
    version,
    message,
  }: {
    bulkEditRunId: string;
    position: number;
    outcome: BulkEditOutcomeStatus;
    version: number | null;
    message: string | null;
  },
): Promise<void> {
  const { count } = await db.bulkEditRunItem.updateMany({
    where: { runId: bulkEditRunId, position, outcome: null },
    data: { outcome, version, message },
  });
  if (count === 1)
    await db.bulkEditRun.update({ where: { id: bulkEditRunId }, data: { doneItems: { increment: 1 } } });
}

export async function finishBulkEditRun(
  db: Db,
  {
    bulkEditRunId,
    status,
    error = null,
  }: { bulkEditRunId: string; status: "succeeded" | "failed"; error?: string | null },
): Promise<void> {
  await db.bulkEditRun.update({ where: { id: bulkEditRunId }, data: { status, error } });
}

/** One page of the run's agents with their outcomes (null while waiting), in selection order. */
export function listBulkEditItems(
  db: Db,
  { bulkEditRunId, skip, take }: { bulkEditRunId: string; skip: number; take: number },
): Promise<BulkEditRunItemRow[]> {
  return db.bulkEditRunItem.findMany({
    where: { runId: bulkEditRunId },
    select: itemSelect,
    orderBy: { position: "asc" },
    skip,
    take,
  });
}

/** How many of the run's agents ended with each outcome. */
export async function countBulkEditOutcomes(
  db: Db,
  { bulkEditRunId }: { bulkEditRunId: string },
): Promise<Record<BulkEditOutcomeStatus, number>> {
  const groups = await db.bulkEditRunItem.groupBy({
    by: ["outcome"],
    where: { runId: bulkEditRunId, outcome: { not: null } },
    _count: { _all: true },
  });
  const counts = { updated: 0, unchanged: 0, conflict: 0, failed: 0 };
  for (const group of groups) if (group.outcome) counts[group.outcome] = group._count._all;
  return counts;
}

/** Agents of the run that were not applied (conflict or failed), in selection order. */
export async function listUnappliedBulkEditAgents(
  db: Db,
  { bulkEditRunId }: { bulkEditRunId: string },
): Promise<{ agentId: string; outcome: "conflict" | "failed" }[]> {
  const rows = await db.bulkEditRunItem.findMany({
    where: { runId: bulkEditRunId, outcome: { in: ["conflict", "failed"] } },
    select: { agentId: true, outcome: true },
    orderBy: { position: "asc" },
  });
  return rows.map((row) => ({
    agentId: row.agentId,
    outcome: row.outcome === "conflict" ? "conflict" : "failed",
  }));
}
