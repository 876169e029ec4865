"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { FilterSelect } from "~/components/ui/filter-select";
import { PaginationNav } from "~/components/ui/pagination-nav";
import { useUrlView } from "~/lib/use-url-view";
import { useTRPC } from "~/trpc/react";
import { NewAgentButton } from "./new-agent-dialog";

const PAGE_SIZE = 50;
const PROFILE_TYPES = ["api_key", "token", "oauth"] as const;
const PROFILE_TYPE_LABELS = { api_key: "API key", token: "Setup-token", oauth: "OAuth" } as const;
const STATUSES = [
  { value: "ok", label: "OK" },
  { value: "expiring", label: "Expiring" },
  { value: "failing", label: "Failing" },
  { value: "refused", label: "Refused" },
] as const;

/** The agent list keeps its search, filter and page in the URL, so a view can be shared. */
export function AgentList() {
  const trpc = useTRPC();
  const { params, search, page, searchDraft, setSearchDraft, setParams } = useUrlView();
  const gatewayId = params.get("gateway") ?? "";
  const tag = params.get("tag") ?? "";
  const provider = params.get("provider") ?? "";
  const profileType = params.get("type") ?? "";
  const status = params.get("status") ?? "";
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
          <label className="sr-only" htmlFor="agent-search">
            Search agents
          </label>
          <input
            id="agent-search"
            type="search"
            placeholder="Search by name or id"
            value={searchDraft}
            onChange={(event) => setSearchDraft(event.target.value)}
            className="w-64 rounded-md border border-zinc-300 bg-transparent px-3 py-1.5 dark:border-zinc-700"
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

      <div className="mt-4 overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-left">
          <thead className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-3 py-2">
                Name
              </th>
              <th scope="col" className="px-3 py-2">
                Agent id
              </th>
              <th scope="col" className="px-3 py-2">
                Gateway
              </th>
              <th scope="col" className="px-3 py-2">
                Primary model
              </th>
              <th scope="col" className="px-3 py-2">
                Tags
              </th>
            </tr>
          </thead>
          <tbody aria-busy={agents.isFetching}>
            {agents.isPending
              ? Array.from({ length: 8 }, (_, index) => (
                  <tr key={index} className="border-t border-zinc-100 dark:border-zinc-800">
                    <td colSpan={5} className="px-3 py-2">
                      <div className="h-4 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
                    </td>
                  </tr>
                ))
              : agents.data?.items.map((agent) => (
                  <tr
                    key={agent.id}
                    className="border-t border-zinc-100 hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-900"
                  >
                    <td className="px-3 py-2 font-medium">
                      <Link href={`/agents/${agent.id}`} className="hover:underline">
                        {agent.name}
                      </Link>
                      {agent.isDefault ? <span className="ml-2 text-xs text-zinc-500">(default)</span> : null}
                    </td>
                    <td className="px-3 py-2 font-mono text-xs">{agent.agentKey}</td>
                    <td className="px-3 py-2">{agent.gatewayName}</td>
                    <td className="px-3 py-2 font-mono text-xs">
                      {agent.primaryModel ?? <span className="text-zinc-500">gateway default</span>}
                    </td>
                    <td className="px-3 py-2">
                      {agent.tags.map((tag) => (
                        <span
                          key={tag}
                          className="mr-1 rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800"
                        >
                          {tag}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
          </tbody>
        </table>
        {agents.data?.items.length === 0 ? (
          <div className="p-8 text-center text-zinc-500 dark:text-zinc-400">
            {filtering ? (
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
            )}
          </div>
        ) : null}
      </div>

      <PaginationNav page={page} pageCount={pageCount} onPage={(next) => setParams({ page: String(next) })} />
    </section>
  );
}
