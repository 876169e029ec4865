import type { WorkMark } from "@clawfleet/core/chunked-work/chunked-work";
import { DomainError } from "@clawfleet/core/domain-error";
import type { DocumentIssue } from "@clawfleet/core/document-parsing/document-issue";
import type { GatewayEdit } from "@clawfleet/core/fleet/gateway-edit.schema";
import { analyzeImportFilesInChunks } from "@clawfleet/core/openclaw-import/analyze-import";
import type { GatewayRecord } from "@clawfleet/core/openclaw-import/gateway-record";
import {
  type ImportPlan,
  buildImportPlan,
  writeCanonicalPlanText,
} from "@clawfleet/core/openclaw-import/import-plan";
import {
  type ConfigRewriteOffer,
  applyConfigRewrite,
  offerConfigRewrite,
  rewriteNotice,
} from "@clawfleet/core/openclaw-import/config-rewrite";
import { IMPORT_PREVIEW_LISTED } from "@clawfleet/core/openclaw-import/import-run";
import type { StateFile } from "@clawfleet/core/openclaw-import/state-files";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { type Db, inTransaction } from "@clawfleet/db/client";
import { createGateway, findGatewayIdByName } from "@clawfleet/db/gateway.repository";
import {
  type ImportRunPreview,
  createImportRun,
  failImportRun,
  findImportRun,
  markImportRunSucceeded,
  moveImportRun,
  recordImportProgress,
} from "@clawfleet/db/import-run.repository";
import {
  type ImportWriteProgress,
  storedFingerprints,
  writeGatewayRecord,
} from "@clawfleet/db/openclaw-import.repository";
import { type LoadedGateway, loadGatewayRows } from "@clawfleet/db/openclaw-state.repository";
import { runChunkedWork } from "../jobs/chunked-work-runner";
import {
  countRequestsEndedByRemoval,
  endRequestsOfRemovedProfiles,
  removalNotice,
} from "../reauth/reauth-profile-removal";
import type { Caller, ServiceDeps, TeamScope } from "../service-context";
import { gatewayStatusInputsChanged } from "../statuses/stored-statuses";

/**
 * Import of an OpenClaw state into a gateway: plan the files against the gateway (a keyed hash names the
 * plan), then write everything in one transaction with one audit event. The web app runs these steps as
 * worker jobs over a stored upload (`import-jobs.ts`); the CLI runs them in-process over a folder
 * ({@link previewImport}, {@link commitImport}). Both plan with {@link planImport} and write with
 * {@link writePlannedImport}. Planning is chunked work: a 100,000-agent import lets the event loop run
 * every few milliseconds.
 */

export type ImportTarget = { kind: "existing"; gatewayId: string } | ({ kind: "new" } & GatewayEdit);

/**
 * A refusal: the located problems, and the config rewrite that would fix some of them when there is one
 * (offered, never applied, until the admin accepts it: see {@link planImport}'s `acceptConfigRewrite`).
 */
/** What a run started by accepting a rewrite stores; planning it again then applies the rewrite to the files. */
export const ACCEPTED_CONFIG_REWRITE = { accepted: true } as const;

export function isAcceptedConfigRewrite(stored: unknown): boolean {
  return typeof stored === "object" && stored !== null && "accepted" in stored && stored.accepted === true;
}

export type RefusedImport = { ok: false; errors: DocumentIssue[]; configRewrite?: ConfigRewriteOffer | null };

export type ImportPreview =
  | { ok: true; importRunId: string; planHash: string; plan: ImportPlan; warnings: DocumentIssue[] }
  | RefusedImport;

export type PlannedImport =
  | {
      ok: true;
      plan: ImportPlan;
      planHash: string;
      record: GatewayRecord;
      warnings: DocumentIssue[];
      current: LoadedGateway | null;
    }
  | RefusedImport;

/** Where a running import is, as recorded on its run: a phase in words and how far through it. */
export type ImportProgress = WorkMark;

/** Receives each progress mark of a plan or a write (and may stop the import by throwing). */
export type ImportProgressListener = (progress: ImportProgress) => Promise<void>;

const ignoreProgress: ImportProgressListener = () => Promise.resolve();

/** Progress is written at most this often (and at every change of phase). */
const PROGRESS_WRITE_INTERVAL_MS = 500;

/**
 * Records progress on the run through the client (its own connection): outside the import's transaction,
 * so pollers see it move. Writes are spaced, so marks every few milliseconds cost no more than two a second.
 */
export function progressRecorder(
  { db }: Pick<ServiceDeps, "db">,
  importRunId: string,
  observe: ImportProgressListener | undefined,
): ImportProgressListener {
  let lastPhase = "";
  let lastWrite = 0;
  return async (progress: ImportProgress) => {
    await observe?.(progress);
    const now = performance.now();
    if (progress.phase === lastPhase && now - lastWrite < PROGRESS_WRITE_INTERVAL_MS) return;
    lastPhase = progress.phase;
    lastWrite = now;
    await recordImportProgress(db, {
      importRunId,
      phase: progress.phase,
      doneSteps: progress.done,
      totalSteps: progress.total,
    });
  };
}

/** CONFLICT when the team already has a gateway called `name` (an import creating it would clash). */
export async function assertGatewayNameFree(db: Db, { teamId, name }: { teamId: string; name: string }) {
  if ((await findGatewayIdByName(db, { teamId, name })) !== null) {
    throw new DomainError(
      "CONFLICT",
      `A gateway named "${name}" already exists in this team. Import into it, or choose another name.`,
    );
  }
}

async function currentGateway(db: Db, teamId: string, target: ImportTarget): Promise<LoadedGateway | null> {
  if (target.kind === "existing") return loadGatewayRows(db, { teamId, gatewayId: target.gatewayId });
  await assertGatewayNameFree(db, { teamId, name: target.name });
  return null;
}

/**
 * The stored profiles the import deletes: every current profile whose store owner (the shared store, or an
 * agent by its key) no longer lists it, including those of agents and stores that go away.
 */
function removedProfileRowIds(current: LoadedGateway | null, incoming: GatewayRecord): string[] {
  if (!current) return [];
  const kept = new Set<string>();
  for (const profile of incoming.sharedStore?.profiles ?? []) kept.add(`\u0000${profile.profileId}`);
  for (const agent of incoming.agents)
    for (const profile of agent.store?.profiles ?? [])
      kept.add(`${agent.agentKey}\u0000${profile.profileId}`);
  const agentKeys = new Map(current.agents.map((agent) => [agent.id, agent.agentKey]));
  const removed: string[] = [];
  for (const store of current.stores) {
    const owner = store.agentId === null ? "" : (agentKeys.get(store.agentId) ?? "\u0000gone");
    for (const profile of store.profiles)
      if (!kept.has(`${owner}\u0000${profile.profileId}`)) removed.push(profile.id);
  }
  return removed;
}

/** The target with its keys in one fixed order, so it hashes alike after a round trip through jsonb. */
export function canonicalTarget(target: ImportTarget): ImportTarget {
  if (target.kind === "existing") return { kind: "existing", gatewayId: target.gatewayId };
  const { name, homeDir, stateDir, openclawVersion } = target;
  return { kind: "new", name, homeDir, stateDir, openclawVersion };
}

/**
 * The plan of an import without recording anything (a CLI `--dry-run`, and both jobs). With
 * `acceptConfigRewrite` (the admin accepted the offered rewrite) the upload's `openclaw.json` is rewritten
 * first and the preview says so; without it, a refusal carries the rewrite it could accept.
 */
export async function planImport(
  { db, secretBox }: Pick<ServiceDeps, "db" | "secretBox">,
  { teamId }: TeamScope,
  {
    target,
    files: uploaded,
    acceptConfigRewrite = false,
  }: { target: ImportTarget; files: readonly StateFile[]; acceptConfigRewrite?: boolean },
  onProgress: ImportProgressListener = ignoreProgress,
): Promise<PlannedImport> {
  const rewrite = acceptConfigRewrite ? applyConfigRewrite(uploaded) : null;
  const files = rewrite?.files ?? uploaded;
  const analysis = await runChunkedWork(analyzeImportFilesInChunks(files), onProgress);
  if (!analysis.ok)
    return { ...analysis, configRewrite: acceptConfigRewrite ? null : offerConfigRewrite(uploaded) };
  const rewriteWarnings = rewrite?.applied ? [rewriteNotice(rewrite.applied)] : [];
  await onProgress({ phase: "loading the gateway", done: 0, total: 1 });
  const current = await currentGateway(db, teamId, target);
  const incomingFingerprint = (plaintext: string) => secretBox.fingerprint(teamId, plaintext);
  const plan = await runChunkedWork(
    buildImportPlan({
      incoming: analysis.record,
      current: current?.record ?? null,
      currentFingerprints: current ? storedFingerprints(current) : new Map(),
      incomingFingerprint,
    }),
    onProgress,
  );
  // why: a keyed HMAC, never a plain hash, because the canonical text is derived from secrets.
  const hasher = secretBox.fingerprinter(teamId);
  await runChunkedWork(
    writeCanonicalPlanText(
      { target: canonicalTarget(target), plan, incoming: analysis.record, incomingFingerprint },
      (piece) => hasher.update(piece),
    ),
    onProgress,
  );
  const endedRequests = removalNotice(
    await countRequestsEndedByRemoval(db, {
      teamId,
      authProfileIds: removedProfileRowIds(current, analysis.record),
    }),
  );
  return {
    ok: true,
    plan,
    planHash: hasher.digest(),
    record: analysis.record,
    warnings: [
      ...rewriteWarnings,
      ...(endedRequests ? [{ file: "(re-auth requests)", path: "", message: endedRequests }] : []),
      ...analysis.warnings,
    ],
    current,
  };
}

/** What a run records of a plan: the counts, the first changes and warnings, and their totals. */
export function previewOf(
  prepared: Extract<PlannedImport, { ok: true }>,
): ImportRunPreview & { totalSteps: number } {
  return {
    planHash: prepared.planHash,
    summary: prepared.plan.summary,
    changes: prepared.plan.changes.slice(0, IMPORT_PREVIEW_LISTED),
    totalChanges: prepared.plan.changes.length,
    warnings: prepared.warnings.slice(0, IMPORT_PREVIEW_LISTED),
    totalWarnings: prepared.warnings.length,
    totalSteps: prepared.plan.totalSteps,
  };
}

/** CLI dry run, recorded: a `previewed` run (and nothing at all when the files are refused). */
export async function previewImport(
  deps: Pick<ServiceDeps, "db" | "secretBox">,
  caller: Pick<Caller, "teamId" | "actor">,
  input: { target: ImportTarget; files: readonly StateFile[]; acceptConfigRewrite?: boolean },
): Promise<ImportPreview> {
  const prepared = await planImport(deps, caller, input);
  if (!prepared.ok) return prepared;
  const importRunId = crypto.randomUUID();
  await createImportRun(deps.db, {
    id: importRunId,
    teamId: caller.teamId,
    gatewayId: input.target.kind === "existing" ? input.target.gatewayId : null,
    target: input.target,
    createdById: caller.actor.id,
    preview: previewOf(prepared),
    ...(input.acceptConfigRewrite === true ? { configRewrite: ACCEPTED_CONFIG_REWRITE } : {}),
  });
  return {
    ok: true,
    importRunId,
    planHash: prepared.planHash,
    plan: prepared.plan,
    warnings: prepared.warnings,
  };
}

export type ImportResult = { gatewayId: string; plan: ImportPlan };

/**
 * The transaction budget of an import: generous, because a 100,000-agent import writes a few hundred
 * thousand rows (its statements are bounded; only the transaction is long).
 */
export const IMPORT_TRANSACTION_TIMEOUT_MS = 30 * 60_000;

export function formatIssues(issues: readonly DocumentIssue[]): string {
  return issues
    .slice(0, 5)
    .map(
      (issue) =>
        `${issue.file}${issue.line === undefined ? "" : `:${issue.line}:${issue.column ?? 1}`}${issue.path ? ` ${issue.path}` : ""}: ${issue.message}`,
    )
    .join("; ");
}

export const PLAN_MOVED_MESSAGE =
  "The gateway or the uploaded files changed since the preview, so the plan is no longer the one you saw. Preview again, then confirm.";

/**
 * Writes a planned import in ONE transaction: the gateway (created for a new target), its agents, stores,
 * profiles and secrets, the audit event, and the run marked succeeded (so a run is `succeeded` exactly when
 * its data is there). Progress goes to `onProgress`, which records it outside the transaction.
 */
export async function writePlannedImport(
  { db, secretBox, now }: Pick<ServiceDeps, "db" | "secretBox" | "now">,
  caller: Caller,
  {
    importRunId,
    target,
    prepared,
    onProgress = ignoreProgress,
  }: {
    importRunId: string;
    target: ImportTarget;
    prepared: Extract<PlannedImport, { ok: true }>;
    onProgress?: ImportProgressListener;
  },
): Promise<string> {
  const { teamId } = caller;
  return inTransaction(
    db,
    async (tx) => {
      let current = prepared.current;
      let gatewayId: string;
      if (target.kind === "new") {
        const { kind: _kind, ...edit } = target;
        gatewayId = (await createGateway(tx, { teamId, edit })).id;
        current = await loadGatewayRows(tx, { teamId, gatewayId });
      } else {
        gatewayId = target.gatewayId;
      }
      if (!current) throw new DomainError("NOT_FOUND", "Gateway not found.");
      await endRequestsOfRemovedProfiles(tx, {
        teamId,
        authProfileIds: removedProfileRowIds(current, prepared.record),
        actor: caller.actor,
        auditRequestId: caller.requestId,
        now: now(),
        reason: `Its profile was removed by import ${importRunId}.`,
      });
      await writeGatewayRecord(tx, secretBox, {
        teamId,
        gatewayId,
        incoming: prepared.record,
        current,
        onProgress: (progress: ImportWriteProgress) => onProgress(progress),
      });
      await gatewayStatusInputsChanged(tx, { teamId, gatewayId, now: now().getTime() });
      await recordAuditEvent(tx, {
        teamId,
        actor: caller.actor,
        action: "gateway.import",
        target: { type: "gateway", id: gatewayId },
        after: {
          importRunId,
          newGateway: target.kind === "new",
          summary: prepared.plan.summary,
          warnings: prepared.warnings.length,
        },
        requestId: caller.requestId,
      });
      await markImportRunSucceeded(tx, { importRunId, gatewayId, totalSteps: prepared.plan.totalSteps });
      return gatewayId;
    },
    { timeoutMs: IMPORT_TRANSACTION_TIMEOUT_MS },
  );
}

/**
 * CLI: applies a previewed import from the same folder. The files must produce the previewed plan again
 * (same hash), else CONFLICT: the folder or the gateway changed since the preview.
 */
export async function commitImport(
  deps: Pick<ServiceDeps, "db" | "secretBox" | "now">,
  caller: Caller,
  input: { importRunId: string; planHash: string; files: readonly StateFile[] },
): Promise<ImportResult> {
  const { db } = deps;
  const run = await findImportRun(db, { teamId: caller.teamId, importRunId: input.importRunId });
  if (!run) throw new DomainError("NOT_FOUND", "Import not found.");
  if (run.status !== "previewed")
    throw new DomainError(
      "INVALID_STATE",
      `This import is already ${run.status}; start a new preview to import again.`,
    );
  if (run.planHash !== input.planHash)
    throw new DomainError(
      "CONFLICT",
      "This is not the plan that was previewed. Preview again before confirming.",
    );
  const target = run.target as ImportTarget;
  const prepared = await planImport(deps, caller, {
    target,
    files: input.files,
    acceptConfigRewrite: isAcceptedConfigRewrite(run.configRewrite),
  });
  if (!prepared.ok)
    throw new DomainError("INVALID_INPUT", `The files cannot be imported: ${formatIssues(prepared.errors)}`);
  if (prepared.planHash !== run.planHash) throw new DomainError("CONFLICT", PLAN_MOVED_MESSAGE);
  if (
    !(await moveImportRun(db, { importRunId: run.id, from: "previewed", to: "committing", phase: "writing" }))
  )
    throw new DomainError("CONFLICT", "This import is already being applied.");
  try {
    const gatewayId = await writePlannedImport(deps, caller, {
      importRunId: run.id,
      target,
      prepared,
      onProgress: progressRecorder(deps, run.id, undefined),
    });
    return { gatewayId, plan: prepared.plan };
  } catch (error) {
    await failImportRun(db, { importRunId: run.id, error: failureMessage(error) });
    throw error;
  }
}

/** What a failed import tells its user: a domain error's own words, else a message that leaks nothing. */
export function failureMessage(error: unknown): string {
  return error instanceof DomainError ? error.message : "The import failed and nothing was changed.";
}
