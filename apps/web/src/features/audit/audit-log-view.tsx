"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { useTRPC } from "~/trpc/react";
import { AuditEntryDiff } from "./audit-entry-diff";
import { AuditTarget } from "./audit-target";
import {
  AUDIT_FILTER_KEYS,
  type AuditFilterParams,
  AuditFilterForm,
  parseAuditFilter,
} from "./audit-filter-form";

const PAGE_SIZE = 50;

function filterQueryString(filter: AuditFilterParams, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra })) if (value) query.set(key, value);
  return query.toString();
}

function LoadingRows() {
  return (
    <ul aria-label="Loading audit entries" className="mt-4 space-y-2">
      {Array.from({ length: 6 }, (_, index) => (
        <li key={index} className="h-12 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-800/60" />
      ))}
    </ul>
  );
}

/** The team's audit trail: filters kept in the URL, newest first, loaded page by page, exportable. */
export function AuditLogView() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filterParams: AuditFilterParams = Object.fromEntries(
    AUDIT_FILTER_KEYS.flatMap((key) => {
      const value = params.get(key);
      return value ? [[key, value]] : [];
    }),
  );
  const filter = parseAuditFilter(filterParams);
  const facets = useQuery(trpc.audit.facets.queryOptions());
  const entries = useInfiniteQuery({
    ...trpc.audit.page.infiniteQueryOptions(
      { filter: filter ?? {}, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
    enabled: filter !== null,
  });
  const items = entries.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.keys(filterParams).length > 0;

  return (
    <section aria-labelledby="audit-heading">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="audit-heading" className="text-xl font-semibold">
            Audit log
          </h1>
          <p className="text-zinc-500 dark:text-zinc-400">
            Every change in this team: who, what, when, and the redacted before and after.
          </p>
        </div>
        <div className="flex gap-2">
          <a
            className="rounded-md border border-zinc-300 px-3 py-2 font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
            href={`/api/audit/export?${filterQueryString(filterParams, { format: "csv" })}`}
            download
          >
            Export CSV
          </a>
          <a
            className="rounded-md border border-zinc-300 px-3 py-2 font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
            href={`/api/audit/export?${filterQueryString(filterParams, { format: "json" })}`}
            download
          >
            Export JSON
          </a>
        </div>
      </div>

      <AuditFilterForm
        value={filterParams}
        actions={facets.data?.actions ?? []}
        targetTypes={facets.data?.targetTypes ?? []}
        onApply={(next) => router.replace(`${pathname}?${filterQueryString(next)}`)}
      />

      {filter === null ? (
        <div className="mt-4">
          <Notice tone="error">The filter in this link is not valid. Clear it and choose again.</Notice>
        </div>
      ) : null}
      {entries.error ? (
        <div className="mt-4">
          <Notice tone="error">{entries.error.message}</Notice>
        </div>
      ) : null}
      {entries.isPending && filter !== null ? <LoadingRows /> : null}

      {entries.isSuccess && items.length === 0 ? (
        <p className="mt-6 text-zinc-600 dark:text-zinc-400">
          {filtered
            ? "No entries match these filters. Widen the time range or clear a filter."
            : "Nothing has been recorded yet. Changes to agents, credentials, gateways and members appear here."}
        </p>
      ) : null}

      {items.length > 0 ? (
        <ol
          aria-label="Audit entries"
          className="mt-4 divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
        >
          {items.map((entry) => (
            <li key={entry.id} className="px-3 py-2">
              <details>
                <summary className="grid cursor-pointer grid-cols-[minmax(0,1fr)_minmax(0,1fr)] items-baseline gap-x-3 gap-y-1 rounded focus-visible:outline-2 focus-visible:outline-sky-600 md:grid-cols-[11rem_minmax(0,1fr)_11rem_minmax(0,1fr)] md:gap-3">
                  <time
                    dateTime={entry.createdAt.toISOString()}
                    title={entry.createdAt.toISOString()}
                    className="text-zinc-600 tabular-nums dark:text-zinc-400"
                  >
                    {entry.createdAt.toLocaleString()}
                  </time>
                  <span className="truncate" title={entry.actorLabel}>
                    {entry.actorLabel}
                  </span>
                  <span className="font-mono text-xs break-all">{entry.action}</span>
                  <AuditTarget entry={entry} />
                </summary>
                <div className="mt-2 space-y-2 pl-2">
                  <p className="text-xs text-zinc-500 dark:text-zinc-400">
                    Request id <span className="font-mono">{entry.requestId}</span> · entry #{entry.id}
                  </p>
                  <AuditEntryDiff before={entry.before} after={entry.after} />
                </div>
              </details>
            </li>
          ))}
        </ol>
      ) : null}

      {entries.hasNextPage ? (
        <Button
          variant="secondary"
          className="mt-3"
          disabled={entries.isFetchingNextPage}
          onClick={() => void entries.fetchNextPage()}
        >
          {entries.isFetchingNextPage ? "Loading…" : "Load older entries"}
        </Button>
      ) : null}
    </section>
  );
}
