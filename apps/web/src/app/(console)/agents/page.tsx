import type { Metadata } from "next";
import { Suspense } from "react";
import { AgentList } from "~/features/agents/agent-list";

export const metadata: Metadata = { title: "Agents" };

export default function AgentsPage() {
  return (
    <Suspense>
      <AgentList />
    </Suspense>
  );
}
