"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { BulkEditOutcome, BulkEditPlanItem } from "@clawfleet/core/fleet/bulk-edit";
import { type BulkEditAction, bulkEditActionSchema } from "@clawfleet/core/fleet/bulk-edit.schema";
import { Button } from "~/components/ui/button";
import { ColumnHeaders } from "~/components/ui/column-headers";
import { Notice } from "~/components/ui/notice";
import { PaginationNav } from "~/components/ui/pagination-nav";
import { useTRPC } from "~/trpc/react";
import {
  BulkActionForm,
  type BulkActionDraft,
  EMPTY_BULK_ACTION_DRAFT,
  bulkActionDraft,
} from "./bulk-action-form";

/** The panel polls a running bulk edit this often. */
const POLL_MS = 1_000;

const OUTCOME_WORDS: Record<BulkEditOutcome["status"], string> = {
  updated: "✓ updated",
  unchanged: "= unchanged",
  conflict: "⚠ conflict",
  failed: "✕ failed",
};

type Stage =
  | { kind: "compose" }
  | {
      kind: "preview";
      action: BulkEditAction;
      items: BulkEditPlanItem[];
      changedCount: number;
      notFoundCount: number;
    }
  | { kind: "applied"; items: BulkEditPlanItem[]; bulkEditRunId: string };

/**
 * Choose an action for the selected agents, preview every change, then apply it: the worker applies it agent
 * by agent (a job), and the panel follows the run's progress and per-agent results.
 */
export function BulkEditPanel({
  agentIds,
  onApplied,
  onClose,
}: {
  agentIds: string[];
  onApplied: () => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<BulkActionDraft>(EMPTY_BULK_ACTION_DRAFT);
  const [stage, setStage] = useState<Stage>({ kind: "compose" });
  const [problems, setProblems] = useState<string[]>([]);
  const preview = useMutation(trpc.bulkEdits.preview.mutationOptions());
  const start = useMutation(trpc.bulkEdits.start.mutationOptions());

  async function showPreview(ids: string[]) {
    const parsed = bulkEditActionSchema.safeParse(bulkActionDraft(draft));
    if (!parsed.success) {
      setProblems(
        parsed.error.issues.map((issue) => `${issue.path.join(".") || "action"}: ${issue.message}`),
      );
      return;
    }
    setProblems([]);
    try {
      const plan = await preview.mutateAsync({ agentIds: ids, action: parsed.data });
      setStage({ kind: "preview", action: parsed.data, ...plan });
    } catch (error) {
      setProblems([`Could not preview: ${(error as Error).message}`]);
    }
  }

  async function applyToAgents(action: BulkEditAction, items: BulkEditPlanItem[]) {
    try {
      const { bulkEditRunId } = await start.mutateAsync({
        action,
        items: items.map((item) => ({ agentId: item.agentId, expectedVersion: item.version })),
      });
      setStage({ kind: "applied", items, bulkEditRunId });
    } catch (error) {
      setProblems([`Could not apply: ${(error as Error).message}`]);
    }
  }

  return (
    <section
      aria-labelledby="bulk-edit-heading"
      className="mt-4 rounded-lg border border-sky-300 p-4 dark:border-sky-800"
    >
      <div className="flex items-center justify-between">
        <h2 id="bulk-edit-heading" className="font-semibold">
          Bulk edit {agentIds.length} agent{agentIds.length === 1 ? "" : "s"}
        </h2>
        <Button variant="secondary" onClick={onClose} disabled={start.isPending}>
          Close
        </Button>
      </div>

      {problems.length > 0 ? (
        <div className="mt-3">
          <Notice tone="error">
            Fix these first:
            <ul className="list-disc pl-5">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </Notice>
        </div>
      ) : null}

      {stage.kind === "compose" ? (
        <div className="mt-3 grid gap-3">
          <BulkActionForm draft={draft} onChange={setDraft} disabled={preview.isPending} />
          <div>
            <Button onClick={() => void showPreview(agentIds)} disabled={preview.isPending}>
              {preview.isPending ? "Preparing preview…" : "Preview changes"}
            </Button>
          </div>
        </div>
      ) : null}

      {stage.kind === "preview" ? (
        <div className="mt-3 grid gap-3">
          <p role="status">
            {stage.changedCount} of {stage.items.length} agent{stage.items.length === 1 ? "" : "s"} will
            change; {stage.items.length - stage.changedCount} already have this value (no change).
            {stage.notFoundCount > 0
              ? ` ${stage.notFoundCount} selected agent${stage.notFoundCount === 1 ? " was" : "s were"} not found (deleted or not in this team) and will be skipped.`
              : ""}
          </p>
          <PlanTable items={stage.items} outcomes={null} />
          <div className="flex gap-2">
            <Button
              onClick={() => void applyToAgents(stage.action, stage.items)}
              disabled={stage.items.length === 0 || start.isPending}
            >
              Apply to {stage.items.length} agent{stage.items.length === 1 ? "" : "s"}
            </Button>
            <Button variant="secondary" onClick={() => setStage({ kind: "compose" })}>
              Back
            </Button>
          </div>
        </div>
      ) : null}

      {stage.kind === "applied" ? (
        <BulkEditRunView
          items={stage.items}
          bulkEditRunId={stage.bulkEditRunId}
          onFinished={onApplied}
          onPreviewAgain={(ids) => void showPreview(ids)}
          onNewAction={() => setStage({ kind: "compose" })}
        />
      ) : null}
    </section>
  );
}

/** Follows one bulk edit run: its progress while the worker applies it, then the per-agent results. */
function BulkEditRunView({
  items,
  bulkEditRunId,
  onFinished,
  onPreviewAgain,
  onNewAction,
}: {
  items: BulkEditPlanItem[];
  bulkEditRunId: string;
  onFinished: () => void;
  onPreviewAgain: (agentIds: string[]) => void;
  onNewAction: () => void;
}) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const run = useQuery({
    ...trpc.bulkEdits.run.queryOptions({ bulkEditRunId, page }),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === "succeeded" || status === "failed" ? false : POLL_MS;
    },
  });
  const finished = run.data?.status === "succeeded" || run.data?.status === "failed";
  useEffect(() => {
    if (finished) onFinished();
  }, [finished]);

  if (run.error) return <Notice tone="error">{run.error.message}</Notice>;
  const data = run.data;
  if (!data) return <p className="mt-3">Starting…</p>;
  const names = new Map(items.map((item) => [item.agentId, item.agentName] as const));
  const outcomes = new Map<string, BulkEditOutcome>();
  for (const result of data.results) if (result.status !== "waiting") outcomes.set(result.agentId, result);
  const pageItems = items.slice((data.page - 1) * data.pageSize, data.page * data.pageSize);
  const conflicted = data.unapplied
    .filter((agent) => agent.outcome === "conflict")
    .map((agent) => agent.agentId);

  return (
    <div className="mt-3 grid gap-3">
      {finished ? (
        <Summary
          counts={data.counts}
          unapplied={data.unapplied.map((agent) => names.get(agent.agentId) ?? agent.agentId)}
        />
      ) : (
        <div role="status" className="grid gap-1">
          <span>
            Applying… {data.doneItems} of {data.totalItems} done
          </span>
          <progress
            aria-label="Bulk edit progress"
            max={data.totalItems}
            value={data.doneItems}
            className="h-2 w-full"
          />
        </div>
      )}
      {data.error ? <Notice tone="error">{data.error}</Notice> : null}
      <PlanTable items={pageItems} outcomes={outcomes} />
      {data.pageCount > 1 ? (
        <PaginationNav page={data.page} pageCount={data.pageCount} onPage={setPage} />
      ) : null}
      {finished ? (
        <div className="flex gap-2">
          {conflicted.length > 0 ? (
            <Button variant="secondary" onClick={() => onPreviewAgain(conflicted)}>
              Preview the conflicted agents again
            </Button>
          ) : null}
          <Button variant="secondary" onClick={onNewAction}>
            New bulk action
          </Button>
        </div>
      ) : null}
    </div>
  );
}

function Summary({
  counts,
  unapplied,
}: {
  counts: Record<BulkEditOutcome["status"], number>;
  /** Names of the agents not applied (conflict or failed). */
  unapplied: string[];
}) {
  return (
    <Notice tone={unapplied.length > 0 ? "warning" : "success"}>
      <span data-testid="bulk-summary">
        {counts.updated} updated, {counts.unchanged} unchanged, {counts.conflict} conflict
        {counts.conflict === 1 ? "" : "s"}, {counts.failed} failed.
      </span>
      {unapplied.length > 0 ? ` Not applied to: ${unapplied.join(", ")}.` : ""}
    </Notice>
  );
}

function PlanTable({
  items,
  outcomes,
}: {
  items: BulkEditPlanItem[];
  outcomes: Map<string, BulkEditOutcome> | null;
}) {
  return (
    <div className="max-h-96 overflow-auto rounded-md border border-zinc-200 dark:border-zinc-800">
      <table
        className="w-full text-left text-sm"
        aria-label={outcomes ? "Bulk edit results" : "Bulk edit preview"}
      >
        <ColumnHeaders columns={["Agent", "Gateway", "Current", "New", ...(outcomes ? ["Result"] : [])]} />
        <tbody>
          {items.map((item) => {
            const outcome = outcomes?.get(item.agentId);
            return (
              <tr key={item.agentId} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="py-1 pr-2 font-medium">{item.agentName}</td>
                <td className="py-1 pr-2">{item.gatewayName}</td>
                <td className="py-1 pr-2 font-mono text-xs">{item.current}</td>
                <td className="py-1 pr-2 font-mono text-xs">
                  {item.changed ? item.next : <span className="text-zinc-500">no change</span>}
                </td>
                {outcomes ? (
                  <td className="py-1 pr-2">
                    {outcome ? (
                      <>
                        <span
                          className={
                            outcome.status === "conflict" || outcome.status === "failed"
                              ? "font-medium text-red-700 dark:text-red-400"
                              : ""
                          }
                        >
                          {OUTCOME_WORDS[outcome.status]}
                        </span>
                        {"message" in outcome ? (
                          <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                            {outcome.message}
                          </span>
                        ) : null}
                      </>
                    ) : (
                      <span className="text-zinc-500">waiting…</span>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
