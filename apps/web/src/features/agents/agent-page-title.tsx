"use client";

import { useQuery } from "@tanstack/react-query";
import { useDocumentTitle } from "~/features/session/use-document-title";
import { useTRPC } from "~/trpc/react";

/** Names the tab after the agent (`Billing triage 4 · Agents · Clawfleet`); shares the detail view's query. */
export function AgentPageTitle({ agentId }: { agentId: string }) {
  const trpc = useTRPC();
  const agent = useQuery(trpc.agents.byId.queryOptions({ agentId }));
  useDocumentTitle(agent.data ? [agent.data.name, "Agents"] : null);
  return null;
}
