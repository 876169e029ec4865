"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { AUTH_MATRIX_FILTERS, type AuthMatrixFilter } from "@clawfleet/core/fleet/auth-matrix";
import type { FleetAgentVerdict } from "@clawfleet/core/fleet/fleet-status";
import { Button } from "~/components/ui/button";
import { PaginationNav } from "~/components/ui/pagination-nav";
import { Notice } from "~/components/ui/notice";
import { useNow } from "~/features/fleet/use-now";
import { useSessionRole } from "~/features/session/use-session-role";
import { useUrlView } from "~/lib/use-url-view";
import { useTRPC } from "~/trpc/react";
import { MatrixReauthAction } from "./matrix-reauth-action";
import { AuthMatrixCell } from "./auth-matrix-cell";
import { BulkEditPanel } from "./bulk-edit-panel";

const PAGE_SIZE = 50;
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
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const [selectionNote, setSelectionNote] = useState<string | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);
  const now = useNow();
  const blocked = useSessionRole().whyNot("operator");

  const scope = { search: search || undefined, gatewayId: gatewayId || undefined, filter };
  const gateways = useQuery(trpc.gateways.list.queryOptions());
  const matrix = useQuery({
    ...trpc.authMatrix.list.queryOptions({ ...scope, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const data = matrix.data;
  const pageCount = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const pageRows = data?.rows ?? [];
  const allOnPageSelected = pageRows.length > 0 && pageRows.every((row) => selected.has(row.agentId));

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
          <label className="sr-only" htmlFor="matrix-search">
            Search agents
          </label>
          <input
            id="matrix-search"
            type="search"
            placeholder="Search by agent name"
            value={searchDraft}
            onChange={(event) => setSearchDraft(event.target.value)}
            className="w-56 rounded-md border border-zinc-300 bg-transparent px-3 py-1.5 dark:border-zinc-700"
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

      <div className="mt-4 overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-left text-sm" aria-label="Auth matrix">
          <thead className="bg-zinc-50 text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-2 py-2">
                <input
                  type="checkbox"
                  aria-label="Select all on this page"
                  checked={allOnPageSelected}
                  disabled={blocked !== null || pageRows.length === 0}
                  title={blocked ?? undefined}
                  onChange={togglePage}
                />
              </th>
              <th scope="col" className="px-2 py-2">
                Agent
              </th>
              <th scope="col" className="px-2 py-2">
                Gateway
              </th>
              <th scope="col" className="whitespace-nowrap px-2 py-2">
                --check
              </th>
              {data?.providers.map((provider) => (
                <th key={provider} scope="col" className="px-2 py-2 font-mono">
                  {provider}
                </th>
              ))}
            </tr>
          </thead>
          <tbody aria-busy={matrix.isFetching}>
            {matrix.isPending
              ? Array.from({ length: 8 }, (_, index) => (
                  <tr key={index} className="border-t border-zinc-100 dark:border-zinc-800">
                    <td colSpan={6} className="px-3 py-2">
                      <div className="h-4 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
                    </td>
                  </tr>
                ))
              : pageRows.map((row) => {
                  const verdict = VERDICT_LOOK[row.verdict];
                  return (
                    <tr
                      key={row.agentId}
                      data-testid="matrix-row"
                      className="border-t border-zinc-100 dark:border-zinc-800"
                    >
                      <td className="px-2 py-1.5 align-top">
                        <input
                          type="checkbox"
                          aria-label={`Select ${row.agentName}`}
                          checked={selected.has(row.agentId)}
                          disabled={blocked !== null}
                          title={blocked ?? undefined}
                          onChange={() => toggle(row.agentId, row.agentName)}
                        />
                      </td>
                      <th scope="row" className="px-2 py-1.5 text-left align-top font-medium">
                        <Link href={`/agents/${row.agentId}`} className="hover:underline">
                          {row.agentName}
                        </Link>
                      </th>
                      <td className="px-2 py-1.5 align-top">{row.gatewayName}</td>
                      <td
                        className={`px-2 py-1.5 align-top text-xs font-medium ${verdict.tone}`}
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
