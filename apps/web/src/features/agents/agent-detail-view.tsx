"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Notice } from "~/components/ui/notice";
import { ReauthPendingBadge } from "~/features/reauth/reauth-pending-badge";
import { AgentStatusPanel } from "~/features/status/agent-status-panel";
import { useTRPC } from "~/trpc/react";
import { HostJobTable } from "~/features/gateways/host-job-table";
import { ConfigSnippetPanel } from "~/features/export/config-snippet-panel";
import { AgentAuthOrderEditor } from "./agent-auth-order-editor";
import { AgentIdentityForm } from "./agent-identity-form";
import { AgentLifecycleActions } from "./agent-lifecycle-actions";
import { AgentModelForm } from "./agent-model-form";
import { AgentParamsLayerForm, EffectiveParamsTable, modelAuthWords } from "./agent-params-panel";
import { AgentProfilesPanel } from "./agent-profiles-panel";

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
          settings.error ? (
            <Notice tone="error">
              Could not resolve this agent&apos;s model settings: {settings.error.message}
            </Notice>
          ) : !settings.data ? (
            <p aria-busy="true">Resolving model settings…</p>
          ) : (
            <div className="space-y-8">
              <AgentModelForm agent={agent.data} settings={settings.data} />
              <div className="space-y-4">
                <h2 className="text-base font-semibold">Params</h2>
                <p className="text-zinc-500 dark:text-zinc-400">
                  OpenClaw merges four layers, later winning: gateway defaults → gateway model entry → this
                  agent&apos;s model entry → this agent.
                </p>
                {settings.data.models.map((model) => (
                  <section
                    key={`${model.role}-${model.modelRef}`}
                    aria-label={`Params of ${model.modelRef}`}
                    className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
                  >
                    <h3 className="font-medium">
                      <span className="font-mono">{model.modelRef}</span>{" "}
                      <span className="font-normal text-zinc-500 dark:text-zinc-400">
                        · {model.role} · {modelAuthWords(model)}
                      </span>
                    </h3>
                    {model.params.warnings.map((warning) => (
                      <Notice key={warning.code} tone="warning">
                        {warning.message}
                      </Notice>
                    ))}
                    <EffectiveParamsTable model={model} />
                    <AgentParamsLayerForm
                      agent={agent.data}
                      layer={{ kind: "agent.models", modelRef: model.modelRef }}
                      title={`This agent's params for ${model.modelRef}`}
                    />
                  </section>
                ))}
                <AgentParamsLayerForm
                  agent={agent.data}
                  layer={{ kind: "agent" }}
                  title="This agent's params for every model"
                />
              </div>
            </div>
          )
        ) : null}
        {tab === "model" ? (
          <section aria-labelledby="agent-host-changes" className="mt-8 space-y-2">
            <h2 id="agent-host-changes" className="text-base font-semibold">
              Changes on the host
            </h2>
            <HostJobTable
              scope={{ origin: { type: "agent", id: agentId } }}
              caption="Changes of this agent sent to its host"
              emptyMessage="No change of this agent has been sent to its host. Edits of an agent whose gateway has no connected host agent stay in the console (see Gateways)."
            />
          </section>
        ) : null}
        {tab === "profiles" ? <AgentProfilesPanel agentId={agentId} settings={settings.data} /> : null}
        {tab === "profiles" && settings.data ? (
          <AgentAuthOrderEditor agent={agent.data} settings={settings.data} />
        ) : null}
        {tab === "status" ? <AgentStatusPanel agentId={agentId} /> : null}
      </section>
    </article>
  );
}
