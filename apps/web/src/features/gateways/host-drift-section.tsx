"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type DriftScope, type HostDriftItem, driftScope } from "@clawfleet/core/connector/host-drift";
import { Button } from "~/components/ui/button";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { Notice } from "~/components/ui/notice";
import { useSessionRole } from "~/features/session/use-session-role";
import { useTRPC } from "~/trpc/react";

/** The host reports its config after every change; a 10 s refresh shows a CLI edit soon after it lands. */
const DRIFT_REFRESH_MS = 10_000;

type Settlement = "accept" | "push";

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function itemLabel(item: HostDriftItem): string {
  if (item.scope === "defaults") return `Gateway defaults · ${item.field}`;
  if (item.field !== "agent") return `Agent ${item.agentKey} · ${item.field}`;
  return `Agent ${item.agentKey} (${item.host === null ? "only in the console" : "only on the host"})`;
}

/** A value as one line of JSON; an absent value (null) says so. */
function compactValue(value: unknown): string {
  return value === null ? "(not set)" : JSON.stringify(value);
}

/** Clauses joined into one sentence that starts with a capital. */
function sentence(clauses: readonly string[], closing: string): string {
  const text = clauses.join("; ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}. ${closing}`;
}

/** What each settlement does, in the words of its confirmation. */
function impactOf(settlement: Settlement, scope: DriftScope): string {
  const parts: string[] = [];
  if (settlement === "accept") {
    const overwritten = [
      ...(scope.onBothSides.length > 0
        ? [`${plural(scope.onBothSides.length, "agent's", "agents'")} settings`]
        : []),
      ...(scope.defaultsFields.length > 0 ? ["the gateway defaults"] : []),
    ];
    if (overwritten.length > 0)
      parts.push(`Overwrites ${overwritten.join(" and ")} in the console with the host's`);
    if (scope.hostOnly.length > 0)
      parts.push(`creates ${plural(scope.hostOnly.length, "agent", "agents")} found only on the host`);
    if (scope.consoleOnly.length > 0)
      parts.push(
        `keeps ${plural(scope.consoleOnly.length, "agent", "agents")} that exist only in the console`,
      );
    return sentence(parts, "Nothing is sent to the host.");
  }
  const changes =
    (scope.defaultsFields.length > 0 ? 1 : 0) + scope.onBothSides.length + scope.consoleOnly.length;
  parts.push(`Queues ${plural(changes, "config change", "config changes")} to the host`);
  if (scope.hostOnly.length > 0)
    parts.push(`keeps ${plural(scope.hostOnly.length, "agent", "agents")} that exist only on the host`);
  return sentence(parts, "The console is not changed.");
}

/**
 * Drift between the console and the host's real `openclaw.json` (someone ran the CLI there), as the host agent last
 * reported it: each differing item with both values, and the two ways to settle it. Both act on the report shown
 * (its hash goes with the request), so a newer report in between is refused rather than settled unseen.
 */
export function HostDriftSection({
  gatewayId,
  connected,
  pendingJobs,
}: {
  gatewayId: string;
  connected: boolean;
  /** Console changes not yet applied on the host: they show as drift until they apply. */
  pendingJobs: number;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { whyNot } = useSessionRole();
  const drift = useQuery({
    ...trpc.hostAgents.drift.queryOptions({ gatewayId }),
    refetchInterval: DRIFT_REFRESH_MS,
  });
  const [confirming, setConfirming] = useState<Settlement | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.hostAgents.pathFilter());
  const accept = useMutation(
    trpc.hostAgents.acceptHostVersion.mutationOptions({
      // A new attempt's outcome replaces the last one's: no "Done" beside a fresh error.
      onMutate: () => setDone(null),
      onSuccess: (result) =>
        setDone(
          `Accepted the host's version: ${plural(result.updatedAgentKeys.length, "agent", "agents")} updated, ${plural(result.createdAgentKeys.length, "agent", "agents")} created${result.defaultsFields.length > 0 ? ", gateway defaults updated" : ""}.`,
        ),
      onSettled: async () => {
        setConfirming(null);
        await refresh();
      },
    }),
  );
  const push = useMutation(
    trpc.hostAgents.pushConsoleVersion.mutationOptions({
      onMutate: () => setDone(null),
      onSuccess: (result) =>
        setDone(
          `Queued ${plural(result.queuedJobs.length, "job", "jobs")} for the host; the drift clears once the host reports them applied.`,
        ),
      onSettled: async () => {
        setConfirming(null);
        await refresh();
      },
    }),
  );

  const headingId = `host-drift-${gatewayId}`;
  const data = drift.data;
  const busy = accept.isPending || push.isPending;
  const error = accept.error ?? push.error;
  const whyNotOperator = whyNot("operator");
  const whyNotPush = whyNotOperator ?? (connected ? null : "No host agent is connected to apply it.");

  let body: React.ReactNode = null;
  if (drift.error) body = <Notice tone="error">{drift.error.message}</Notice>;
  else if (!data) body = <p className="text-zinc-500">Loading the drift with the host…</p>;
  else if (data.reportedAt === null)
    body = (
      <p className="text-zinc-600 dark:text-zinc-400">
        The host has not reported its openclaw.json yet. A connected host agent reports it whenever the config
        changes.
      </p>
    );
  else if (data.items.length === 0)
    body = (
      <p className="text-zinc-600 dark:text-zinc-400">
        No drift: the host&apos;s openclaw.json matches the console (reported{" "}
        {data.reportedAt.toLocaleString()}).
      </p>
    );
  else {
    const { configHash, items } = data;
    const scope = driftScope(items);
    const settle = (settlement: Settlement) => {
      setDone(null);
      if (settlement === "accept") accept.mutate({ gatewayId, configHash });
      else push.mutate({ gatewayId, configHash });
    };
    body = (
      <>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          The host&apos;s openclaw.json (reported {data.reportedAt.toLocaleString()}) differs from the console
          in {plural(items.length, "item", "items")}.
        </p>
        {pendingJobs > 0 ? (
          <Notice tone="warning">
            {plural(pendingJobs, "change from the console is", "changes from the console are")} still on the
            way to the host and may account for some of this drift. Accepting the host&apos;s version now
            would undo them in the console; wait for them to apply, or review them below first.
          </Notice>
        ) : null}
        <div className="overflow-x-auto">
          <table aria-label="Drift with the host" className="w-full text-left text-sm">
            <thead className="text-zinc-500 dark:text-zinc-400">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Item
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Console value
                </th>
                <th scope="col" className="py-1 font-medium">
                  Host value
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr
                  key={`${item.scope}:${item.scope === "agent" ? item.agentKey : ""}:${item.field}`}
                  className="border-t border-zinc-200 align-top dark:border-zinc-800"
                >
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {itemLabel(item)}
                  </th>
                  <td className="py-1 pr-3 font-mono text-xs break-all">{compactValue(item.console)}</td>
                  <td className="py-1 font-mono text-xs break-all">{compactValue(item.host)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ConfirmDialog
          open={confirming !== null}
          tone="warning"
          title={
            confirming === "push" ? "Push the console's version to the host?" : "Accept the host's version?"
          }
          busy={busy}
          error={error?.message}
          confirmLabel={
            confirming === "push" ? "Yes, push the console's version" : "Yes, accept the host's version"
          }
          onConfirm={() => confirming && settle(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>{confirming ? impactOf(confirming, scope) : null}</p>
        </ConfirmDialog>
        <div className="flex flex-wrap items-center gap-2">
          <Button
            type="button"
            disabled={whyNotOperator !== null}
            title={whyNotOperator ?? undefined}
            onClick={() => setConfirming("accept")}
          >
            Accept host version
          </Button>
          <Button
            type="button"
            variant="secondary"
            disabled={whyNotPush !== null}
            title={whyNotPush ?? undefined}
            onClick={() => setConfirming("push")}
          >
            Push console version
          </Button>
          {whyNotPush ? <span className="text-zinc-600 dark:text-zinc-400">{whyNotPush}</span> : null}
        </div>
      </>
    );
  }

  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h4 id={headingId} className="font-semibold">
        Drift with the host
      </h4>
      {body}
      {done ? <Notice tone="success">{done}</Notice> : null}
      {error ? <Notice tone="error">{error.message}</Notice> : null}
    </section>
  );
}
