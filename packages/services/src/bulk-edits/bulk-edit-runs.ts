import { DomainError } from "@clawfleet/core/domain-error";
import type { BulkEditOutcome } from "@clawfleet/core/fleet/bulk-edit";
import {
  type BulkEditAction,
  type BulkEditItem,
  bulkEditActionSchema,
} from "@clawfleet/core/fleet/bulk-edit.schema";
import { countTeamAgents } from "@clawfleet/db/agent.repository";
import {
  type BulkEditRunItemRow,
  type BulkEditRunStatus,
  countBulkEditOutcomes,
  createBulkEditRun,
  findBulkEditRun,
  finishBulkEditRun,
  listBulkEditItems,
  listUnappliedBulkEditAgents,
  listWaitingBulkEditItems,
  recordBulkEditOutcome,
  startBulkEditRun,
} from "@clawfleet/db/bulk-edit-run.repository";
import { inTransaction } from "@clawfleet/db/client";
import { queueJob } from "../jobs/job-catalog";
import type { Caller, ServiceDeps, TeamScope } from "../service-context";
import { NONE_FOUND, applyBulkEditToAgent } from "./bulk-agent-edit";

/**
 * A bulk edit as a worker job: the request records a run (one row per agent with the version its preview
 * showed) and queues `bulk_edits.apply` in the same transaction, and returns the run's id at once; the
 * worker applies the action agent by agent through the editor's own path, recording each outcome as it
 * goes; the bulk edit panel follows the run with {@link readBulkEditRun}.
 */

/** Results per page of {@link readBulkEditRun}. */
export const BULK_EDIT_RESULTS_PAGE_SIZE = 200;

/** Records the run and queues its job; NOT_FOUND when no selected agent is the team's. */
export async function requestBulkEdit(
  { db }: Pick<ServiceDeps, "db">,
  caller: Caller,
  { action, items }: { action: BulkEditAction; items: readonly BulkEditItem[] },
): Promise<{ bulkEditRunId: string }> {
  const found = await countTeamAgents(db, {
    teamId: caller.teamId,
    agentIds: items.map((item) => item.agentId),
  });
  if (found === 0) throw new DomainError("NOT_FOUND", NONE_FOUND);
  const bulkEditRunId = crypto.randomUUID();
  await inTransaction(db, async (tx) => {
    await createBulkEditRun(tx, {
      id: bulkEditRunId,
      teamId: caller.teamId,
      action,
      actor: caller.actor,
      requestId: caller.requestId,
      items,
    });
    // why: a worker that dies midway is retried; agents with an outcome are not applied again.
    await queueJob(tx, "bulk_edits.apply", { bulkEditRunId }, { maxAttempts: 3 });
  });
  return { bulkEditRunId };
}

/**
 * Job `bulk_edits.apply`: each waiting agent in selection order, each in its own transaction with its own
 * version check and audit event (as the person who asked for the edit), its outcome recorded at once.
 */
export async function runBulkEdit(
  deps: Pick<ServiceDeps, "db" | "now">,
  { bulkEditRunId }: { bulkEditRunId: string },
): Promise<void> {
  const run = await startBulkEditRun(deps.db, { bulkEditRunId });
  if (!run) return;
  const parsed = bulkEditActionSchema.safeParse(run.action);
  if (!parsed.success) {
    await finishBulkEditRun(deps.db, {
      bulkEditRunId,
      status: "failed",
      error: "This bulk edit's action cannot be read; nothing more was applied.",
    });
    return;
  }
  const caller: Caller = {
    teamId: run.teamId,
    actor: { id: run.actorId, label: run.actorLabel },
    requestId: run.requestId,
  };
  for (const item of await listWaitingBulkEditItems(deps.db, { bulkEditRunId })) {
    const outcome = await applyBulkEditToAgent(deps, caller, item, parsed.data);
    await recordBulkEditOutcome(deps.db, {
      bulkEditRunId,
      position: item.position,
      outcome: outcome.status,
      version: "version" in outcome ? outcome.version : null,
      message: "message" in outcome ? outcome.message : null,
    });
  }
  await finishBulkEditRun(deps.db, { bulkEditRunId, status: "succeeded" });
}

/** One agent's result: its outcome, or `waiting` while the worker has not reached it. */
export type BulkEditResult = BulkEditOutcome | { agentId: string; status: "waiting" };

export type BulkEditRunView = {
  id: string;
  status: BulkEditRunStatus;
  totalItems: number;
  doneItems: number;
  counts: Record<BulkEditOutcome["status"], number>;
  /** Agents not applied (conflict or failed), in selection order: the panel names them and can re-preview them. */
  unapplied: { agentId: string; outcome: "conflict" | "failed" }[];
  error: string | null;
  page: number;
  pageCount: number;
  pageSize: number;
  /** This page's agents in selection order. */
  results: BulkEditResult[];
};

function resultOf(item: BulkEditRunItemRow): BulkEditResult {
  const { agentId } = item;
  switch (item.outcome) {
    case null:
      return { agentId, status: "waiting" };
    case "updated":
    case "unchanged":
      return { agentId, status: item.outcome, version: item.version ?? item.expectedVersion };
    case "conflict":
    case "failed":
      return { agentId, status: item.outcome, message: item.message ?? "" };
  }
}

/** A run's progress and one page of its results; NOT_FOUND for another team's run. */
export async function readBulkEditRun(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { bulkEditRunId, page = 1 }: { bulkEditRunId: string; page?: number },
): Promise<BulkEditRunView> {
  const run = await findBulkEditRun(db, { teamId, bulkEditRunId });
  if (!run) throw new DomainError("NOT_FOUND", "Bulk edit not found.");
  const pageCount = Math.max(1, Math.ceil(run.totalItems / BULK_EDIT_RESULTS_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const items = await listBulkEditItems(db, {
    bulkEditRunId,
    skip: (current - 1) * BULK_EDIT_RESULTS_PAGE_SIZE,
    take: BULK_EDIT_RESULTS_PAGE_SIZE,
  });
  return {
    id: run.id,
    status: run.status,
    totalItems: run.totalItems,
    doneItems: run.doneItems,
    counts: await countBulkEditOutcomes(db, { bulkEditRunId }),
    unapplied: await listUnappliedBulkEditAgents(db, { bulkEditRunId }),
    error: run.error,
    page: current,
    pageCount,
    pageSize: BULK_EDIT_RESULTS_PAGE_SIZE,
    results: items.map(resultOf),
  };
}
