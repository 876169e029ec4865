/**
 * ImportRun rows and their stored uploads: a run is queued with its (already encrypted) upload, previewed by
 * a job, confirmed, then committed by another job, which records progress here as it goes. The rules (which
 * run may move where, when a run is abandoned) are the import use case's; this file only reads and writes.
 * Status changes are conditional updates, so of two workers racing for a run exactly one moves it.
 */
import type { ImportRunStatus } from "@clawfleet/core/openclaw-import/import-run";
import type { Db, Prisma } from "./client";

/** A run as stored; JSON columns as written (the use case that wrote them knows their shape). */
export type ImportRunRow = {
  id: string;
  teamId: string;
  gatewayId: string | null;
  status: ImportRunStatus;
  phase: string;
  doneSteps: number;
  totalSteps: number;
  planHash: string | null;
  target: unknown;
  summary: unknown;
  changes: unknown;
  totalChanges: number;
  warnings: unknown;
  totalWarnings: number;
  errors: unknown;
  configRewrite: unknown;
  error: string | null;
  createdById: string;
  committedById: string | null;
  committedBy: string | null;
  commitRequestId: string | null;
  createdAt: Date;
  /** The last write to the run, i.e. its last progress. */
  updatedAt: Date;
};

/** What a preview records on its run (no secrets: ids, field names, counts, locations). */
export type ImportRunPreview = {
  planHash: string;
  summary: unknown;
  changes: unknown[];
  totalChanges: number;
  warnings: unknown[];
  totalWarnings: number;
};

const json = (value: unknown) => value as Prisma.InputJsonValue;

/** The columns a recorded preview sets; the run is then `previewed`. */
function previewedColumns(preview: ImportRunPreview & { totalSteps: number }) {
  return {
    status: "previewed",
    phase: "previewed",
    planHash: preview.planHash,
    summary: json(preview.summary),
    changes: json(preview.changes),
    totalChanges: preview.totalChanges,
    warnings: json(preview.warnings),
    totalWarnings: preview.totalWarnings,
    doneSteps: 0,
    totalSteps: preview.totalSteps,
  } as const;
}

/** Nobody created it (e.g. the CLI): the createdBy column is not nullable, so it holds the nil UUID. */
const NO_CREATOR = "00000000-0000-0000-0000-000000000000";

/** A new run: `queued` for the preview job, or `previewed` with its preview when planned in-process (CLI). */
export async function createImportRun(
  db: Db,
  run: {
    id: string;
    teamId: string;
    gatewayId: string | null;
    target: unknown;
    createdById: string | null;
    preview?: ImportRunPreview & { totalSteps: number };
    /** Set when the admin accepted a config rewrite: the run's jobs apply it to the upload. */
    configRewrite?: unknown;
  },
): Promise<void> {
  const { preview } = run;
  await db.importRun.create({
    data: {
      id: run.id,
      teamId: run.teamId,
      gatewayId: run.gatewayId,
      target: json(run.target),
      createdById: run.createdById ?? NO_CREATOR,
      ...(run.configRewrite === undefined ? {} : { configRewrite: json(run.configRewrite) }),
      ...(preview ? previewedColumns(preview) : {}),
    },
  });
}

/** Stores a run's upload, encrypted by the caller (bound to the run and its team). */
export async function storeImportUpload(
  db: Db,
  upload: { importRunId: string; teamId: string; ciphertext: Uint8Array },
): Promise<void> {
  await db.importUpload.create({
    data: {
      importRunId: upload.importRunId,
      teamId: upload.teamId,
      ciphertext: new Uint8Array(upload.ciphertext),
    },
  });
}

/** A run's stored upload (ciphertext), or null once it has been deleted. */
export async function findImportUpload(
  db: Db,
  { importRunId, teamId }: { importRunId: string; teamId: string },
): Promise<Uint8Array | null> {
  const row = await db.importUpload.findFirst({
    where: { importRunId, teamId },
    select: { ciphertext: true },
  });
  return row?.ciphertext ?? null;
}

export async function deleteImportUpload(db: Db, { importRunId }: { importRunId: string }): Promise<void> {
  await db.importUpload.deleteMany({ where: { importRunId } });
}

const runSelect = {
  id: true,
  teamId: true,
  gatewayId: true,
  status: true,
  phase: true,
  doneSteps: true,
  totalSteps: true,
  planHash: true,
  target: true,
  summary: true,
  changes: true,
  totalChanges: true,
  warnings: true,
  totalWarnings: true,
  errors: true,
  configRewrite: true,
  error: true,
  createdById: true,
  committedById: true,
  committedBy: true,
  commitRequestId: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ImportRunSelect;

/** One of the team's runs; null for another team's id (the caller answers NOT_FOUND). */
export function findImportRun(
  db: Db,
  { teamId, importRunId }: { teamId: string; importRunId: string },
): Promise<ImportRunRow | null> {
  return db.importRun.findFirst({ where: { id: importRunId, teamId }, select: runSelect });
}

/** A run by id alone, for the job that names it (its payload carries the id only). */
export function findImportRunForJob(
  db: Db,
  { importRunId }: { importRunId: string },
): Promise<ImportRunRow | null> {
  return db.importRun.findUnique({ where: { id: importRunId }, select: runSelect });
}

/** Moves a run from `from` to `to`; of concurrent moves exactly one gets true. */
export async function moveImportRun(
  db: Db,
  {
    importRunId,
    from,
    to,
    phase,
  }: { importRunId: string; from: ImportRunStatus; to: ImportRunStatus; phase: string },
): Promise<boolean> {
  const moved = await db.importRun.updateMany({
    where: { id: importRunId, status: from },
    data: { status: to, phase, doneSteps: 0, totalSteps: 0 },
  });
  return moved.count === 1;
}

/**
 * Confirms a previewed run for its commit job, recording who confirmed it; false unless the run is the
 * team's, still `previewed`, and previewed with `planHash`.
 */
export async function confirmImportRun(
  db: Db,
  input: {
    teamId: string;
    importRunId: string;
    planHash: string;
    actor: { id: string | null; label: string };
    requestId: string;
  },
): Promise<boolean> {
  const confirmed = await db.importRun.updateMany({
    where: { id: input.importRunId, teamId: input.teamId, status: "previewed", planHash: input.planHash },
    data: {
      status: "commit_queued",
      phase: "queued for commit",
      doneSteps: 0,
      totalSteps: 0,
      committedById: input.actor.id,
      committedBy: input.actor.label,
      commitRequestId: input.requestId,
    },
  });
  return confirmed.count === 1;
}

export async function recordImportProgress(
  db: Db,
  {
    importRunId,
    phase,
    doneSteps,
    totalSteps,
  }: { importRunId: string; phase: string; doneSteps: number; totalSteps: number },
): Promise<void> {
  await db.importRun.updateMany({ where: { id: importRunId }, data: { phase, doneSteps, totalSteps } });
}

/** A preview job's result: the run becomes `previewed`. */
export async function recordImportPreview(
  db: Db,
  { importRunId, preview }: { importRunId: string; preview: ImportRunPreview & { totalSteps: number } },
): Promise<void> {
  await db.importRun.update({ where: { id: importRunId }, data: previewedColumns(preview) });
}

/**
 * Ends a run as `failed` with a message safe to show (and the located problems of refused files), and
 * deletes its upload: nothing will read it again.
 */
export async function failImportRun(
  db: Db,
  {
    importRunId,
    error,
    errors = [],
    configRewrite,
  }: { importRunId: string; error: string; errors?: unknown[]; configRewrite?: unknown },
): Promise<void> {
  await db.importRun.update({
    where: { id: importRunId },
    data: {
      status: "failed",
      phase: "failed",
      error,
      errors: json(errors),
      ...(configRewrite === undefined ? {} : { configRewrite: json(configRewrite) }),
    },
  });
  await deleteImportUpload(db, { importRunId });
}

/** Ends a committed run; called inside the import's transaction, so it is `succeeded` iff the data is there. */
export async function markImportRunSucceeded(
  db: Db,
  { importRunId, gatewayId, totalSteps }: { importRunId: string; gatewayId: string; totalSteps: number },
): Promise<void> {
  await db.importRun.update({
    where: { id: importRunId },
    data: { status: "succeeded", phase: "done", doneSteps: totalSteps, totalSteps, gatewayId },
  });
  await deleteImportUpload(db, { importRunId });
}

/**
 * The sweep: runs still open that were created before `createdBefore`, or that wrote no progress since
 * `stalledBefore` while a job held them, fail with `error`; uploads of every run that is over (or too old)
 * are deleted. One statement each, whatever the number of runs.
 */
export async function expireImportRuns(
  db: Db,
  input: { createdBefore: Date; stalledBefore: Date; expiredError: string; stalledError: string },
): Promise<{ expired: number; stalled: number; uploadsDeleted: number }> {
  const open: ImportRunStatus[] = ["queued", "previewing", "previewed", "commit_queued", "committing"];
  const expired = await db.importRun.updateMany({
    where: { status: { in: open }, createdAt: { lt: input.createdBefore } },
    data: { status: "failed", phase: "failed", error: input.expiredError },
  });
  const stalled = await db.importRun.updateMany({
    where: { status: { in: ["previewing", "committing"] }, updatedAt: { lt: input.stalledBefore } },
    data: { status: "failed", phase: "failed", error: input.stalledError },
  });
  const deleted = await db.importUpload.deleteMany({
    where: {
      OR: [{ createdAt: { lt: input.createdBefore } }, { run: { status: { in: ["succeeded", "failed"] } } }],
    },
  });
  return { expired: expired.count, stalled: stalled.count, uploadsDeleted: deleted.count };
}
