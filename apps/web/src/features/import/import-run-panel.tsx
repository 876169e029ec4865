"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { isImportRunInProgress } from "@clawfleet/core/openclaw-import/import-run";
import { Button } from "~/components/ui/button";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { Notice } from "~/components/ui/notice";
import { useTRPC } from "~/trpc/react";

type Issue = { file: string; path: string; message: string; line?: number; column?: number };

function where(issue: Issue): string {
  const position =
    issue.line !== undefined ? `:${issue.line}${issue.column !== undefined ? `:${issue.column}` : ""}` : "";
  return `${issue.file}${position}${issue.path ? ` (${issue.path})` : ""}`;
}

function IssueList({ issues, total, tone }: { issues: Issue[]; total: number; tone: "error" | "warning" }) {
  return (
    <Notice tone={tone} role={tone === "error" ? "alert" : "status"}>
      {tone === "error" ? "Nothing was imported. Fix these files and try again:" : "Review before importing:"}
      <ul className="mt-1 list-disc pl-5">
        {issues.map((issue, index) => (
          <li key={index}>
            <span className="font-mono text-xs">{where(issue)}</span>: {issue.message}
          </li>
        ))}
      </ul>
      {total > issues.length ? <p className="mt-1">… and {total - issues.length} more.</p> : null}
    </Notice>
  );
}

/** The page polls a run this often while a job works on it (and stops once it waits for you or ended). */
const POLL_MS = 1_000;

const count = (value: number) => value.toLocaleString("en");

/**
 * Follows one import run (its id is in the URL, so a reload keeps following it): the phase and progress bar
 * while a worker job previews or commits it, then the preview with "Import now", the refusal with every
 * located problem, or the result.
 */
/**
 * The config rewrite a refused run offers: what it changes and why, and the button that previews the same
 * files again with it applied (nothing is rewritten unless the admin presses it).
 */
function ConfigRewriteOffer({
  offer,
  onAccept,
}: {
  offer: { movedKeys: string[]; explanation: string };
  onAccept: (() => void) | undefined;
}) {
  return (
    <section
      aria-labelledby="config-rewrite-heading"
      className="space-y-2 rounded-lg border border-amber-300 p-4 dark:border-amber-700"
    >
      <h2 id="config-rewrite-heading" className="font-semibold">
        Offered fix: move {offer.movedKeys.join(", ")} into env.vars
      </h2>
      <p data-testid="config-rewrite-explanation">{offer.explanation}</p>
      {onAccept ? (
        <Button type="button" onClick={onAccept}>
          Rewrite openclaw.json and preview again
        </Button>
      ) : (
        <p className="text-zinc-500 dark:text-zinc-400">
          Choose the same files again above to accept this rewrite.
        </p>
      )}
    </section>
  );
}

export function ImportRunPanel({
  importRunId,
  onAcceptConfigRewrite,
}: {
  importRunId: string;
  /** Present while the wizard still holds the uploaded files, so it can preview them again rewritten. */
  onAcceptConfigRewrite?: (() => void) | undefined;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const run = useQuery({
    ...trpc.imports.run.queryOptions({ importRunId }),
    refetchInterval: (query) =>
      query.state.data && !isImportRunInProgress(query.state.data.status) ? false : POLL_MS,
  });
  const [confirming, setConfirming] = useState(false);
  const commit = useMutation(
    trpc.imports.commit.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        void run.refetch();
      },
    }),
  );
  const status = run.data?.status;

  useEffect(() => {
    // why: every list in the console may show the imported gateway, agents and profiles.
    if (status === "succeeded") void queryClient.invalidateQueries();
  }, [status, queryClient]);

  if (run.error) return <Notice tone="error">{run.error.message}</Notice>;
  const data = run.data;
  if (!data) return <p className="text-zinc-500 dark:text-zinc-400">Loading the import…</p>;

  const inProgress = isImportRunInProgress(data.status);
  const { summary } = data;
  const removals = { agents: summary?.agents.remove ?? 0, profiles: summary?.profiles.remove ?? 0 };
  const removalWords = [
    removals.agents > 0 ? `${count(removals.agents)} agent${removals.agents === 1 ? "" : "s"}` : null,
    removals.profiles > 0
      ? `${count(removals.profiles)} credential${removals.profiles === 1 ? "" : "s"}`
      : null,
  ]
    .filter(Boolean)
    .join(" and ");
  return (
    <div className="space-y-4">
      {inProgress ? (
        <div className="space-y-1" aria-live="polite">
          <progress
            className="w-full"
            max={Math.max(1, data.totalSteps)}
            value={data.doneSteps}
            aria-label="Import progress"
          />
          <p data-testid="import-phase">
            {data.status === "commit_queued" || data.status === "committing"
              ? "Importing"
              : "Checking the files"}
            : {data.phase}
            {data.totalSteps > 1 ? ` ${count(data.doneSteps)}/${count(data.totalSteps)}` : ""}
          </p>
          {data.waitingForWorker ? (
            <Notice tone="warning">
              No worker has picked this import up yet. Is the worker running (<code>npm run worker</code>, or{" "}
              <code>npm start</code>)?
            </Notice>
          ) : null}
        </div>
      ) : null}

      {data.errors.length > 0 ? (
        <IssueList issues={data.errors} total={data.errors.length} tone="error" />
      ) : null}
      {data.configRewrite ? (
        <ConfigRewriteOffer offer={data.configRewrite} onAccept={onAcceptConfigRewrite} />
      ) : null}
      {data.status === "failed" && data.errors.length === 0 ? (
        <Notice tone="error">{data.error ?? "The import failed and nothing was changed."}</Notice>
      ) : null}

      {summary ? (
        <section
          aria-labelledby="preview-heading"
          className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
        >
          <h2 id="preview-heading" className="font-semibold">
            Preview
          </h2>
          <dl className="grid grid-cols-3 gap-3">
            {(["agents", "profiles"] as const).map((entity) => (
              <div key={entity}>
                <dt className="font-medium capitalize">{entity}</dt>
                <dd data-testid={`summary-${entity}`}>
                  {count(summary[entity].create)} to create, {count(summary[entity].update)} to change,{" "}
                  {count(summary[entity].remove)} to remove, {count(summary[entity].unchanged)} unchanged
                </dd>
              </div>
            ))}
            <div>
              <dt className="font-medium">Params</dt>
              <dd>
                {count(summary.params.create)} to set, {count(summary.params.update)} to change,{" "}
                {count(summary.params.remove)} to remove
              </dd>
            </div>
          </dl>
          {data.warnings.length > 0 ? (
            <IssueList issues={data.warnings} total={data.totalWarnings} tone="warning" />
          ) : null}
          <details>
            <summary className="cursor-pointer">
              Every change ({count(data.totalChanges)}
              {data.totalChanges > data.changes.length ? `, first ${data.changes.length} listed` : ""})
            </summary>
            <ul className="mt-2 max-h-80 overflow-auto font-mono text-xs">
              {data.changes.map((change, index) => (
                <li key={index}>
                  {change.kind} {change.entity} {change.id}
                  {change.fields && change.fields.length > 0 ? ` (${change.fields.join(", ")})` : ""}
                </li>
              ))}
            </ul>
          </details>
          {data.status === "previewed" && data.planHash ? (
            <>
              <Button
                type="button"
                disabled={commit.isPending}
                onClick={() => {
                  // Only an import that deletes something asks first; adding and updating do not.
                  if (removals.agents + removals.profiles > 0) {
                    commit.reset();
                    setConfirming(true);
                  } else if (data.planHash) commit.mutate({ importRunId, planHash: data.planHash });
                }}
              >
                {commit.isPending ? "Confirming…" : "4. Import now"}
              </Button>
              <ConfirmDialog
                open={confirming}
                title="Import and remove what the files no longer have?"
                confirmLabel={`Import and remove ${removalWords}`}
                busy={commit.isPending}
                error={commit.error?.message}
                onCancel={() => setConfirming(false)}
                onConfirm={() => data.planHash && commit.mutate({ importRunId, planHash: data.planHash })}
              >
                <p>
                  This import removes {removalWords} from the console
                  {removals.agents > 0 ? ", with those agents' own profiles, statuses and history" : ""}
                  {removals.profiles > 0 ? "; removed profiles' secrets are deleted" : ""}.
                </p>
                <p>
                  It also creates {count(summary.agents.create)} agents and {count(summary.profiles.create)}{" "}
                  profiles, and changes {count(summary.agents.update)} agents and{" "}
                  {count(summary.profiles.update)} profiles.
                </p>
              </ConfirmDialog>
            </>
          ) : null}
        </section>
      ) : null}

      {commit.error && !confirming ? <Notice tone="error">{commit.error.message}</Notice> : null}
      {data.status === "succeeded" && summary ? (
        <Notice tone="success">
          Imported: {count(summary.agents.create)} agents created, {count(summary.agents.update)} changed,{" "}
          {count(summary.profiles.create)} profiles created.{" "}
          <Link className="underline" href={`/agents?gateway=${data.gatewayId ?? ""}`}>
            See the gateway&apos;s agents
          </Link>
        </Notice>
      ) : null}
    </div>
  );
}
