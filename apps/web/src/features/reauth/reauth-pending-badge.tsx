"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { REAUTH_STATE_LABELS } from "@clawfleet/core/reauth/reauth-request";
import { useTRPC } from "~/trpc/react";

/** Agent header: "re-auth pending" while an open request covers this agent, with its state on hover. */
export function ReauthPendingBadge({ agentId }: { agentId: string }) {
  const trpc = useTRPC();
  const pending = useQuery(trpc.reauth.pendingForAgent.queryOptions({ agentId }));
  const first = pending.data?.[0];
  if (!first) return null;
  return (
    <Link
      href={`/reauth#request-${first.id}`}
      title={pending.data
        ?.map((request) => `${request.profileLabel}: ${REAUTH_STATE_LABELS[request.state]}`)
        .join("\n")}
      className="inline-block rounded-full border border-amber-400 px-2 py-0.5 align-middle text-xs font-medium text-amber-900 hover:underline dark:text-amber-200"
    >
      re-auth pending
    </Link>
  );
}
