"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "~/trpc/react";

export function GatewayList() {
  const trpc = useTRPC();
  const gateways = useQuery(trpc.gateways.list.queryOptions());
  return (
    <section aria-labelledby="gateways-heading">
      <h1 id="gateways-heading" className="text-xl font-semibold">
        Gateways
      </h1>
      <p className="text-zinc-500 dark:text-zinc-400">
        Each gateway is one OpenClaw install and its state folder.
      </p>
      {gateways.error ? (
        <p role="alert" className="mt-3 text-red-700 dark:text-red-300">
          {gateways.error.message}
        </p>
      ) : null}
      <ul className="mt-4 grid gap-3 sm:grid-cols-2">
        {gateways.data?.map((gateway) => (
          <li key={gateway.id} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
            <p className="font-medium">{gateway.name}</p>
            <p className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{gateway.stateDir}</p>
            <p className="mt-2">
              OpenClaw {gateway.openclawVersion} ·{" "}
              <Link
                className="text-sky-700 underline dark:text-sky-400"
                href={`/agents?gateway=${gateway.id}`}
              >
                {gateway.agentCount} agents
              </Link>
            </p>
            <p className="text-zinc-500 dark:text-zinc-400">
              {gateway.lastSeenAt
                ? `Last report ${gateway.lastSeenAt.toLocaleString()}`
                : "No status report received yet"}
            </p>
          </li>
        ))}
      </ul>
      {gateways.data?.length === 0 ? (
        <p className="mt-4 text-zinc-500">No gateways yet. Import an OpenClaw install to create one.</p>
      ) : null}
    </section>
  );
}
