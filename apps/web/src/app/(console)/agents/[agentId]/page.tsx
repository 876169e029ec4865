import type { Metadata } from "next";
import { Suspense } from "react";
import { AgentDetailView } from "~/features/agents/agent-detail-view";

export const metadata: Metadata = { title: "Agent" };

export default async function AgentPage({ params }: { params: Promise<{ agentId: string }> }) {
  const { agentId } = await params;
  return (
    <Suspense>
      <AgentDetailView agentId={agentId} />
    </Suspense>
  );
}
