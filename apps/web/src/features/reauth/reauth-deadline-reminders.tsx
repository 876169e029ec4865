"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { REAUTH_STATE_LABELS } from "@clawfleet/core/reauth/reauth-request";
import { Notice } from "~/components/ui/notice";
import { formatCountdown } from "~/features/fleet/use-now";
import { useTRPC } from "~/trpc/react";

/** Fleet page: open re-auth requests whose deadline is within 24 h, soonest first. */
export function ReauthDeadlineReminders({ now }: { now: number }) {
  const trpc = useTRPC();
  const due = useQuery({ ...trpc.reauth.nearDeadline.queryOptions(), refetchInterval: 60_000 });
  return (
    <section
      aria-labelledby="reauth-due-heading"
      className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <h2 id="reauth-due-heading" className="font-semibold">
        Re-auth requests near their deadline ({due.data?.length ?? "…"})
      </h2>
      {due.error ? <Notice tone="error">Could not load re-auth requests: {due.error.message}</Notice> : null}
      {due.data?.length === 0 ? (
        <p className="text-zinc-500 dark:text-zinc-400">
          No open re-auth request is due within 24 h.{" "}
          <Link className="text-sky-700 underline dark:text-sky-400" href="/reauth">
            See all requests
          </Link>
        </p>
      ) : null}
      <ul className="mt-1 divide-y divide-zinc-100 dark:divide-zinc-800">
        {due.data?.map((request) => (
          <li key={request.id} className="flex flex-wrap items-baseline justify-between gap-2 py-1">
            <Link href={`/reauth#request-${request.id}`} className="font-mono text-xs hover:underline">
              {request.profileLabel}
            </Link>
            <span className="text-sm text-zinc-600 dark:text-zinc-300">
              {REAUTH_STATE_LABELS[request.state]} · {request.agentCount} agent
              {request.agentCount === 1 ? "" : "s"}
              {request.assignee ? ` · ${request.assignee}` : ""} ·{" "}
              <span className="font-medium tabular-nums">
                due in {request.deadline ? formatCountdown(request.deadline.getTime() - now) : "?"}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
