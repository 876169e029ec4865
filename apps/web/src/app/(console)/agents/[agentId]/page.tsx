import type { Metadata } from "next";
import { Suspense } from "react";
import { AgentDetailView } from "~/features/agents/agent-detail-view";
import { AgentPageTitle } from "~/features/agents/agent-page-title";

// The agent's name is loaded on the client, which then names the tab after it.
export const metadata: Metadata = { title: "Agents" };

export default async function AgentPage({ params }: { params: Promise<{ agentId: string }> }) {
  const { agentId } = await params;
  return (
    <Suspense>
      <AgentPageTitle agentId={agentId} />
      <AgentDetailView agentId={agentId} />
    </Suspense>
  );
}
