"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Notice } from "~/components/ui/notice";
import { ReauthPendingBadge } from "~/features/reauth/reauth-pending-badge";
import { useTRPC } from "~/trpc/react";
import { ConfigSnippetPanel } from "~/features/export/config-snippet-panel";
import { AgentIdentityForm } from "./agent-identity-form";
import { AgentLifecycleActions } from "./agent-lifecycle-actions";

// why: each tab's editors (forms, their schemas, the impact preview) load when the tab opens, keeping the page's
// first load under its 250 kB budget; a tab shows "Loading…" for the moment its chunk takes.
const tabLoading = () => <p aria-busy="true">Loading…</p>;
const AgentModelTab = dynamic(() => import("./agent-model-tab").then((module) => module.AgentModelTab), {
  loading: tabLoading,
});
const AgentProfilesTab = dynamic(
  () => import("./agent-profiles-tab").then((module) => module.AgentProfilesTab),
  {
    loading: tabLoading,
  },
);
const AgentStatusPanel = dynamic(
  () => import("~/features/status/agent-status-panel").then((module) => module.AgentStatusPanel),
  { loading: tabLoading },
);

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "model", label: "Model & params" },
  { id: "profiles", label: "Auth profiles" },
  { id: "status", label: "Status" },
] as const;
type TabId = (typeof TABS)[number]["id"];

export function AgentDetailView({ agentId }: { agentId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const tab: TabId = TABS.find((candidate) => candidate.id === params.get("tab"))?.id ?? "overview";
  const agent = useQuery(trpc.agents.byId.queryOptions({ agentId }));
  const settings = useQuery(trpc.agents.modelSettings.queryOptions({ agentId }));

  if (agent.error) {
    return (
      <div className="space-y-2">
        <Notice tone="error">{agent.error.message}</Notice>
        <Link href="/agents" className="inline-block text-sky-700 underline dark:text-sky-400">
          Back to agents
        </Link>
      </div>
    );
  }
  if (!agent.data) return <p aria-busy="true">Loading agent…</p>;

  return (
    <article aria-labelledby="agent-heading" className="max-w-6xl space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <Link href="/agents" className="text-zinc-500 hover:underline dark:text-zinc-400">
            ← Agents
          </Link>
          <h1 id="agent-heading" className="mt-1 text-xl font-semibold">
            {agent.data.name}
          </h1>
          <ReauthPendingBadge agentId={agentId} />
          <p className="text-zinc-500 dark:text-zinc-400">
            <span className="font-mono">{agent.data.agentKey}</span> on {agent.data.gatewayName} · version{" "}
            {agent.data.version}
          </p>
        </div>
        <AgentLifecycleActions agent={agent.data} />
      </div>

      <div
        role="tablist"
        aria-label="Agent sections"
        className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800"
      >
        {TABS.map((candidate) => (
          <button
            key={candidate.id}
            role="tab"
            type="button"
            aria-selected={tab === candidate.id}
            aria-controls={`panel-${candidate.id}`}
            onClick={() => router.replace(`${pathname}?tab=${candidate.id}`)}
            className={`-mb-px border-b-2 px-3 py-2 ${tab === candidate.id ? "border-sky-600 font-medium" : "border-transparent text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"}`}
          >
            {candidate.label}
          </button>
        ))}
      </div>

      <section
        id={`panel-${tab}`}
        role="tabpanel"
        aria-label={TABS.find((candidate) => candidate.id === tab)?.label}
      >
        {tab === "overview" ? (
          <div className="space-y-6">
            <AgentIdentityForm agent={agent.data} />
            <ConfigSnippetPanel target={{ agentId }} title="Export this agent's config" />
          </div>
        ) : null}
        {tab === "model" ? (
          <AgentModelTab
            agent={agent.data}
            settings={settings.data}
            settingsError={settings.error ? settings.error.message : null}
          />
        ) : null}
        {tab === "profiles" ? <AgentProfilesTab agent={agent.data} settings={settings.data} /> : null}
        {tab === "status" ? <AgentStatusPanel agentId={agentId} /> : null}
      </section>
    </article>
  );
}
