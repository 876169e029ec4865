import { DomainError } from "@clawfleet/core/domain-error";
import { hasLoneSurrogate } from "@clawfleet/core/document-parsing/json-text-scan";
import type { DocumentIssue } from "@clawfleet/core/document-parsing/document-issue";
import type { ConfigRewriteOffer } from "@clawfleet/core/openclaw-import/config-rewrite";
import type { ImportChange, ImportPlan } from "@clawfleet/core/openclaw-import/import-plan";
import {
  EXPIRED_IMPORT_MESSAGE,
  IMPORT_PREVIEW_LISTED,
  IMPORT_RUN_MAX_AGE_MS,
  IMPORT_RUN_STALL_MS,
  type ImportRunStatus,
  STALLED_IMPORT_MESSAGE,
  isImportRunStalled,
  isImportRunWaitingForWorker,
} from "@clawfleet/core/openclaw-import/import-run";
import { inTransaction } from "@clawfleet/db/client";
import { findGatewayById } from "@clawfleet/db/gateway.repository";
import {
  type ImportRunRow,
  confirmImportRun,
  createImportRun,
  expireImportRuns,
  failImportRun,
  findImportRun,
  findImportRunForJob,
  findImportUpload,
  moveImportRun,
  recordImportPreview,
  storeImportUpload,
} from "@clawfleet/db/import-run.repository";
import { queueJob } from "../jobs/job-catalog";
import type { Caller, ServiceDeps, TeamScope } from "../service-context";
import {
  ACCEPTED_CONFIG_REWRITE,
  type ImportProgressListener,
  type ImportTarget,
  PLAN_MOVED_MESSAGE,
  type RefusedImport,
  type PlannedImport,
  assertGatewayNameFree,
  failureMessage,
  isAcceptedConfigRewrite,
  planImport,
  previewOf,
  progressRecorder,
  writePlannedImport,
} from "./gateway-import";
import { openUpload, sealUpload } from "./sealed-upload";
import { type ImportUpload, unpackUpload } from "./unpack-upload";

/**
 * The import as the web app runs it: the request stores the upload (sealed) and queues a job, and returns
 * the run's id at once; the worker unpacks, checks and plans it (`imports.preview`), and after the admin
 * confirms, re-plans and writes it in one transaction (`imports.commit`). Each step records its phase and
 * progress on the run, outside any transaction, and ends the run with its preview, its result, or a message
 * safe to show. The browser follows the run through {@link readImportRun}.
 */

/** Options of the job steps; tests observe progress (and may throw from it to stop a commit midway). */
export type ImportJobOptions = { observeProgress?: ImportProgressListener };

async function checkTarget(deps: Pick<ServiceDeps, "db">, { teamId }: TeamScope, target: ImportTarget) {
  if (target.kind === "existing") {
    // why: another team's gateway id answers NOT_FOUND now, not later from the job.
    if (!(await findGatewayById(deps.db, { teamId, gatewayId: target.gatewayId })))
      throw new DomainError("NOT_FOUND", "Gateway not found.");
    return;
  }
  await assertGatewayNameFree(deps.db, { teamId, name: target.name });
}

/**
 * Refuses a file whose name or text holds a lone UTF-16 surrogate (possible only in text sent as JSON with a
 * `\ud800` escape): sealing encodes UTF-8, which would silently replace it, so the import would not be what
 * was sent. One native regex pass per file; nothing is parsed here.
 */
function assertWellFormedText(upload: ImportUpload): void {
  if (!("files" in upload)) return;
  for (const file of upload.files) {
    if (hasLoneSurrogate(file.path) || hasLoneSurrogate(file.text))
      throw new DomainError(
        "INVALID_INPUT",
        `${JSON.stringify(file.path)} holds a lone UTF-16 surrogate (half of a character), which cannot be stored. Re-save the file as UTF-8 and upload it again.`,
      );
  }
}

/**
 * Stores the upload sealed with the run (both in one transaction with the `imports.preview` job) and
 * returns the run's id; nothing is parsed here, so the request returns at once whatever the upload's size.
 */
export async function requestImportPreview(
  deps: Pick<ServiceDeps, "db" | "secretBox">,
  caller: Caller,
  {
    target,
    upload,
    acceptConfigRewrite = false,
  }: {
    target: ImportTarget;
    upload: ImportUpload;
    /** The admin accepted the config rewrite a refused preview of this upload offered: apply it. */
    acceptConfigRewrite?: boolean;
  },
): Promise<{ importRunId: string }> {
  await checkTarget(deps, caller, target);
  assertWellFormedText(upload);
  const importRunId = crypto.randomUUID();
  const ciphertext = await sealUpload(deps.secretBox, { teamId: caller.teamId, importRunId }, upload);
  await inTransaction(deps.db, async (tx) => {
    await createImportRun(tx, {
      id: importRunId,
      teamId: caller.teamId,
      gatewayId: target.kind === "existing" ? target.gatewayId : null,
      target,
      createdById: caller.actor.id,
      ...(acceptConfigRewrite ? { configRewrite: ACCEPTED_CONFIG_REWRITE } : {}),
    });
    await storeImportUpload(tx, { importRunId, teamId: caller.teamId, ciphertext });
    await queueJob(tx, "imports.preview", { importRunId }, { maxAttempts: 1 });
  });
  return { importRunId };
}

/**
 * The run's stored upload, unpacked and planned against the run's target as the database is now; the
 * refusal (file, line, column) when the upload cannot be unpacked or its files are refused.
 */
async function planStoredUpload(
  deps: Pick<ServiceDeps, "db" | "secretBox">,
  run: ImportRunRow,
  progress: ImportProgressListener,
): Promise<PlannedImport> {
  await progress({ phase: "unpacking", done: 0, total: 1 });
  const sealed = await findImportUpload(deps.db, { importRunId: run.id, teamId: run.teamId });
  if (!sealed)
    throw new DomainError("INVALID_STATE", "The upload of this import is gone; upload the files again.");
  const upload = await openUpload(deps.secretBox, { teamId: run.teamId, importRunId: run.id }, sealed);
  const unpacked = await unpackUpload(upload);
  if (!unpacked.ok) return unpacked;
  return planImport(
    deps,
    run,
    {
      target: run.target as ImportTarget,
      files: unpacked.files,
      acceptConfigRewrite: isAcceptedConfigRewrite(run.configRewrite),
    },
    progress,
  );
}

/** Ends the run as failed, logging the kind of an unexpected error (never its text: driver errors echo values). */
async function failRun(deps: Pick<ServiceDeps, "db">, run: ImportRunRow, step: string, error: unknown) {
  if (!(error instanceof DomainError))
    console.error(
      `[clawfleet] import ${step} of run ${run.id} failed: ${(error as Error | undefined)?.name ?? "error"}`,
    );
  await failImportRun(deps.db, { importRunId: run.id, error: failureMessage(error) });
}

/** Control characters escaped (`\u0000`): Postgres stores no NUL, and a person can read the escape. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
  return text.replace(/[\u0000-\u001f]/gu, (char) => JSON.stringify(char).slice(1, -1));
}

/** The rewrite a refused run offers (names and explanation only), or null. */
function offeredConfigRewrite(stored: unknown): ConfigRewriteOffer | null {
  if (typeof stored !== "object" || stored === null || !("explanation" in stored)) return null;
  return stored as ConfigRewriteOffer;
}

/** Ends the run as refused, with the located problems of its files (names from an archive may hold anything). */
function refuse(
  deps: Pick<ServiceDeps, "db">,
  importRunId: string,
  { errors, configRewrite }: RefusedImport,
) {
  return failImportRun(deps.db, {
    importRunId,
    error: configRewrite
      ? "The files were refused; nothing was changed. Accept the offered config rewrite, or fix them and upload again."
      : "The files were refused; nothing was changed. Fix them and upload again.",
    ...(configRewrite ? { configRewrite } : {}),
    errors: errors
      .slice(0, IMPORT_PREVIEW_LISTED)
      .map((issue) => ({ ...issue, file: printable(issue.file), message: printable(issue.message) })),
  });
}

/**
 * Takes a run for a job: moves it from the state its job expects to the running one, starting at unpacking.
 * Null when the run is gone or another attempt already took it (a retried or duplicated job then does nothing).
 */
async function claimImportRun(
  { db }: Pick<ServiceDeps, "db">,
  {
    importRunId,
    from,
    to,
  }: { importRunId: string; from: "queued" | "commit_queued"; to: "previewing" | "committing" },
) {
  const run = await findImportRunForJob(db, { importRunId });
  if (!run) return null;
  return (await moveImportRun(db, { importRunId, from, to, phase: "unpacking" })) ? run : null;
}

/** Job `imports.preview`: unpacks, checks and plans the run's upload, and records the preview or the refusal. */
export async function runImportPreview(
  deps: Pick<ServiceDeps, "db" | "secretBox">,
  { importRunId }: { importRunId: string },
  options: ImportJobOptions = {},
): Promise<void> {
  const run = await claimImportRun(deps, { importRunId, from: "queued", to: "previewing" });
  if (!run) return;
  const progress = progressRecorder(deps, importRunId, options.observeProgress);
  try {
    const prepared = await planStoredUpload(deps, run, progress);
    if (!prepared.ok) {
      await refuse(deps, importRunId, prepared);
      return;
    }
    await recordImportPreview(deps.db, { importRunId, preview: previewOf(prepared) });
  } catch (error) {
    await failRun(deps, run, "preview", error);
  }
}

/**
 * Confirms a previewed run at the plan hash its preview showed, and queues `imports.commit` in the same
 * transaction. Commits of one team queue behind each other, so a second import into a gateway re-plans
 * after the first has landed (and is refused if its plan moved).
 */
export async function requestImportCommit(
  { db }: Pick<ServiceDeps, "db">,
  caller: Caller,
  { importRunId, planHash }: { importRunId: string; planHash: string },
): Promise<{ importRunId: string }> {
  const run = await findImportRun(db, { teamId: caller.teamId, importRunId });
  if (!run) throw new DomainError("NOT_FOUND", "Import not found.");
  if (run.status !== "previewed")
    throw new DomainError(
      "INVALID_STATE",
      `This import is ${run.status.replace("_", " ")}, not waiting for confirmation; start a new preview to import again.`,
    );
  if (run.planHash !== planHash)
    throw new DomainError(
      "CONFLICT",
      "This is not the plan that was previewed. Preview again before confirming.",
    );
  await inTransaction(db, async (tx) => {
    const confirmed = await confirmImportRun(tx, {
      teamId: caller.teamId,
      importRunId,
      planHash,
      actor: caller.actor,
      requestId: caller.requestId,
    });
    if (!confirmed) throw new DomainError("CONFLICT", "This import was confirmed already.");
    await queueJob(
      tx,
      "imports.commit",
      { importRunId },
      { maxAttempts: 1, queueName: `imports:${caller.teamId}` },
    );
  });
  return { importRunId };
}

/**
 * Job `imports.commit`: re-plans the run's upload against the gateway as it is now; if the plan hash moved
 * (the gateway changed since the preview) the run fails with CONFLICT's message and nothing is written;
 * else everything is written in one transaction ({@link writePlannedImport}). The upload is deleted either way.
 */
export async function runImportCommit(
  deps: Pick<ServiceDeps, "db" | "secretBox" | "now">,
  { importRunId }: { importRunId: string },
  options: ImportJobOptions = {},
): Promise<void> {
  const run = await claimImportRun(deps, { importRunId, from: "commit_queued", to: "committing" });
  if (!run) return;
  const progress = progressRecorder(deps, importRunId, options.observeProgress);
  const caller: Caller = {
    teamId: run.teamId,
    actor: { id: run.committedById, label: run.committedBy ?? "system" },
    requestId: run.commitRequestId ?? `import-${run.id}`,
  };
  try {
    const prepared = await planStoredUpload(deps, run, progress);
    if (!prepared.ok) {
      await refuse(deps, importRunId, prepared);
      return;
    }
    if (prepared.planHash !== run.planHash) {
      await failImportRun(deps.db, { importRunId, error: PLAN_MOVED_MESSAGE });
      return;
    }
    await writePlannedImport(deps, caller, {
      importRunId,
      target: run.target as ImportTarget,
      prepared,
      onProgress: progress,
    });
  } catch (error) {
    await failRun(deps, run, "commit", error);
  }
}

export type ImportRunView = {
  id: string;
  status: ImportRunStatus;
  /** What the run is doing, in words, and how far through it (`writing agents`, 40,000 of 100,000). */
  phase: string;
  doneSteps: number;
  totalSteps: number;
  /** Queued for a while and no worker has taken it: is `npm run worker` running? */
  waitingForWorker: boolean;
  target: { kind: "existing"; gatewayId: string } | { kind: "new"; name: string };
  planHash: string | null;
  summary: ImportPlan["summary"] | null;
  /** The first changes of the plan; `totalChanges` counts them all. */
  changes: ImportChange[];
  totalChanges: number;
  warnings: DocumentIssue[];
  totalWarnings: number;
  /** Why the files were refused (file, path, line, column). */
  errors: DocumentIssue[];
  /**
   * The config rewrite a refused run offers (what moves and why; never a value): accepting it starts a new
   * preview of the same files with the rewrite applied.
   */
  configRewrite: ConfigRewriteOffer | null;
  /** Why the run failed, safe to show. */
  error: string | null;
  gatewayId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Everything the import page shows of a run; NOT_FOUND for another team's run. */
export async function readImportRun(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
  { importRunId }: { importRunId: string },
): Promise<ImportRunView> {
  const run = await findImportRun(db, { teamId, importRunId });
  if (!run) throw new DomainError("NOT_FOUND", "Import not found.");
  const at = now();
  // why: a worker killed mid-run leaves the row `previewing`/`committing`; its transaction rolled back, so say so.
  const stalled = isImportRunStalled(run, at);
  const target = run.target as ImportTarget;
  return {
    id: run.id,
    status: stalled ? "failed" : run.status,
    phase: stalled ? "failed" : run.phase,
    doneSteps: run.doneSteps,
    totalSteps: run.totalSteps,
    waitingForWorker: isImportRunWaitingForWorker(run, at),
    target:
      target.kind === "existing"
        ? { kind: "existing", gatewayId: target.gatewayId }
        : { kind: "new", name: target.name },
    planHash: run.planHash,
    summary: (run.summary as ImportPlan["summary"] | null) ?? null,
    changes: run.changes as ImportChange[],
    totalChanges: run.totalChanges,
    warnings: run.warnings as DocumentIssue[],
    totalWarnings: run.totalWarnings,
    errors: run.errors as DocumentIssue[],
    configRewrite: offeredConfigRewrite(run.configRewrite),
    error: stalled ? STALLED_IMPORT_MESSAGE : run.error,
    gatewayId: run.gatewayId,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
  };
}

/**
 * Job `imports.sweep` (cron): runs a worker lost fail with {@link STALLED_IMPORT_MESSAGE}, runs open for
 * a day fail with {@link EXPIRED_IMPORT_MESSAGE}, and every upload that nothing will read again is deleted.
 */
export function sweepImportRuns({ db, now }: Pick<ServiceDeps, "db" | "now">) {
  const at = now().getTime();
  return expireImportRuns(db, {
    createdBefore: new Date(at - IMPORT_RUN_MAX_AGE_MS),
    stalledBefore: new Date(at - IMPORT_RUN_STALL_MS),
    expiredError: EXPIRED_IMPORT_MESSAGE,
    stalledError: STALLED_IMPORT_MESSAGE,
  });
}
