"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import {
  type BulkEditOutcome,
  type BulkEditPlanItem,
  summarizeBulkEditOutcomes,
} from "@clawfleet/core/fleet/bulk-edit";
import { type BulkEditAction, bulkEditActionSchema } from "@clawfleet/core/fleet/bulk-edit.schema";
import { Button } from "~/components/ui/button";
import { ColumnHeaders } from "~/components/ui/column-headers";
import { Notice } from "~/components/ui/notice";
import { useTRPC } from "~/trpc/react";
import {
  BulkActionForm,
  type BulkActionDraft,
  EMPTY_BULK_ACTION_DRAFT,
  bulkActionDraft,
} from "./bulk-action-form";

/** Agents per apply call: small enough that the progress bar moves, large enough to stay quick. */
const APPLY_BATCH = 25;

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
  | {
      kind: "applying" | "done";
      action: BulkEditAction;
      items: BulkEditPlanItem[];
      outcomes: Map<string, BulkEditOutcome>;
    };

/** Choose an action for the selected agents, preview every change, apply it agent by agent, show results. */
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
  const applyBatch = useMutation(trpc.bulkEdits.applyBatch.mutationOptions());

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

  async function apply(action: BulkEditAction, items: BulkEditPlanItem[]) {
    const outcomes = new Map<string, BulkEditOutcome>();
    setStage({ kind: "applying", action, items, outcomes: new Map(outcomes) });
    for (let start = 0; start < items.length; start += APPLY_BATCH) {
      const batch = items.slice(start, start + APPLY_BATCH);
      try {
        const results = await applyBatch.mutateAsync({
          action,
          items: batch.map((item) => ({ agentId: item.agentId, expectedVersion: item.version })),
        });
        for (const result of results) outcomes.set(result.agentId, result);
      } catch (error) {
        for (const item of batch)
          outcomes.set(item.agentId, {
            agentId: item.agentId,
            status: "failed",
            message: (error as Error).message,
          });
      }
      setStage({ kind: "applying", action, items, outcomes: new Map(outcomes) });
    }
    setStage({ kind: "done", action, items, outcomes });
    onApplied();
  }

  const names = new Map(
    stage.kind === "compose" ? [] : stage.items.map((item) => [item.agentId, item.agentName] as const),
  );

  return (
    <section
      aria-labelledby="bulk-edit-heading"
      className="mt-4 rounded-lg border border-sky-300 p-4 dark:border-sky-800"
    >
      <div className="flex items-center justify-between">
        <h2 id="bulk-edit-heading" className="font-semibold">
          Bulk edit {agentIds.length} agent{agentIds.length === 1 ? "" : "s"}
        </h2>
        <Button variant="secondary" onClick={onClose} disabled={stage.kind === "applying"}>
          Close
        </Button>
      </div>

      {stage.kind === "compose" ? (
        <div className="mt-3 grid gap-3">
          <BulkActionForm draft={draft} onChange={setDraft} disabled={preview.isPending} />
          {problems.length > 0 ? (
            <Notice tone="error">
              Fix these first:
              <ul className="list-disc pl-5">
                {problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </Notice>
          ) : null}
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
            <Button onClick={() => void apply(stage.action, stage.items)} disabled={stage.items.length === 0}>
              Apply to {stage.items.length} agent{stage.items.length === 1 ? "" : "s"}
            </Button>
            <Button variant="secondary" onClick={() => setStage({ kind: "compose" })}>
              Back
            </Button>
          </div>
        </div>
      ) : null}

      {stage.kind === "applying" || stage.kind === "done" ? (
        <div className="mt-3 grid gap-3">
          {stage.kind === "applying" ? (
            <div role="status" className="grid gap-1">
              <span>
                Applying… {stage.outcomes.size} of {stage.items.length} done
              </span>
              <progress
                aria-label="Bulk edit progress"
                max={stage.items.length}
                value={stage.outcomes.size}
                className="h-2 w-full"
              />
            </div>
          ) : (
            <Summary outcomes={[...stage.outcomes.values()]} names={names} />
          )}
          <PlanTable items={stage.items} outcomes={stage.outcomes} />
          {stage.kind === "done" ? (
            <div className="flex gap-2">
              {[...stage.outcomes.values()].some((outcome) => outcome.status === "conflict") ? (
                <Button
                  variant="secondary"
                  onClick={() =>
                    void showPreview(
                      [...stage.outcomes.values()]
                        .filter((outcome) => outcome.status === "conflict")
                        .map((outcome) => outcome.agentId),
                    )
                  }
                >
                  Preview the conflicted agents again
                </Button>
              ) : null}
              <Button variant="secondary" onClick={() => setStage({ kind: "compose" })}>
                New bulk action
              </Button>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function Summary({ outcomes, names }: { outcomes: BulkEditOutcome[]; names: Map<string, string> }) {
  const counts = summarizeBulkEditOutcomes(outcomes);
  const troubled = counts.conflict + counts.failed;
  return (
    <Notice tone={troubled > 0 ? "warning" : "success"}>
      <span data-testid="bulk-summary">
        {counts.updated} updated, {counts.unchanged} unchanged, {counts.conflict} conflict
        {counts.conflict === 1 ? "" : "s"}, {counts.failed} failed.
      </span>
      {troubled > 0
        ? ` Not applied to: ${outcomes
            .filter((outcome) => outcome.status === "conflict" || outcome.status === "failed")
            .map((outcome) => names.get(outcome.agentId) ?? outcome.agentId)
            .join(", ")}.`
        : ""}
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
