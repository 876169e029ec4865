"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useState } from "react";
import type { FleetAgentVerdict } from "@clawfleet/core/fleet/fleet-status";
import { PaginationNav } from "~/components/ui/pagination-nav";
import type { AppRouter } from "~/server/api/root";
import { ReauthTrigger } from "~/features/reauth/reauth-trigger";
import { useTRPC } from "~/trpc/react";
import { HintText } from "./hint-text";
import { formatCountdown } from "./use-now";

type FleetStatus = inferRouterOutputs<AppRouter>["fleet"]["status"];
type FleetAttentionGroup = FleetStatus["attention"]["groups"][number];
type FleetDriftGroup = FleetStatus["drift"]["groups"][number];

export const VERDICT_WORDS: Record<FleetAgentVerdict, string> = {
  ok: "OK",
  expiring: "Expiring",
  failing: "Failing",
  refused: "Refused",
};

const SEVERITY_TONE: Record<FleetAttentionGroup["severity"], string> = {
  refused: "text-zinc-700 dark:text-zinc-300",
  failing: "text-red-700 dark:text-red-300",
  expiring: "text-amber-700 dark:text-amber-300",
};

function plural(count: number, noun: string) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** The agents behind one group, a page at a time (read when the group is opened). */
function GroupAgents({ group }: { group: FleetAttentionGroup }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const agents = useQuery(
    trpc.fleet.attentionAgents.queryOptions({ gatewayId: group.gatewayId, causeKey: group.causeKey, page }),
  );
  if (agents.error)
    return (
      <p role="alert" className="mt-1 pl-5 text-red-700 dark:text-red-300">
        Could not list these agents: {agents.error.message}
      </p>
    );
  if (!agents.data) return <p className="text-zinc-500 dark:text-zinc-400">Loading agents…</p>;
  const pageCount = Math.max(1, Math.ceil(agents.data.total / agents.data.pageSize));
  return (
    <div className="mt-1 pl-5">
      <ul aria-label={`Agents: ${group.sentence}`} className="list-disc pl-5">
        {agents.data.items.map((agent) => (
          <li key={agent.agentId}>
            <Link href={`/agents/${agent.agentId}`} className="hover:underline">
              {agent.agentName}
            </Link>
          </li>
        ))}
      </ul>
      {pageCount > 1 ? <PaginationNav page={page} pageCount={pageCount} onPage={setPage} /> : null}
    </div>
  );
}

/** The group's action, one click away: re-auth the profile it names, or open its failing agents. */
function GroupAction({ group }: { group: FleetAttentionGroup }) {
  if (group.action.kind === "reauth" && group.authProfileId)
    return (
      <ReauthTrigger
        target={{ authProfileIds: [group.authProfileId] }}
        label={`Re-auth ${group.action.profileId}`}
      />
    );
  return (
    <Link
      href={`/agents?status=${group.severity}&gateway=${group.gatewayId}`}
      className="rounded-md border border-zinc-300 px-3 py-2 font-medium hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
    >
      See agents
    </Link>
  );
}

/** Why agents need attention, one line per cause and gateway with how many agents, worst first. */
export function AttentionGroups({
  groups,
  moreGroups,
  now,
}: {
  groups: FleetAttentionGroup[];
  moreGroups: number;
  now: number;
}) {
  const [open, setOpen] = useState<string | null>(null);
  if (groups.length === 0)
    return <p className="text-zinc-500 dark:text-zinc-400">Every agent passes --check.</p>;
  return (
    <>
      <ul className="mt-2 divide-y divide-zinc-100 dark:divide-zinc-800">
        {groups.map((group) => {
          const id = `${group.gatewayId}\u0000${group.causeKey}`;
          const expanded = open === id;
          return (
            <li key={id} className="py-2" data-testid="attention-group">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0 flex-1">
                  <button
                    type="button"
                    aria-expanded={expanded}
                    onClick={() => setOpen(expanded ? null : id)}
                    className="text-left hover:underline"
                  >
                    <span className={`font-medium ${SEVERITY_TONE[group.severity]}`}>
                      {plural(group.agentCount, "agent")}
                    </span>{" "}
                    <span className="text-zinc-500 dark:text-zinc-400">· {group.gatewayName}</span>
                  </button>
                  <span className="text-zinc-500 dark:text-zinc-400"> · </span>
                  <HintText
                    text={group.sentence}
                    profileId={group.action.kind === "reauth" ? group.action.profileId : undefined}
                  />
                  {group.instant !== null ? (
                    <span className="text-zinc-500 dark:text-zinc-400">
                      {" "}
                      ({group.instant > now ? `in ${formatCountdown(group.instant - now)}` : "passed"})
                    </span>
                  ) : null}
                </div>
                <GroupAction group={group} />
              </div>
              {expanded ? <GroupAgents group={group} /> : null}
            </li>
          );
        })}
      </ul>
      {moreGroups > 0 ? (
        <p className="mt-2 text-zinc-500 dark:text-zinc-400">
          {plural(moreGroups, "more cause")} not shown;{" "}
          <Link className="underline" href="/agents?status=failing">
            see failing agents
          </Link>
          .
        </p>
      ) : null}
    </>
  );
}

/** Agents whose host reported another verdict than the console computed, newer than the computation. */
export function DriftGroups({ groups, totalAgents }: { groups: FleetDriftGroup[]; totalAgents: number }) {
  if (totalAgents === 0)
    return (
      <p className="text-zinc-500 dark:text-zinc-400">
        Every newer host report agrees with what the console computes.
      </p>
    );
  return (
    <ul className="mt-2 divide-y divide-zinc-100 dark:divide-zinc-800">
      {groups.map((group) => (
        <li
          key={`${group.gatewayId}-${group.computedVerdict}-${group.reportedVerdict}`}
          className="py-2"
          data-testid="drift-group"
        >
          <span className="font-medium">{plural(group.agentCount, "agent")}</span>{" "}
          <span className="text-zinc-500 dark:text-zinc-400">· {group.gatewayName} ·</span> reported{" "}
          <span className="font-medium">{VERDICT_WORDS[group.reportedVerdict]}</span>, computed{" "}
          {VERDICT_WORDS[group.computedVerdict]} (drift):{" "}
          {group.agents.map((agent, index) => (
            <span key={agent.agentId}>
              {index > 0 ? ", " : ""}
              <Link href={`/agents/${agent.agentId}`} className="hover:underline">
                {agent.agentName}
              </Link>
            </span>
          ))}
          {group.agentCount > group.agents.length
            ? ` and ${group.agentCount - group.agents.length} more`
            : ""}
        </li>
      ))}
    </ul>
  );
}
