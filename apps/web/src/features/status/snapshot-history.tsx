"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";
import { StatusDriftList } from "./status-drift-list";

type SourceFilter = "all" | "computed" | "reported";

/** Every stored snapshot of an agent, newest first; tick two to see what changed between them. */
export function SnapshotHistory({ agentId }: { agentId: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [source, setSource] = useState<SourceFilter>("all");
  const [picked, setPicked] = useState<{ id: string; takenAt: number }[]>([]);
  const history = useQuery({
    ...trpc.snapshots.history.queryOptions({ agentId, page, source: source === "all" ? undefined : source }),
    placeholderData: keepPreviousData,
  });
  // The older pick goes left, so the diff reads as "what changed since".
  const [leftId, rightId] = [...picked].sort((a, b) => a.takenAt - b.takenAt).map((pick) => pick.id);
  const diff = useQuery({
    ...trpc.snapshots.diff.queryOptions({ leftId: leftId ?? "", rightId: rightId ?? "" }),
    enabled: leftId !== undefined && rightId !== undefined,
  });

  const toggle = (id: string, takenAt: Date) =>
    setPicked((current) =>
      current.some((pick) => pick.id === id)
        ? current.filter((pick) => pick.id !== id)
        : [...current, { id, takenAt: takenAt.getTime() }].slice(-2),
    );
  const lastPage = history.data ? Math.max(1, Math.ceil(history.data.total / history.data.pageSize)) : 1;

  return (
    <section aria-labelledby="status-history-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h3 id="status-history-heading" className="text-base font-semibold">
            History
          </h3>
          <p className="text-zinc-600 dark:text-zinc-400">
            Computed snapshots are kept each time the console&apos;s state changes; reported ones on every
            ingest. Tick two to compare them.
          </p>
        </div>
        <label className="flex items-center gap-2">
          Show
          <select
            value={source}
            onChange={(event) => {
              setSource(event.target.value as SourceFilter);
              setPage(1);
            }}
            className="rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="all">all snapshots</option>
            <option value="computed">computed only</option>
            <option value="reported">reported only</option>
          </select>
        </label>
      </div>
      {history.error ? <p role="alert">Could not load the history: {history.error.message}</p> : null}
      {!history.data && !history.error ? <p aria-busy="true">Loading history…</p> : null}
      {history.data?.total === 0 ? (
        <p className="text-zinc-500 dark:text-zinc-400">No snapshots yet.</p>
      ) : null}
      {history.data && history.data.total > 0 ? (
        <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {history.data.items.map((item) => (
            <li key={item.id} className="flex flex-wrap items-center gap-3 px-3 py-1.5">
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={picked.some((pick) => pick.id === item.id)}
                  onChange={() => toggle(item.id, item.takenAt)}
                />
                <span className="sr-only">Compare</span>
                <span>{item.takenAt.toLocaleString()}</span>
              </label>
              <span className="rounded bg-zinc-100 px-1.5 text-xs dark:bg-zinc-800">{item.source}</span>
              <span className="text-zinc-600 dark:text-zinc-400">
                {item.kind === "cli-error"
                  ? "CLI error"
                  : item.kind === "unreadable"
                    ? "unreadable"
                    : `OpenClaw ${item.version ?? "?"}`}
                {item.check !== null ? ` · --check ${item.check}` : ""}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {lastPage > 1 ? (
        <nav aria-label="History pages" className="flex items-center gap-2">
          <Button type="button" variant="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Newer
          </Button>
          <span>
            Page {page} of {lastPage}
          </span>
          <Button
            type="button"
            variant="secondary"
            disabled={page >= lastPage}
            onClick={() => setPage(page + 1)}
          >
            Older
          </Button>
        </nav>
      ) : null}
      {picked.length === 1 ? <p role="status">Tick one more snapshot to compare.</p> : null}
      {diff.error ? <p role="alert">Could not compare: {diff.error.message}</p> : null}
      {diff.isFetching ? <p aria-busy="true">Comparing…</p> : null}
      {picked.length === 2 && diff.data && !diff.isFetching ? (
        diff.data.differences.length === 0 ? (
          <p role="status">These two snapshots describe the same state (countdowns aside).</p>
        ) : (
          <StatusDriftList
            differences={diff.data.differences}
            leftLabel="Older"
            rightLabel="Newer"
            caption={`${diff.data.differences.length} field${diff.data.differences.length === 1 ? "" : "s"} changed between the two snapshots`}
          />
        )
      ) : null}
    </section>
  );
}
