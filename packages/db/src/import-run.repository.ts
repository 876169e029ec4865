/**
 * ImportRun rows: a previewed import (its plan hash and target), then its progress while it is applied. The
 * rules (which run may be committed, when a run is abandoned) are the import use case's; this file only reads
 * and writes.
 */
import type { Db, Prisma } from "./client";

export type ImportRunStatus = "previewed" | "running" | "succeeded" | "failed";

export type ImportRunForCommit = {
  id: string;
  status: ImportRunStatus;
  planHash: string;
  /** As stored: the use case that wrote it knows its shape. */
  target: unknown;
};

export type ImportRunProgress = {
  status: ImportRunStatus;
  doneSteps: number;
  totalSteps: number;
  error: string | null;
  gatewayId: string | null;
  /** The last write to the run, i.e. its last progress. */
  updatedAt: Date;
};

/** Nobody created it (e.g. the CLI): the createdBy column is not nullable, so it holds the nil UUID. */
const NO_CREATOR = "00000000-0000-0000-0000-000000000000";

export function createImportRun(
  db: Db,
  run: {
    teamId: string;
    gatewayId: string | null;
    planHash: string;
    target: unknown;
    summary: unknown;
    totalSteps: number;
    createdById: string | null;
  },
): Promise<{ id: string }> {
  return db.importRun.create({
    data: {
      teamId: run.teamId,
      gatewayId: run.gatewayId,
      planHash: run.planHash,
      target: run.target as Prisma.InputJsonValue,
      summary: run.summary as Prisma.InputJsonValue,
      totalSteps: run.totalSteps,
      createdById: run.createdById ?? NO_CREATOR,
    },
    select: { id: true },
  });
}

export function findImportRun(
  db: Db,
  { teamId, importRunId }: { teamId: string; importRunId: string },
): Promise<ImportRunForCommit | null> {
  return db.importRun.findFirst({
    where: { id: importRunId, teamId },
    select: { id: true, status: true, planHash: true, target: true },
  });
}

/** Moves a run from `previewed` to `running`; of concurrent claims exactly one gets true. */
export async function claimImportRun(db: Db, { importRunId }: { importRunId: string }): Promise<boolean> {
  const claimed = await db.importRun.updateMany({
    where: { id: importRunId, status: "previewed" },
    data: { status: "running", doneSteps: 0 },
  });
  return claimed.count === 1;
}

export async function recordImportProgress(
  db: Db,
  { importRunId, doneSteps }: { importRunId: string; doneSteps: number },
): Promise<void> {
  await db.importRun.update({ where: { id: importRunId }, data: { doneSteps } });
}

export async function markImportRunSucceeded(
  db: Db,
  { importRunId, doneSteps, gatewayId }: { importRunId: string; doneSteps: number; gatewayId: string },
): Promise<void> {
  await db.importRun.update({
    where: { id: importRunId },
    data: { status: "succeeded", doneSteps, gatewayId },
  });
}

/** `error` is shown to the user: a message safe to show, never a secret or a driver error. */
export async function markImportRunFailed(
  db: Db,
  { importRunId, error }: { importRunId: string; error: string },
): Promise<void> {
  await db.importRun.update({ where: { id: importRunId }, data: { status: "failed", error } });
}

export function findImportRunProgress(
  db: Db,
  { teamId, importRunId }: { teamId: string; importRunId: string },
): Promise<ImportRunProgress | null> {
  return db.importRun.findFirst({
    where: { id: importRunId, teamId },
    select: {
      status: true,
      doneSteps: true,
      totalSteps: true,
      error: true,
      gatewayId: true,
      updatedAt: true,
    },
  });
}
