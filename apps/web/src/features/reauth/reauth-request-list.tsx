"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import {
  REAUTH_METHOD_LABELS,
  REAUTH_STATE_LABELS,
  type ReauthTransitionEvent,
  isOpenReauthState,
  reauthTransition,
} from "@clawfleet/core/reauth/reauth-request";
import type { ReauthRequestView } from "@clawfleet/core/reauth/reauth-view";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { formatCountdown, useNow } from "~/features/fleet/use-now";
import { useSessionRole } from "~/features/session/use-session-role";
import { HostJobTable } from "~/features/gateways/host-job-table";
import { useFallbackRefetchInterval } from "~/features/live/live-connection";
import { useTRPC } from "~/trpc/react";
import { IssuedLink } from "./issued-link";
import { ReauthStateBadge } from "./reauth-state-badge";

const TIMELINE_WORDS: Record<ReauthRequestView["timeline"][number]["kind"], string> = {
  ...REAUTH_STATE_LABELS,
  link_revoked: "Link revoked",
  reminded: "Deadline reminder sent",
};

/** A readable line for a timeline entry's details (reason, mask, counts); never a secret. */
function detailText(detail: unknown): string {
  if (!detail || typeof detail !== "object") return "";
  const facts = detail as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof facts.reason === "string") parts.push(facts.reason);
  if (typeof facts.deadline === "string") parts.push(`deadline ${new Date(facts.deadline).toLocaleString()}`);
  if (typeof facts.mask === "string") parts.push(`stored as ${facts.mask}`);
  if (typeof facts.profileCount === "number") parts.push(`${facts.profileCount} profiles updated`);
  if (typeof facts.cooldownsCleared === "number" && facts.cooldownsCleared > 0)
    parts.push(`${facts.cooldownsCleared} cooldowns cleared`);
  if (facts.signedInOnHost === true) parts.push("signed in on the host");
  if (typeof facts.reportedAt === "string")
    parts.push(`reported ${new Date(facts.reportedAt).toLocaleString()}`);
  if (facts.replacesEarlierLink === true) parts.push("replaces the earlier link");
  return parts.join(" · ");
}

function RequestActions({ request }: { request: ReauthRequestView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const blocked = useSessionRole().whyNot("operator");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.reauth.pathKey() });
  const input = { requestId: request.id, expectedVersion: request.version };
  const cancel = useMutation(trpc.reauth.cancel.mutationOptions({ onSettled: refresh }));
  const issue = useMutation(trpc.reauth.issueLink.mutationOptions({ onSettled: refresh }));
  const revoke = useMutation(trpc.reauth.revokeLink.mutationOptions({ onSettled: refresh }));
  const error = cancel.error ?? issue.error ?? revoke.error;
  // why: the buttons follow core's transition table, so the page offers exactly the moves the server allows.
  const allows = (event: ReauthTransitionEvent) => reauthTransition(request, event).ok;
  if (!allows("cancel")) return null;
  const busy = cancel.isPending || issue.isPending || revoke.isPending;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {allows("issue_link") ? (
          <Button
            type="button"
            variant="secondary"
            disabled={blocked !== null || busy}
            title={blocked ?? "Issue a fresh link; the current one stops working"}
            onClick={() => issue.mutate(input)}
          >
            New link
          </Button>
        ) : null}
        {request.hasLiveLink ? (
          <Button
            type="button"
            variant="secondary"
            disabled={blocked !== null || busy}
            title={blocked ?? "Stop the current link from working"}
            onClick={() => revoke.mutate(input)}
          >
            Revoke link
          </Button>
        ) : null}
        <Button
          type="button"
          variant="secondary"
          disabled={blocked !== null || busy}
          title={blocked ?? "Cancel this request; its link stops working"}
          onClick={() => cancel.mutate(input)}
        >
          Cancel request
        </Button>
      </div>
      {blocked ? <p className="text-xs text-zinc-500 dark:text-zinc-400">{blocked}</p> : null}
      {issue.data ? <IssuedLink path={issue.data.path} expiresAt={issue.data.expiresAt} /> : null}
      {error ? <Notice tone="error">{error.message}</Notice> : null}
    </div>
  );
}

/** States after the credential was applied in the console, where its pushes to the hosts are worth showing. */
const HOST_SIDE_STATES: ReadonlySet<string> = new Set(["applied", "pushed", "verified", "failed"]);

/** "on prod-eu" (or several): the gateways whose profiles the request covers, so cards can be told apart. */
function gatewaysOf(request: ReauthRequestView): string {
  const names = [...new Set(request.profiles.map((profile) => profile.gatewayName))].sort();
  return names.length === 0 ? "· profile removed since" : `· on ${names.join(", ")}`;
}

function RequestCard({ request, now }: { request: ReauthRequestView; now: number }) {
  const overdueIn = request.deadline ? request.deadline.getTime() - now : null;
  return (
    <li
      id={`request-${request.id}`}
      aria-label={`Re-auth ${request.profileLabel}`}
      className="space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p>
          <span className="font-mono text-sm">{request.profileLabel}</span>{" "}
          <span className="text-zinc-500 dark:text-zinc-400">
            · {request.provider} · {REAUTH_METHOD_LABELS[request.method]}
          </span>{" "}
          <span data-testid="reauth-gateways" className="text-zinc-700 dark:text-zinc-300">
            {gatewaysOf(request)}
          </span>
        </p>
        <ReauthStateBadge state={request.state} />
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-300">
        Requested by {request.requestedBy.label} {request.createdAt.toLocaleString()}
        {request.assignee
          ? ` · assigned to ${request.assignee.email}`
          : " · anyone in the team with the link"}
        {request.deadline
          ? ` · deadline ${request.deadline.toLocaleString()}${
              isOpenReauthState(request.state) && overdueIn !== null
                ? ` (in ${formatCountdown(overdueIn)})`
                : ""
            }`
          : ""}
        {request.hasLiveLink && request.linkExpiresAt
          ? ` · link expires in ${formatCountdown(request.linkExpiresAt.getTime() - now)}`
          : ""}
      </p>
      <details>
        <summary className="cursor-pointer text-sm">
          {request.agentCount} agent{request.agentCount === 1 ? "" : "s"} covered
        </summary>
        <ul className="mt-1 flex flex-wrap gap-1">
          {request.agents.map((agent) => (
            <li key={agent.id}>
              <Link
                href={`/agents/${agent.id}?tab=profiles`}
                className="inline-block rounded bg-zinc-100 px-1.5 py-0.5 text-xs hover:underline dark:bg-zinc-800"
              >
                {agent.name}
              </Link>
            </li>
          ))}
          {request.agentCount > request.agents.length ? (
            <li className="text-xs text-zinc-500">and {request.agentCount - request.agents.length} more</li>
          ) : null}
        </ul>
      </details>
      <ol aria-label="Timeline" className="border-l-2 border-zinc-200 pl-3 text-sm dark:border-zinc-700">
        {request.timeline.map((entry, index) => (
          <li key={index} className="py-0.5">
            <span className="font-medium">{TIMELINE_WORDS[entry.kind]}</span>{" "}
            <span className="text-zinc-500 dark:text-zinc-400">
              · {entry.actorLabel} · {entry.at.toLocaleString()}
            </span>
            {detailText(entry.detail) ? (
              <span className="block text-xs text-zinc-600 dark:text-zinc-300">
                {detailText(entry.detail)}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      {HOST_SIDE_STATES.has(request.state) ? (
        <HostJobTable
          scope={{ origin: { type: "reauth_request", id: request.id } }}
          caption="Pushes to the host"
          emptyMessage="Not pushed: no covered gateway has a connected host agent, so the new credential stays in the console until someone applies it on the host."
        />
      ) : null}
      <RequestActions request={request} />
    </li>
  );
}

/** Every re-auth request with its state, who did what when, and the agents it covers. */
export function ReauthRequestList() {
  const trpc = useTRPC();
  const now = useNow(1000);
  const [scope, setScope] = useState<"open" | "all">("all");
  const refetchInterval = useFallbackRefetchInterval(30_000);
  const requests = useQuery({ ...trpc.reauth.list.queryOptions({ scope }), refetchInterval });
  return (
    <section aria-labelledby="reauth-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="reauth-heading" className="text-xl font-semibold">
            Re-auth requests
          </h1>
          <p className="text-zinc-500 dark:text-zinc-400">
            Requested → link issued → credential submitted → applied → pushed to host → verified (when a
            host&apos;s next status report shows the profile healthy); failed when the host refuses it. Open
            links expire after 3 days or at the deadline, and a request expires when its deadline passes.
          </p>
        </div>
        <label className="flex items-center gap-2">
          <span>Show</span>
          <select
            value={scope}
            onChange={(event) => setScope(event.target.value === "open" ? "open" : "all")}
            className="rounded-md border border-zinc-300 bg-transparent px-2 py-1 dark:border-zinc-700"
          >
            <option value="all">All requests</option>
            <option value="open">Open only</option>
          </select>
        </label>
      </div>
      {requests.error ? (
        <Notice tone="error">Could not load requests: {requests.error.message}</Notice>
      ) : null}
      {!requests.data && !requests.error ? <p aria-busy="true">Loading requests…</p> : null}
      {requests.data?.length === 0 ? (
        <Notice tone="info">
          No re-auth requests{scope === "open" ? " are open" : " yet"}. Start one from an agent&apos;s{" "}
          <Link className="underline" href="/agents">
            Auth profiles tab
          </Link>{" "}
          or from{" "}
          <Link className="underline" href="/credentials">
            Credentials
          </Link>
          .
        </Notice>
      ) : null}
      <ul className="space-y-3">
        {requests.data?.map((request) => (
          <RequestCard key={request.id} request={request} now={now} />
        ))}
      </ul>
    </section>
  );
}
