"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "~/trpc/react";

export function AgentDetailView({ agentId }: { agentId: string }) {
  const trpc = useTRPC();
  const agent = useQuery(trpc.agents.byId.queryOptions({ agentId }));
  const profiles = useQuery(trpc.authProfiles.forAgent.queryOptions({ agentId }));

  if (agent.error) {
    return (
      <div role="alert">
        <p className="text-red-700 dark:text-red-300">{agent.error.message}</p>
        <Link href="/agents" className="mt-2 inline-block text-sky-700 underline dark:text-sky-400">
          Back to agents
        </Link>
      </div>
    );
  }
  if (!agent.data) return <p aria-busy="true">Loading agent…</p>;

  return (
    <article aria-labelledby="agent-heading" className="max-w-5xl space-y-6">
      <div>
        <Link href="/agents" className="text-zinc-500 hover:underline dark:text-zinc-400">
          ← Agents
        </Link>
        <h1 id="agent-heading" className="mt-1 text-xl font-semibold">
          {agent.data.name}
        </h1>
        <p className="text-zinc-500 dark:text-zinc-400">
          <span className="font-mono">{agent.data.agentKey}</span> on {agent.data.gatewayName} · version{" "}
          {agent.data.version}
        </p>
      </div>
      <section aria-labelledby="profiles-heading">
        <h2 id="profiles-heading" className="text-base font-semibold">
          Auth profiles this agent can use
        </h2>
        <p className="text-zinc-500 dark:text-zinc-400">
          Its own store first, then the gateway&apos;s shared store. Secrets are never shown, only
          OpenClaw&apos;s mask and a fingerprint.
        </p>
        <div className="mt-3 overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
          <table className="w-full text-left">
            <thead className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Profile
                </th>
                <th scope="col" className="px-3 py-2">
                  Type
                </th>
                <th scope="col" className="px-3 py-2">
                  Store
                </th>
                <th scope="col" className="px-3 py-2">
                  Secret
                </th>
                <th scope="col" className="px-3 py-2">
                  Expires
                </th>
                <th scope="col" className="px-3 py-2">
                  State
                </th>
              </tr>
            </thead>
            <tbody>
              {profiles.data?.map((profile) => (
                <tr key={profile.id} className="border-t border-zinc-100 dark:border-zinc-800">
                  <td className="px-3 py-2 font-mono text-xs">{profile.profileId}</td>
                  <td className="px-3 py-2">{profile.type}</td>
                  <td className="px-3 py-2">{profile.owner.kind === "shared" ? "shared" : "agent's own"}</td>
                  <td className="px-3 py-2 font-mono text-xs">
                    {profile.secrets.map((secret) => (
                      <span key={secret.field} className="block" title={`fingerprint ${secret.fingerprint}`}>
                        {secret.field}: {secret.mask} · fp {secret.fingerprint.slice(0, 12)}
                      </span>
                    ))}
                  </td>
                  <td className="px-3 py-2">{profile.expires ? profile.expires.toLocaleString() : "—"}</td>
                  <td className="px-3 py-2">
                    {profile.disabledUntil
                      ? `disabled (${profile.disabledReason ?? "unknown"}) until ${profile.disabledUntil.toLocaleString()}`
                      : null}
                    {profile.cooldownUntil
                      ? `cooldown (${profile.cooldownReason ?? "unknown"}) until ${profile.cooldownUntil.toLocaleString()}`
                      : null}
                    {!profile.disabledUntil && !profile.cooldownUntil ? "ready" : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {profiles.data?.length === 0 ? (
            <p className="p-6 text-center text-zinc-500 dark:text-zinc-400">
              No auth profiles reach this agent. Add one to its gateway&apos;s shared store or to the
              agent&apos;s own store.
            </p>
          ) : null}
        </div>
      </section>
    </article>
  );
}
