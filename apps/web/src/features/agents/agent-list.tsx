"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import {
  AGENT_LIST_SORT_KEYS,
  VERDICT_WORDS,
  formatAgentListSort,
  parseAgentListSort,
} from "@clawfleet/core/fleet/agent-list";
import { DataTable, type DataTableColumn } from "~/components/ui/data-table";
import { FilterSelect } from "~/components/ui/filter-select";
import { PaginationNav } from "~/components/ui/pagination-nav";
import { SearchBar } from "~/components/ui/search-bar";
import { useUrlView } from "~/lib/use-url-view";
import { SavedViewsBar } from "~/features/saved-views/saved-views-bar";
import type { AppRouter } from "~/server/api/root";
import { useTRPC } from "~/trpc/react";
import { NewAgentButton } from "./new-agent-dialog";

type AgentRow = inferRouterOutputs<AppRouter>["agents"]["list"]["items"][number];

const PAGE_SIZE = 50;
const NO_ROWS: AgentRow[] = [];
const PROFILE_TYPES = ["api_key", "token", "oauth"] as const;
const PROFILE_TYPE_LABELS = { api_key: "API key", token: "Setup-token", oauth: "OAuth" } as const;
const STATUSES = [
  { value: "ok", label: "OK" },
  { value: "expiring", label: "Expiring" },
  { value: "failing", label: "Failing" },
  { value: "refused", label: "Refused" },
] as const;
/** The URL keys a saved view keeps (not the page). */
const VIEW_KEYS = ["q", "gateway", "tag", "provider", "type", "status", "sort"] as const;

const HEALTH_TONE = {
  ok: "bg-emerald-500",
  expiring: "bg-amber-500",
  failing: "bg-red-600",
  refused: "bg-zinc-500",
} as const;

function HealthCell({ health }: { health: AgentRow["health"] }) {
  if (health.state === "pending")
    return <span className="text-zinc-500 dark:text-zinc-400">Not computed yet</span>;
  return (
    <span data-testid="agent-health" className="flex items-start gap-2">
      <span
        aria-hidden="true"
        className={`mt-1.5 size-2 shrink-0 rounded-full ${HEALTH_TONE[health.verdict]}`}
      />
      <span>
        <span className="font-medium">{VERDICT_WORDS[health.verdict]}</span>
        {health.reason ? <span className="text-zinc-600 dark:text-zinc-400">: {health.reason}</span> : null}
        {health.updating ? <span className="text-xs text-zinc-500"> (updating)</span> : null}
      </span>
    </span>
  );
}

const columns: DataTableColumn<AgentRow>[] = [
  {
    id: "name",
    // why: only a column with an accessor can sort; the server sorts, this value is never compared.
    accessorFn: (row) => row.name,
    header: "Name",
    cell: ({ row }) => (
      <span className="font-medium">
        <Link href={`/agents/${row.original.id}`} className="hover:underline">
          {row.original.name}
        </Link>
        {row.original.isDefault ? <span className="ml-2 text-xs text-zinc-500">(default)</span> : null}
      </span>
    ),
  },
  {
    id: "agentKey",
    accessorFn: (row) => row.agentKey,
    header: "Agent id",
    cell: ({ row }) => <span className="font-mono text-xs">{row.original.agentKey}</span>,
  },
  {
    id: "gateway",
    accessorFn: (row) => row.gatewayName,
    header: "Gateway",
    cell: ({ row }) => row.original.gatewayName,
  },
  {
    id: "health",
    accessorFn: (row) => row.health.state,
    header: "Health",
    sortDescFirst: true,
    cell: ({ row }) => <HealthCell health={row.original.health} />,
  },
  {
    id: "model",
    accessorFn: (row) => row.resolvedModel,
    header: "Model used",
    cell: ({ row }) => (
      <span className="font-mono text-xs">
        {row.original.resolvedModel ?? row.original.primaryModel ?? <span className="text-zinc-500">—</span>}
        {row.original.primaryModel === null ? (
          <span className="block font-sans text-zinc-500">gateway default</span>
        ) : null}
      </span>
    ),
  },
  {
    id: "tags",
    header: "Tags",
    enableSorting: false,
    cell: ({ row }) =>
      row.original.tags.map((tag) => (
        <span key={tag} className="mr-1 rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">
          {tag}
        </span>
      )),
  },
];

/**
 * The agent list keeps its search, filters, sort and page in the URL, so a view can be shared, and saves
 * named views in this browser. Sorting happens in the query (the list pages through up to 10,000 agents).
 */
export function AgentList() {
  const trpc = useTRPC();
  const { params, search, page, searchDraft, setSearchDraft, setParams } = useUrlView();
  const gatewayId = params.get("gateway") ?? "";
  const tag = params.get("tag") ?? "";
  const provider = params.get("provider") ?? "";
  const profileType = params.get("type") ?? "";
  const status = params.get("status") ?? "";
  const sort = parseAgentListSort(params.get("sort"));
  const filtering = Boolean(search || gatewayId || tag || provider || profileType || status);

  const gateways = useQuery(trpc.gateways.list.queryOptions());
  const facets = useQuery(trpc.agents.facets.queryOptions());
  const agents = useQuery({
    ...trpc.agents.list.queryOptions({
      search: search || undefined,
      gatewayId: gatewayId || undefined,
      tag: tag || undefined,
      provider: provider || undefined,
      profileType: PROFILE_TYPES.find((type) => type === profileType),
      status: STATUSES.find((candidate) => candidate.value === status)?.value,
      sort,
      page,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  const pageCount = agents.data ? Math.max(1, Math.ceil(agents.data.total / PAGE_SIZE)) : 1;

  return (
    <section aria-labelledby="agents-heading">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="agents-heading" className="text-xl font-semibold">
            Agents
          </h1>
          <p className="text-zinc-500 dark:text-zinc-400">
            {agents.data
              ? `${agents.data.total} agent${agents.data.total === 1 ? "" : "s"}`
              : "Loading agents…"}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <SearchBar
            id="agent-search"
            label="Search agents"
            placeholder="Search by name or id"
            value={searchDraft}
            onChange={setSearchDraft}
          />
          <FilterSelect
            id="gateway-filter"
            label="Gateway"
            anyLabel="All gateways"
            value={gatewayId}
            options={gateways.data?.map((gateway) => ({ value: gateway.id, label: gateway.name })) ?? []}
            onChange={(value) => setParams({ gateway: value, page: "" })}
          />
          <FilterSelect
            id="provider-filter"
            label="Provider"
            anyLabel="Any provider"
            value={provider}
            options={facets.data?.providers.map((name) => ({ value: name, label: name })) ?? []}
            onChange={(value) => setParams({ provider: value, page: "" })}
          />
          <FilterSelect
            id="type-filter"
            label="Profile type"
            anyLabel="Any profile type"
            value={profileType}
            options={PROFILE_TYPES.map((type) => ({ value: type, label: PROFILE_TYPE_LABELS[type] }))}
            onChange={(value) => setParams({ type: value, page: "" })}
          />
          <FilterSelect
            id="status-filter"
            label="Status"
            anyLabel="Any status"
            value={status}
            options={STATUSES}
            onChange={(value) => setParams({ status: value, page: "" })}
          />
          <FilterSelect
            id="tag-filter"
            label="Tag"
            anyLabel="Any tag"
            value={tag}
            options={facets.data?.tags.map((name) => ({ value: name, label: name })) ?? []}
            onChange={(value) => setParams({ tag: value, page: "" })}
          />
          <NewAgentButton />
        </div>
      </div>

      {agents.error ? (
        <p
          role="alert"
          className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          Could not load agents: {agents.error.message}
        </p>
      ) : null}

      <div className="mt-3">
        <SavedViewsBar list="agents" keys={VIEW_KEYS} params={params} setParams={setParams} />
      </div>

      <div className="mt-3">
        <DataTable
          label="Agents"
          columns={columns}
          rows={agents.data?.items ?? NO_ROWS}
          getRowId={(agent) => agent.id}
          sort={{ id: sort.key, desc: sort.direction === "desc" }}
          onSortChange={(next) => {
            const key = AGENT_LIST_SORT_KEYS.find((candidate) => candidate === next.id) ?? "name";
            setParams({
              sort: formatAgentListSort({ key, direction: next.desc ? "desc" : "asc" }),
              page: "",
            });
          }}
          loading={agents.isPending}
          busy={agents.isFetching}
          empty={
            filtering ? (
              <>
                No agents match these filters.{" "}
                <button
                  type="button"
                  className="text-sky-700 underline dark:text-sky-400"
                  onClick={() =>
                    setParams({ q: "", gateway: "", tag: "", provider: "", type: "", status: "", page: "" })
                  }
                >
                  Clear filters
                </button>
              </>
            ) : (
              "No agents yet. Import an OpenClaw install to bring its agents in."
            )
          }
        />
      </div>

      <PaginationNav page={page} pageCount={pageCount} onPage={(next) => setParams({ page: String(next) })} />
    </section>
  );
}
