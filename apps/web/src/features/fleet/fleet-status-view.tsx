"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import {
  EXPIRY_HORIZON_MS,
  type FleetAgentVerdict,
  type FleetExpiringCredential,
} from "@clawfleet/core/fleet/fleet-status";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { useFallbackRefetchInterval } from "~/features/live/live-connection";
import { ReauthDeadlineReminders } from "~/features/reauth/reauth-deadline-reminders";
import { useTRPC } from "~/trpc/react";
import { AttentionGroups, DriftGroups } from "./attention-groups";
import { HintText, profileHref } from "./hint-text";
import { formatCountdown, useNow } from "./use-now";

const VERDICTS: { verdict: FleetAgentVerdict; label: string; explain: string; tone: string }[] = [
  {
    verdict: "ok",
    label: "OK",
    explain: "--check exits 0",
    tone: "border-emerald-300 dark:border-emerald-800",
  },
  {
    verdict: "expiring",
    label: "Expiring",
    explain: "--check exits 2: a credential in use expires within 24 h",
    tone: "border-amber-300 dark:border-amber-800",
  },
  {
    verdict: "failing",
    label: "Failing",
    explain: "--check exits 1: missing, expired or unavailable auth",
    tone: "border-red-300 dark:border-red-800",
  },
  {
    verdict: "refused",
    label: "Refused",
    explain: "OpenClaw would refuse to run models status (config or store error)",
    tone: "border-zinc-400 dark:border-zinc-600",
  },
];

function sectionClass() {
  return "rounded-lg border border-zinc-200 p-4 dark:border-zinc-800";
}

function ExpiryTimeline({ credentials, now }: { credentials: FleetExpiringCredential[]; now: number }) {
  return (
    <ol className="space-y-2" aria-label="Credentials by expiry">
      {credentials.map((credential) => {
        const remaining = credential.expiresAt - now;
        const share = Math.max(0, Math.min(1, remaining / EXPIRY_HORIZON_MS));
        return (
          <li
            key={`${credential.gatewayId}-${credential.profileId}`}
            className="grid grid-cols-[minmax(0,1fr)_3rem_7rem] items-center gap-3 sm:grid-cols-[16rem_1fr_8rem]"
          >
            <span
              className="truncate font-mono text-xs"
              title={`${credential.profileId} on ${credential.gatewayName}`}
            >
              <Link href={profileHref(credential.profileId)} className="hover:underline">
                {credential.profileId}
              </Link>{" "}
              <span className="text-zinc-500">· {credential.gatewayName}</span>
            </span>
            <span className="h-3 rounded bg-zinc-100 dark:bg-zinc-800" aria-hidden="true">
              <span
                className={`block h-3 rounded ${credential.expired ? "bg-red-500" : remaining < 24 * 3_600_000 ? "bg-amber-500" : "bg-sky-500"}`}
                style={{ width: `${Math.max(2, share * 100)}%` }}
              />
            </span>
            <span className={credential.expired ? "font-medium text-red-700 dark:text-red-300" : ""}>
              {credential.expired ? "expired" : `in ${formatCountdown(remaining)}`}
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                {credential.type === "oauth" ? "OAuth" : "setup-token"} · {credential.agentCount} agent
                {credential.agentCount === 1 ? "" : "s"}
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** How often the page re-reads while agents are updating. */
const UPDATING_REFETCH_MS = 3_000;

export function FleetStatusView() {
  const trpc = useTRPC();
  const now = useNow();
  const fallbackMs = useFallbackRefetchInterval();
  const fleet = useQuery({
    ...trpc.fleet.status.queryOptions(),
    // why: live updates refetch on every change; only while they are down does the page poll, closely while
    // the worker recomputes some agents, else once a minute.
    refetchInterval: (query) =>
      fallbackMs === false ? false : (query.state.data?.updating ?? 0) > 0 ? UPDATING_REFETCH_MS : fallbackMs,
  });

  return (
    <div className="max-w-6xl space-y-6">
      <div className="flex items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Fleet status</h1>
          <p className="text-zinc-500 dark:text-zinc-400">
            What <span className="font-mono">openclaw models status --check</span> says for every agent,
            computed from the console&apos;s state (or reported by its host, where newer)
            {fleet.data ? `, read ${formatCountdown(now - fleet.data.computedAt)} ago` : ""}.
          </p>
          {fleet.data && fleet.data.updating > 0 ? (
            <p className="text-amber-700 dark:text-amber-300" data-testid="updating">
              {fleet.data.updating} agent{fleet.data.updating === 1 ? "" : "s"} updating: counted with their
              last computed status until the worker recomputes them.
            </p>
          ) : null}
        </div>
        <Button variant="secondary" onClick={() => void fleet.refetch()} disabled={fleet.isFetching}>
          {fleet.isFetching ? "Refreshing…" : "Refresh"}
        </Button>
      </div>
      {fleet.error ? (
        <Notice tone="error">Could not compute the fleet status: {fleet.error.message}</Notice>
      ) : null}
      {!fleet.data ? (
        <div aria-busy="true" className="grid grid-cols-4 gap-3">
          {VERDICTS.map(({ verdict }) => (
            <div key={verdict} className="h-24 animate-pulse rounded-lg bg-zinc-100 dark:bg-zinc-800" />
          ))}
        </div>
      ) : fleet.data.counts.total === 0 ? (
        <Notice tone="info">
          No agents yet.{" "}
          <Link className="underline" href="/import">
            Import an OpenClaw install
          </Link>{" "}
          to see its status here.
        </Notice>
      ) : (
        <>
          <section aria-label="Check roll-up" className="grid grid-cols-2 gap-3 md:grid-cols-4">
            {VERDICTS.map(({ verdict, label, explain, tone }) => (
              <Link
                key={verdict}
                href={`/agents?status=${verdict}`}
                className={`rounded-lg border-2 p-4 hover:bg-zinc-50 dark:hover:bg-zinc-900 ${tone}`}
              >
                <span className="block text-3xl font-semibold" data-testid={`count-${verdict}`}>
                  {fleet.data.counts[verdict]}
                </span>
                <span className="block font-medium">{label}</span>
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">{explain}</span>
              </Link>
            ))}
          </section>

          <section aria-labelledby="unusable-heading" className={sectionClass()}>
            <h2 id="unusable-heading" className="font-semibold">
              Unusable profiles ({fleet.data.unusableProfiles.length})
            </h2>
            {fleet.data.unusableProfiles.length === 0 ? (
              <p className="text-zinc-500 dark:text-zinc-400">
                No profile is in a cooldown or disable window.
              </p>
            ) : (
              <table className="mt-2 w-full text-left">
                <thead className="text-xs uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
                  <tr>
                    <th scope="col" className="py-1 pr-3">
                      Profile
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      Gateway
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      Window
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      Ends in
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      Agents
                    </th>
                    <th scope="col" className="py-1">
                      What to do
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {fleet.data.unusableProfiles.map((profile) => (
                    <tr
                      key={`${profile.gatewayId}-${profile.profileId}`}
                      className="border-t border-zinc-100 dark:border-zinc-800"
                    >
                      <td className="py-1 pr-3 font-mono text-xs">
                        <Link
                          href={profileHref(profile.profileId)}
                          className="text-sky-700 hover:underline dark:text-sky-400"
                        >
                          {profile.profileId}
                        </Link>
                      </td>
                      <td className="py-1 pr-3">{profile.gatewayName}</td>
                      <td className="py-1 pr-3">
                        {profile.kind}
                        {profile.reason ? `: ${profile.reason}` : ""}
                      </td>
                      <td className="py-1 pr-3 tabular-nums" data-testid="countdown">
                        {formatCountdown(profile.until - now)}
                      </td>
                      <td className="py-1 pr-3">{profile.agentCount}</td>
                      <td className="py-1">
                        <HintText text={profile.recoveryHint} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <ReauthDeadlineReminders now={now} />

          <section aria-labelledby="expiring-heading" className={sectionClass()}>
            <h2 id="expiring-heading" className="font-semibold">
              Tokens and OAuth sign-ins expiring in the next 7 days ({fleet.data.expiringCredentials.length})
            </h2>
            {fleet.data.expiringCredentials.length === 0 ? (
              <p className="text-zinc-500 dark:text-zinc-400">Nothing expires within 7 days.</p>
            ) : (
              <ExpiryTimeline credentials={fleet.data.expiringCredentials} now={now} />
            )}
          </section>

          <section aria-labelledby="missing-heading" className={sectionClass()}>
            <h2 id="missing-heading" className="font-semibold">
              Providers in use with no auth ({fleet.data.missingProviders.length})
            </h2>
            {fleet.data.missingProviders.length === 0 ? (
              <p className="text-zinc-500 dark:text-zinc-400">Every provider in use has usable auth.</p>
            ) : (
              <ul className="mt-1 list-disc pl-5">
                {fleet.data.missingProviders.map((missing) => (
                  <li key={missing.provider}>
                    <span className="font-mono">{missing.provider}</span>: {missing.agentCount} agent
                    {missing.agentCount === 1 ? "" : "s"} ·{" "}
                    <Link className="text-sky-700 underline dark:text-sky-400" href="/agents?status=failing">
                      see failing agents
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="attention-heading" className={sectionClass()}>
            <h2 id="attention-heading" className="font-semibold">
              Agents needing attention ({fleet.data.attention.totalGroups}{" "}
              {fleet.data.attention.totalGroups === 1 ? "cause" : "causes"})
            </h2>
            <AttentionGroups
              groups={fleet.data.attention.groups}
              moreGroups={fleet.data.attention.moreGroups}
              now={now}
            />
          </section>

          <section aria-labelledby="drift-heading" className={sectionClass()}>
            <h2 id="drift-heading" className="font-semibold">
              Reported differs ({fleet.data.drift.totalAgents} agent
              {fleet.data.drift.totalAgents === 1 ? "" : "s"})
            </h2>
            <DriftGroups groups={fleet.data.drift.groups} totalAgents={fleet.data.drift.totalAgents} />
          </section>
        </>
      )}
    </div>
  );
}
