"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { HOST_JOB_KIND_LABELS, HOST_JOB_STATE_LABELS } from "@clawfleet/core/connector/host-jobs";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { useTRPC } from "~/trpc/react";

const LISTED_JOBS = 20;
/** While jobs wait or run the table follows them closely; otherwise a slow refresh catches host-side failures. */
const BUSY_REFRESH_MS = 2_000;
const IDLE_REFRESH_MS = 15_000;

/**
 * The latest changes sent to a gateway's host, each queued → sent → applied on host (with what OpenClaw changed)
 * or failed (OpenClaw's own message, with a retry). A queued job can be cancelled before the host takes it.
 */
export type HostJobScope = { gatewayId: string } | { origin: { type: string; id: string } };

export function HostJobTable({
  scope,
  caption = "Host jobs",
  emptyMessage,
}: {
  scope: HostJobScope;
  caption?: string;
  emptyMessage: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useQuery(trpc.session.current.queryOptions());
  const jobs = useQuery({
    ...trpc.hostAgents.jobs.queryOptions({ ...scope, limit: LISTED_JOBS }),
    refetchInterval: (query) =>
      query.state.data?.jobs.some((job) => job.state === "queued" || job.state === "sent")
        ? BUSY_REFRESH_MS
        : IDLE_REFRESH_MS,
  });
  const refresh = () => queryClient.invalidateQueries(trpc.hostAgents.pathFilter());
  const retry = useMutation(trpc.hostAgents.retryJob.mutationOptions({ onSettled: refresh }));
  const cancel = useMutation(trpc.hostAgents.cancelJob.mutationOptions({ onSettled: refresh }));
  const role = session.data?.role;
  const whyNotOperator =
    role === "operator" || role === "admin"
      ? null
      : `Retrying or cancelling needs the operator role; you are ${role ?? "…"}.`;

  if (jobs.error) return <Notice tone="error">{jobs.error.message}</Notice>;
  const rows = jobs.data?.jobs ?? [];
  if (jobs.isPending) return <p className="text-zinc-500">Loading host jobs…</p>;
  if (rows.length === 0) return <p className="text-zinc-600 dark:text-zinc-400">{emptyMessage}</p>;

  return (
    <div className="overflow-x-auto">
      <table aria-label={caption} className="w-full text-left text-sm">
        <thead className="text-zinc-500 dark:text-zinc-400">
          <tr>
            <th className="py-1 pr-3 font-medium">Change</th>
            <th className="py-1 pr-3 font-medium">State</th>
            <th className="py-1 pr-3 font-medium">Queued</th>
            <th className="py-1 pr-3 font-medium">On the host</th>
            <th className="py-1 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((job) => (
            <tr key={job.id} className="border-t border-zinc-100 align-top dark:border-zinc-800">
              <td className="py-1 pr-3">{HOST_JOB_KIND_LABELS[job.kind]}</td>
              <td className="py-1 pr-3" data-testid="host-job-state">
                {HOST_JOB_STATE_LABELS[job.state]}
                {job.state === "queued" && job.failures > 0
                  ? ` (retry ${job.failures + 1} at ${job.availableAt.toLocaleTimeString()})`
                  : ""}
              </td>
              <td className="py-1 pr-3 whitespace-nowrap">{job.createdAt.toLocaleString()}</td>
              <td className="py-1 pr-3 break-words">
                {job.result ? (
                  <>
                    {job.result.summary}
                    {job.result.changedPaths && job.result.changedPaths.length > 0 ? (
                      <span className="block font-mono text-xs">{job.result.changedPaths.join(", ")}</span>
                    ) : null}
                    {job.result.warning ? (
                      <span className="block text-amber-800 dark:text-amber-300">{job.result.warning}</span>
                    ) : null}
                  </>
                ) : job.error ? (
                  <span className="text-red-800 dark:text-red-300">
                    {job.error.source ? `${job.error.source}: ` : ""}
                    {job.error.code}: {job.error.message}
                  </span>
                ) : (
                  <span className="text-zinc-500">—</span>
                )}
              </td>
              <td className="py-1">
                {job.state === "failed" ? (
                  <Button
                    type="button"
                    variant="secondary"
                    disabled={whyNotOperator !== null || retry.isPending}
                    title={whyNotOperator ?? "Queue this change again at the back of the line."}
                    onClick={() => retry.mutate({ jobId: job.id })}
                  >
                    Retry
                  </Button>
                ) : job.state === "queued" ? (
                  <Button
                    type="button"
                    variant="secondary"
                    disabled={whyNotOperator !== null || cancel.isPending}
                    title={whyNotOperator ?? "Do not send this change to the host."}
                    onClick={() => cancel.mutate({ jobId: job.id })}
                  >
                    Cancel
                  </Button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {(retry.error ?? cancel.error) ? (
        <Notice tone="error">{(retry.error ?? cancel.error)?.message}</Notice>
      ) : null}
    </div>
  );
}
