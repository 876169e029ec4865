"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useEffect, useState } from "react";
import { useNow } from "~/features/fleet/use-now";
import type { AppRouter } from "~/server/api/root";
import { useTRPC } from "~/trpc/react";
import { CopyButton } from "./copy-button";
import { ingestCronLine } from "./ingest-cron-command";
import { IngestTokenCard } from "./ingest-token-card";
import { SnapshotHistory } from "./snapshot-history";
import { StatusDriftList } from "./status-drift-list";
import { CheckBadge, type DriftLookup, StatusRenderedView } from "./status-rendered-view";

type LatestStatus = inferRouterOutputs<AppRouter>["snapshots"]["latest"];
type Snapshot = LatestStatus["computed"];
type ViewMode = "rendered" | "text" | "json";

const VIEW_MODES: { mode: ViewMode; label: string }[] = [
  { mode: "rendered", label: "Rendered" },
  { mode: "text", label: "OpenClaw text" },
  { mode: "json", label: "Raw JSON" },
];

function driftLookup(paths: readonly string[]): DriftLookup {
  return (prefix) =>
    paths.some((path) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`));
}

function SnapshotColumn({
  title,
  snapshot,
  mode,
  isDrift,
  now,
}: {
  title: string;
  snapshot: Snapshot;
  mode: ViewMode;
  isDrift: DriftLookup;
  now: number;
}) {
  const { view } = snapshot;
  const json = JSON.stringify(snapshot.body, null, 2);
  return (
    <section aria-label={title} className="min-w-0 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-base font-semibold">{title}</h3>
        {view.kind === "unreadable" ? null : <CheckBadge check={view.check} />}
      </div>
      <p className="text-zinc-600 dark:text-zinc-400">
        Taken {snapshot.takenAt.toLocaleString()}
        {view.kind === "status" ? ` · OpenClaw ${view.version} shape` : ""}
      </p>
      {mode === "rendered" ? <StatusRenderedView view={view} isDrift={isDrift} now={now} /> : null}
      {mode === "text" ? (
        <pre className="overflow-x-auto rounded-lg border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-900">
          {view.kind === "status"
            ? view.text
            : view.kind === "cli-error"
              ? `[openclaw] Reason: ${view.message}`
              : "(unreadable)"}
        </pre>
      ) : null}
      {mode === "json" ? (
        <div className="space-y-2">
          <CopyButton text={json} label={`Copy ${title.toLowerCase()} JSON`} />
          <pre className="max-h-[32rem] overflow-auto rounded-lg border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-900">
            {json}
          </pre>
        </div>
      ) : null}
    </section>
  );
}

/** What to do when no host has reported this agent yet: the cron line, and (for admins) the token card. */
function NoReportYet({ latest }: { latest: LatestStatus }) {
  const trpc = useTRPC();
  const ingest = useQuery(trpc.ingestTokens.forGateway.queryOptions({ gatewayId: latest.gatewayId }));
  const [origin, setOrigin] = useState("https://console.example.com");
  useEffect(() => setOrigin(window.location.origin), []);
  // The default agent is reported without --agent, as the console computes it (its body has no agentId).
  const isDefaultAgent = !(
    latest.computed.body !== null &&
    typeof latest.computed.body === "object" &&
    "agentId" in latest.computed.body
  );
  const cronLine = ingestCronLine(origin, isDefaultAgent ? undefined : latest.agentKey);
  return (
    <section aria-label="Reported by the host" className="min-w-0 space-y-3">
      <h3 className="text-base font-semibold">Reported by the host</h3>
      <div className="space-y-2 rounded-lg border border-dashed border-zinc-300 p-4 dark:border-zinc-700">
        <p className="font-medium">No report from this agent&apos;s host yet.</p>
        <p className="text-zinc-600 dark:text-zinc-400">
          Run this on the gateway host (crontab of the OpenClaw user) with{" "}
          <code className="font-mono">CLAWFLEET_INGEST_TOKEN</code> set to the gateway&apos;s ingest token;
          the host&apos;s real output then appears here next to the computed status.
        </p>
        <pre className="overflow-x-auto rounded bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-900">
          {cronLine}
        </pre>
        <CopyButton text={cronLine} label="Copy cron line" />
      </div>
      {ingest.data ? (
        <IngestTokenCard
          gatewayId={ingest.data.gatewayId}
          version={ingest.data.version}
          hint={ingest.data.hint}
        />
      ) : null}
      {ingest.error ? (
        <p role="alert">Could not load the gateway&apos;s ingest token: {ingest.error.message}</p>
      ) : null}
    </section>
  );
}

/**
 * An agent's `models status` three ways (rendered, OpenClaw's text, raw JSON): the status the console
 * computes next to the latest one its host reported, the fields that drift between them, and the history.
 */
export function AgentStatusPanel({ agentId }: { agentId: string }) {
  const trpc = useTRPC();
  const latest = useQuery({ ...trpc.snapshots.latest.queryOptions({ agentId }), refetchInterval: 60_000 });
  const [mode, setMode] = useState<ViewMode>("rendered");
  const now = useNow(15_000);

  if (latest.error) {
    return (
      <p role="alert" className="text-red-700 dark:text-red-300">
        Could not load the status: {latest.error.message}
      </p>
    );
  }
  if (!latest.data) return <p aria-busy="true">Computing status…</p>;

  const { computed, reported, drift } = latest.data;
  const isDrift = driftLookup(drift.map((entry) => entry.path));
  return (
    <section aria-labelledby="agent-status-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="agent-status-heading" className="text-base font-semibold">
            Status (<code className="font-mono">openclaw models status</code>)
          </h2>
          <p className="text-zinc-600 dark:text-zinc-400">
            Computed from the console&apos;s state next to what the host last reported.
          </p>
        </div>
        <div
          role="tablist"
          aria-label="Status view"
          className="inline-flex rounded-md border border-zinc-300 dark:border-zinc-700"
        >
          {VIEW_MODES.map(({ mode: option, label }) => (
            <button
              key={option}
              type="button"
              role="tab"
              aria-selected={mode === option}
              onClick={() => setMode(option)}
              className={`px-3 py-1.5 first:rounded-l-md last:rounded-r-md ${mode === option ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
            >
              {label}
            </button>
          ))}
        </div>
      </div>

      {reported ? (
        drift.length === 0 ? (
          <p
            role="status"
            className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 dark:border-emerald-800 dark:bg-emerald-950"
          >
            <span className="font-semibold">No drift: </span>the host reports what the console computes
            (countdowns within a minute, home folders aside).
          </p>
        ) : (
          <StatusDriftList
            differences={drift}
            leftLabel="Computed"
            rightLabel="Reported"
            caption={`Drift: ${drift.length} field${drift.length === 1 ? "" : "s"} differ between the computed and the reported status`}
          />
        )
      ) : null}

      <div className="grid gap-4 xl:grid-cols-2">
        {[
          { title: "Computed by the console", snapshot: computed },
          ...(reported ? [{ title: "Reported by the host", snapshot: reported }] : []),
        ].map(({ title, snapshot }) => (
          <SnapshotColumn
            key={title}
            title={title}
            snapshot={snapshot}
            mode={mode}
            isDrift={isDrift}
            now={now}
          />
        ))}
        {reported ? null : <NoReportYet latest={latest.data} />}
      </div>

      <SnapshotHistory agentId={agentId} />
    </section>
  );
}
