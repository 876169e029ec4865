"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useRef, useState } from "react";
import {
  AUTH_MATRIX_SORT_KEYS,
  type AuthMatrixSort,
  DEFAULT_AUTH_MATRIX_SORT,
  formatListSort,
  parseListSort,
} from "@clawfleet/core/fleet/agent-list";
import { AUTH_MATRIX_FILTERS, type AuthMatrixFilter } from "@clawfleet/core/fleet/auth-matrix";
import type { FleetAgentVerdict } from "@clawfleet/core/fleet/fleet-status";
import { Button } from "~/components/ui/button";
import { PaginationNav } from "~/components/ui/pagination-nav";
import { Notice } from "~/components/ui/notice";
import { SearchBar } from "~/components/ui/search-bar";
import { SortHeader } from "~/components/ui/sort-header";
import { useNow } from "~/features/fleet/use-now";
import { useSessionRole } from "~/features/session/use-session-role";
import { useUrlView } from "~/lib/use-url-view";
import { SavedViewsBar } from "~/features/saved-views/saved-views-bar";
import { useTRPC } from "~/trpc/react";
import { MatrixReauthAction } from "./matrix-reauth-action";
import { AuthMatrixCell } from "./auth-matrix-cell";
import { BulkEditPanel } from "./bulk-edit-panel";

/** Rows per page: the body is virtualised, so a page can be long. */
const PAGE_SIZE = 200;
/** The height of one dense row, in px (the virtualiser's estimate; rows are measured). */
const ROW_HEIGHT = 26;
/** The URL keys a saved view keeps (not the page). */
const VIEW_KEYS = ["q", "gateway", "filter", "sort"] as const;
const stickyCell = "sticky z-[1] bg-white dark:bg-zinc-950";
const selectClass = "rounded-md border border-zinc-300 bg-transparent px-2 py-1.5 dark:border-zinc-700";

const FILTER_LABELS: Record<AuthMatrixFilter, { label: string; explain: string }> = {
  expiring: {
    label: "Expiring in 7 days",
    explain: "Rows with a cell whose selected token or OAuth sign-in expires within 7 days (or has expired).",
  },
  cooldown: {
    label: "In cooldown",
    explain: "Rows with a profile in a cooldown window in some provider's order.",
  },
  disabled: {
    label: "Disabled",
    explain: "Rows with a profile in a disable window (billing, auth) in some order.",
  },
};

const VERDICT_LOOK: Record<FleetAgentVerdict, { words: string; icon: string; tone: string }> = {
  ok: { words: "OK", icon: "✓", tone: "text-emerald-700 dark:text-emerald-400" },
  expiring: { words: "Expiring", icon: "◷", tone: "text-amber-700 dark:text-amber-300" },
  failing: { words: "Failing", icon: "✕", tone: "text-red-700 dark:text-red-400" },
  refused: { words: "Refused", icon: "!", tone: "text-zinc-700 dark:text-zinc-300" },
};

/**
 * Agents × providers: for each agent and provider, the profile OpenClaw would use now, its type and status,
 * with the agent's `--check` verdict. Search, gateway, filter and page live in the URL.
 */
export function AuthMatrixView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { params, search, page, searchDraft, setSearchDraft, setParams } = useUrlView();
  const gatewayId = params.get("gateway") ?? "";
  const filter = AUTH_MATRIX_FILTERS.find((candidate) => candidate === params.get("filter"));
  const sort = parseListSort(AUTH_MATRIX_SORT_KEYS, params.get("sort"), DEFAULT_AUTH_MATRIX_SORT);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const [selectionNote, setSelectionNote] = useState<string | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);
  const now = useNow();
  const blocked = useSessionRole().whyNot("operator");

  const scope = { search: search || undefined, gatewayId: gatewayId || undefined, filter };
  const gateways = useQuery(trpc.gateways.list.queryOptions());
  const matrix = useQuery({
    ...trpc.authMatrix.list.queryOptions({ ...scope, sort, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const data = matrix.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const pageRows = data?.rows ?? [];
  const allOnPageSelected = pageRows.length > 0 && pageRows.every((row) => selected.has(row.agentId));
  const virtualizer = useVirtualizer({
    count: pageRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => pageRows[index]?.agentId ?? index,
    overscan: 12,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const padTop = virtualRows[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (virtualRows.at(-1)?.end ?? 0);
  const columnCount = 4 + (data?.providers.length ?? 0);

  function sortBy(key: AuthMatrixSort["key"], direction: AuthMatrixSort["direction"]) {
    setParams({ sort: formatListSort({ key, direction }, DEFAULT_AUTH_MATRIX_SORT), page: "" });
  }

  function toggle(agentId: string, agentName: string) {
    const next = new Map(selected);
    if (next.has(agentId)) next.delete(agentId);
    else next.set(agentId, agentName);
    setSelected(next);
    setSelectionNote(null);
  }

  function togglePage() {
    const next = new Map(selected);
    for (const row of pageRows) {
      if (allOnPageSelected) next.delete(row.agentId);
      else next.set(row.agentId, row.agentName);
    }
    setSelected(next);
    setSelectionNote(null);
  }

  async function selectAllMatching() {
    try {
      const matching = await queryClient.fetchQuery(trpc.authMatrix.matchingAgents.queryOptions(scope));
      setSelected(new Map(matching.agents.map((agent) => [agent.agentId, agent.agentName])));
      setSelectionNote(
        matching.total > matching.cap
          ? `Selected the first ${matching.cap.toLocaleString("en")} of ${matching.total.toLocaleString("en")} matching agents: a bulk edit takes at most ${matching.cap.toLocaleString("en")} at a time. Narrow the search or gateway to reach the rest.`
          : `Selected all ${matching.total} matching agent${matching.total === 1 ? "" : "s"}.`,
      );
    } catch (error) {
      setSelectionNote(`Could not select the matching agents: ${(error as Error).message}`);
    }
  }

  return (
    <section aria-labelledby="auth-matrix-heading">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="auth-matrix-heading" className="text-xl font-semibold">
            Auth matrix
          </h1>
          <p className="text-zinc-500 dark:text-zinc-400" data-testid="matrix-total">
            {data ? `${data.total} agent${data.total === 1 ? "" : "s"}` : "Computing every agent's status…"}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <SearchBar
            id="matrix-search"
            label="Search agents"
            placeholder="Search by agent name"
            value={searchDraft}
            onChange={setSearchDraft}
            className="w-56"
          />
          <label className="sr-only" htmlFor="matrix-gateway">
            Gateway
          </label>
          <select
            id="matrix-gateway"
            value={gatewayId}
            onChange={(event) => setParams({ gateway: event.target.value, page: "" })}
            className={selectClass}
          >
            <option value="">All gateways</option>
            {gateways.data?.map((gateway) => (
              <option key={gateway.id} value={gateway.id}>
                {gateway.name}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div role="group" aria-label="Filter rows" className="mt-3 flex flex-wrap gap-2">
        <Button
          variant="secondary"
          aria-pressed={!filter}
          onClick={() => setParams({ filter: "", page: "" })}
        >
          All agents
        </Button>
        {AUTH_MATRIX_FILTERS.map((candidate) => (
          <Button
            key={candidate}
            variant="secondary"
            aria-pressed={filter === candidate}
            title={FILTER_LABELS[candidate].explain}
            className={filter === candidate ? "ring-2 ring-amber-400 dark:ring-amber-600" : ""}
            onClick={() => setParams({ filter: filter === candidate ? "" : candidate, page: "" })}
          >
            {FILTER_LABELS[candidate].label}
            {data ? ` (${data.counts[candidate]})` : ""}
          </Button>
        ))}
      </div>
      {filter ? (
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {FILTER_LABELS[filter].explain} Matching cells are outlined and marked.
        </p>
      ) : null}

      <div className="mt-3">
        <SavedViewsBar list="auth-matrix" keys={VIEW_KEYS} params={params} setParams={setParams} />
      </div>

      <div className="mt-3 flex flex-wrap items-center gap-2">
        <span>{selected.size} selected</span>
        <Button
          variant="secondary"
          disabled={blocked !== null || !data || data.total === 0}
          title={blocked ?? undefined}
          onClick={() => void selectAllMatching()}
        >
          Select all {data?.total ?? ""} matching
        </Button>
        <Button
          variant="secondary"
          disabled={selected.size === 0}
          onClick={() => {
            setSelected(new Map());
            setSelectionNote(null);
          }}
        >
          Clear selection
        </Button>
        <Button
          disabled={blocked !== null || selected.size === 0}
          title={blocked ?? (selected.size === 0 ? "Select agents first." : undefined)}
          onClick={() => setBulkOpen(true)}
        >
          Bulk edit…
        </Button>
        <MatrixReauthAction agentIds={[...selected.keys()]} providers={data?.providers ?? []} />
        {blocked ? (
          <span className="text-xs text-zinc-500 dark:text-zinc-400">
            {blocked} Bulk actions need operator.
          </span>
        ) : null}
      </div>
      {selectionNote ? (
        <div className="mt-2">
          <Notice tone="info">{selectionNote}</Notice>
        </div>
      ) : null}

      {bulkOpen && selected.size > 0 ? (
        <BulkEditPanel
          agentIds={[...selected.keys()]}
          onApplied={() => void queryClient.invalidateQueries({ queryKey: trpc.authMatrix.list.queryKey() })}
          onClose={() => setBulkOpen(false)}
        />
      ) : null}

      {matrix.error ? (
        <div className="mt-4">
          <Notice tone="error">Could not load the auth matrix: {matrix.error.message}</Notice>
        </div>
      ) : null}

      <div
        ref={scrollRef}
        data-testid="matrix-scroll"
        className="mt-4 max-h-[calc(100vh-14rem)] min-h-64 overflow-auto rounded-lg border border-zinc-200 dark:border-zinc-800"
      >
        <table className="w-full border-separate border-spacing-0 text-left text-xs" aria-label="Auth matrix">
          <thead className="text-zinc-500 dark:text-zinc-400">
            <tr className="[&>th]:sticky [&>th]:top-0 [&>th]:z-[2] [&>th]:border-b [&>th]:border-zinc-200 [&>th]:bg-zinc-50 dark:[&>th]:border-zinc-800 dark:[&>th]:bg-zinc-900">
              <th scope="col" className="left-0 z-[3] w-7 px-1.5 py-1.5">
                <input
                  type="checkbox"
                  aria-label="Select all on this page"
                  checked={allOnPageSelected}
                  disabled={blocked !== null || pageRows.length === 0}
                  title={blocked ?? undefined}
                  onChange={togglePage}
                />
              </th>
              <SortHeader
                label="Agent"
                direction={sort.key === "name" ? sort.direction : null}
                onSort={(direction) => sortBy("name", direction)}
                className="left-7 z-[3] px-1.5 py-1.5"
              />
              <SortHeader
                label="Gateway"
                direction={sort.key === "gateway" ? sort.direction : null}
                onSort={(direction) => sortBy("gateway", direction)}
                className="px-1.5 py-1.5"
              />
              <SortHeader
                label="--check"
                direction={sort.key === "health" ? sort.direction : null}
                descFirst
                onSort={(direction) => sortBy("health", direction)}
                className="px-1.5 py-1.5 whitespace-nowrap"
              />
              {data?.providers.map((provider) => (
                <th key={provider} scope="col" className="px-1.5 py-1.5 font-mono font-medium">
                  {provider}
                </th>
              ))}
            </tr>
          </thead>
          <tbody aria-busy={matrix.isFetching}>
            {matrix.isPending
              ? Array.from({ length: 8 }, (_, index) => (
                  <tr key={index}>
                    <td colSpan={6} className="px-3 py-1">
                      <div className="h-4 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
                    </td>
                  </tr>
                ))
              : null}
            {padTop > 0 ? (
              <tr aria-hidden="true">
                <td colSpan={columnCount} style={{ height: padTop, padding: 0 }} />
              </tr>
            ) : null}
            {virtualRows.map((item) => {
              const row = pageRows[item.index];
              if (!row) return null;
              const verdict = VERDICT_LOOK[row.verdict];
              return (
                <tr
                  key={row.agentId}
                  data-testid="matrix-row"
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className="hover:bg-zinc-50 dark:hover:bg-zinc-900 [&>*]:border-t [&>*]:border-zinc-100 dark:[&>*]:border-zinc-800"
                >
                  <td className={`${stickyCell} left-0 px-1.5 py-0.5`}>
                    <input
                      type="checkbox"
                      aria-label={`Select ${row.agentName}`}
                      checked={selected.has(row.agentId)}
                      disabled={blocked !== null}
                      title={blocked ?? undefined}
                      onChange={() => toggle(row.agentId, row.agentName)}
                    />
                  </td>
                  <th
                    scope="row"
                    className={`${stickyCell} left-7 max-w-56 truncate px-1.5 py-0.5 text-left font-medium`}
                  >
                    <Link href={`/agents/${row.agentId}`} className="hover:underline" title={row.agentName}>
                      {row.agentName}
                    </Link>
                  </th>
                  <td className="px-1.5 py-0.5 whitespace-nowrap">{row.gatewayName}</td>
                  <td
                    className={`px-1.5 py-0.5 font-medium whitespace-nowrap ${verdict.tone}`}
                    title={row.reasons.join("\n")}
                  >
                    <span aria-hidden="true">{verdict.icon} </span>
                    {verdict.words}
                    {row.reasons.length > 0 ? (
                      <span className="sr-only">: {row.reasons.join("; ")}</span>
                    ) : null}
                  </td>
                  {data?.providers.map((provider) => (
                    <AuthMatrixCell
                      key={provider}
                      cell={row.cells.find((cell) => cell.provider === provider)}
                      now={now}
                      highlight={filter}
                    />
                  ))}
                </tr>
              );
            })}
            {padBottom > 0 ? (
              <tr aria-hidden="true">
                <td colSpan={columnCount} style={{ height: padBottom, padding: 0 }} />
              </tr>
            ) : null}
          </tbody>
        </table>
        {data?.rows.length === 0 ? (
          <div className="p-8 text-center text-zinc-500 dark:text-zinc-400">
            {search || gatewayId || filter ? (
              <>
                No agents match this view.{" "}
                <button
                  type="button"
                  className="text-sky-700 underline dark:text-sky-400"
                  onClick={() => setParams({ q: "", gateway: "", filter: "", page: "" })}
                >
                  Show every agent
                </button>
              </>
            ) : (
              <>
                No agents yet.{" "}
                <Link href="/import" className="text-sky-700 underline dark:text-sky-400">
                  Import an OpenClaw install
                </Link>{" "}
                to see which credential each agent uses.
              </>
            )}
          </div>
        ) : null}
      </div>

      <PaginationNav page={page} pageCount={pageCount} onPage={(next) => setParams({ page: String(next) })} />
    </section>
  );
}
