import { DomainError } from "@clawfleet/core/domain-error";
import type { DocumentIssue } from "@clawfleet/core/document-parsing/document-issue";
import type { GatewayEdit } from "@clawfleet/core/fleet/gateway-edit.schema";
import { analyzeImportFiles } from "@clawfleet/core/openclaw-import/analyze-import";
import type { GatewayRecord } from "@clawfleet/core/openclaw-import/gateway-record";
import {
  type ImportPlan,
  buildImportPlan,
  canonicalPlanText,
} from "@clawfleet/core/openclaw-import/import-plan";
import type { StateFile } from "@clawfleet/core/openclaw-import/state-files";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { type Db, inTransaction } from "@clawfleet/db/client";
import { createGateway, findGatewayIdByName } from "@clawfleet/db/gateway.repository";
import {
  claimImportRun,
  createImportRun,
  findImportRun,
  findImportRunProgress,
  markImportRunFailed,
  markImportRunSucceeded,
  recordImportProgress,
} from "@clawfleet/db/import-run.repository";
import { storedFingerprints, writeGatewayRecord } from "@clawfleet/db/openclaw-import.repository";
import { type LoadedGateway, loadGatewayRows } from "@clawfleet/db/openclaw-state.repository";
import type { Caller, ServiceDeps, TeamScope } from "../service-context";

/**
 * Import of an OpenClaw state into a gateway, shared by the web procedures and the CLI: a preview that
 * records an ImportRun with the plan's keyed hash, and a commit that recomputes the plan from the same
 * files, refuses if the hash moved, and writes everything in one transaction with one audit event.
 * Progress goes to the ImportRun row through the client (another connection), outside the transaction.
 */

export type ImportTarget = { kind: "existing"; gatewayId: string } | ({ kind: "new" } & GatewayEdit);

export type ImportPreview =
  | { ok: true; importRunId: string; planHash: string; plan: ImportPlan; warnings: DocumentIssue[] }
  | { ok: false; errors: DocumentIssue[] };

export type PlannedImport =
  | {
      ok: true;
      plan: ImportPlan;
      planHash: string;
      record: GatewayRecord;
      warnings: DocumentIssue[];
      current: LoadedGateway | null;
    }
  | { ok: false; errors: DocumentIssue[] };

async function currentGateway(db: Db, teamId: string, target: ImportTarget): Promise<LoadedGateway | null> {
  if (target.kind === "existing") return loadGatewayRows(db, { teamId, gatewayId: target.gatewayId });
  if ((await findGatewayIdByName(db, { teamId, name: target.name })) !== null) {
    throw new DomainError(
      "CONFLICT",
      `A gateway named "${target.name}" already exists in this team. Import into it, or choose another name.`,
    );
  }
  return null;
}

/** The target with its keys in one fixed order, so it hashes alike after a round trip through jsonb. */
function canonicalTarget(target: ImportTarget): ImportTarget {
  if (target.kind === "existing") return { kind: "existing", gatewayId: target.gatewayId };
  const { name, homeDir, stateDir, openclawVersion } = target;
  return { kind: "new", name, homeDir, stateDir, openclawVersion };
}

/** The plan of an import without recording anything (a CLI `--dry-run`). */
export async function planImport(
  { db, secretBox }: Pick<ServiceDeps, "db" | "secretBox">,
  { teamId }: TeamScope,
  { target, files }: { target: ImportTarget; files: readonly StateFile[] },
): Promise<PlannedImport> {
  const analysis = analyzeImportFiles(files);
  if (!analysis.ok) return analysis;
  const current = await currentGateway(db, teamId, target);
  const incomingFingerprint = (plaintext: string) => secretBox.fingerprint(teamId, plaintext);
  const plan = buildImportPlan({
    incoming: analysis.record,
    current: current?.record ?? null,
    currentFingerprints: current ? storedFingerprints(current) : new Map(),
    incomingFingerprint,
  });
  const canonical = canonicalPlanText({
    target: canonicalTarget(target),
    plan,
    incoming: analysis.record,
    incomingFingerprint,
  });
  // why: a keyed HMAC, never a plain hash, because the canonical text is derived from secrets.
  const planHash = secretBox.fingerprint(teamId, canonical);
  return { ok: true, plan, planHash, record: analysis.record, warnings: analysis.warnings, current };
}

/** Dry run: nothing but the ImportRun row is written, and nothing at all when the files are refused. */
export async function previewImport(
  deps: Pick<ServiceDeps, "db" | "secretBox">,
  caller: Pick<Caller, "teamId" | "actor">,
  input: { target: ImportTarget; files: readonly StateFile[] },
): Promise<ImportPreview> {
  const prepared = await planImport(deps, caller, input);
  if (!prepared.ok) return prepared;
  const run = await createImportRun(deps.db, {
    teamId: caller.teamId,
    gatewayId: input.target.kind === "existing" ? input.target.gatewayId : null,
    planHash: prepared.planHash,
    target: input.target,
    summary: prepared.plan.summary,
    totalSteps: prepared.plan.totalSteps,
    createdById: caller.actor.id,
  });
  return {
    ok: true,
    importRunId: run.id,
    planHash: prepared.planHash,
    plan: prepared.plan,
    warnings: prepared.warnings,
  };
}

export type ImportResult = { gatewayId: string; plan: ImportPlan };

/** Bigger imports need more than the default 30 s transaction budget (10,000 agents take about a minute). */
const IMPORT_TRANSACTION_TIMEOUT_MS = 10 * 60_000;

function formatIssues(issues: readonly DocumentIssue[]): string {
  return issues
    .slice(0, 5)
    .map(
      (issue) =>
        `${issue.file}${issue.line === undefined ? "" : `:${issue.line}:${issue.column ?? 1}`}${issue.path ? ` ${issue.path}` : ""}: ${issue.message}`,
    )
    .join("; ");
}

/**
 * Applies a previewed import. The files must produce the previewed plan again (same hash), else CONFLICT:
 * the upload or the gateway changed since the preview.
 */
export async function commitImport(
  deps: Pick<ServiceDeps, "db" | "secretBox">,
  caller: Caller,
  input: { importRunId: string; planHash: string; files: readonly StateFile[] },
): Promise<ImportResult> {
  const { db, secretBox } = deps;
  const { teamId } = caller;
  const run = await findImportRun(db, { teamId, importRunId: input.importRunId });
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
  const prepared = await planImport(deps, caller, { target, files: input.files });
  if (!prepared.ok)
    throw new DomainError("INVALID_INPUT", `The files cannot be imported: ${formatIssues(prepared.errors)}`);
  if (prepared.planHash !== run.planHash) {
    throw new DomainError(
      "CONFLICT",
      "The gateway or the uploaded files changed since the preview, so the plan is no longer the one you saw. Preview again, then confirm.",
    );
  }
  if (!(await claimImportRun(db, { importRunId: run.id })))
    throw new DomainError("CONFLICT", "This import is already being applied.");

  const totalSteps = prepared.plan.totalSteps;
  const every = Math.max(1, Math.floor(totalSteps / 50));
  let done = 0;
  const onStep = async () => {
    done += 1;
    // why: `db` (not the transaction) writes on another connection, so pollers see progress at once.
    if (done % every === 0)
      await recordImportProgress(db, { importRunId: run.id, doneSteps: Math.min(done, totalSteps) });
  };
  try {
    const gatewayId = await inTransaction(
      db,
      async (tx) => {
        let current = prepared.current;
        let gatewayId: string;
        if (target.kind === "new") {
          const { kind: _kind, ...edit } = target;
          const created = await createGateway(tx, { teamId, edit });
          gatewayId = created.id;
          current = await loadGatewayRows(tx, { teamId, gatewayId });
        } else {
          gatewayId = target.gatewayId;
        }
        if (!current) throw new DomainError("NOT_FOUND", "Gateway not found.");
        await writeGatewayRecord(tx, secretBox, {
          teamId,
          gatewayId,
          incoming: prepared.record,
          current,
          onStep,
        });
        await recordAuditEvent(tx, {
          teamId,
          actor: caller.actor,
          action: "gateway.import",
          target: { type: "gateway", id: gatewayId },
          after: {
            importRunId: run.id,
            newGateway: target.kind === "new",
            summary: prepared.plan.summary,
            warnings: prepared.warnings.length,
          },
          requestId: caller.requestId,
        });
        return gatewayId;
      },
      { timeoutMs: IMPORT_TRANSACTION_TIMEOUT_MS },
    );
    await markImportRunSucceeded(db, { importRunId: run.id, doneSteps: totalSteps, gatewayId });
    return { gatewayId, plan: prepared.plan };
  } catch (error) {
    const message =
      error instanceof DomainError ? error.message : "The import failed and nothing was changed.";
    await markImportRunFailed(db, { importRunId: run.id, error: message });
    throw error;
  }
}

export type ImportProgress = {
  status: string;
  doneSteps: number;
  totalSteps: number;
  error: string | null;
  gatewayId: string | null;
};

/** A run still `running` this long after its last progress cannot be alive: its transaction has timed out. */
const ABANDONED_IMPORT_AFTER_MS = IMPORT_TRANSACTION_TIMEOUT_MS + 60_000;

export async function readImportProgress(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
  { importRunId }: { importRunId: string },
): Promise<ImportProgress> {
  const run = await findImportRunProgress(db, { teamId, importRunId });
  if (!run) throw new DomainError("NOT_FOUND", "Import not found.");
  const { updatedAt, ...progress } = run;
  // why: a process killed mid-import leaves its row `running`; its transaction rolled back, so say so.
  if (progress.status === "running" && now().getTime() - updatedAt.getTime() > ABANDONED_IMPORT_AFTER_MS) {
    return {
      ...progress,
      status: "failed",
      error:
        "This import stopped before it finished (its server or process ended). Nothing was changed; start it again.",
    };
  }
  return progress;
}
