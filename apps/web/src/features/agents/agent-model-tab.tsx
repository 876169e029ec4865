"use client";

import type { AgentDetail } from "@clawfleet/core/fleet/agent";
import type { AgentModelSettings } from "@clawfleet/core/fleet/agent-model-settings";
import { Notice } from "~/components/ui/notice";
import { HostJobTable } from "~/features/gateways/host-job-table";
import { AgentModelForm } from "./agent-model-form";
import { AgentParamsLayerForm, EffectiveParamsTable, modelAuthWords } from "./agent-params-panel";

/**
 * The agent page's "Model & params" tab: the model form, each model's params by layer, and the changes sent to
 * the host. Its own module so the page loads it (and the form schemas it pulls in) only when the tab opens.
 */
export function AgentModelTab({
  agent,
  settings,
  settingsError,
}: {
  agent: AgentDetail;
  settings: AgentModelSettings | undefined;
  settingsError: string | null;
}) {
  return (
    <>
      {settingsError ? (
        <Notice tone="error">Could not resolve this agent&apos;s model settings: {settingsError}</Notice>
      ) : !settings ? (
        <p aria-busy="true">Resolving model settings…</p>
      ) : (
        <div className="space-y-8">
          <AgentModelForm agent={agent} settings={settings} />
          <div className="space-y-4">
            <h2 className="text-base font-semibold">Params</h2>
            <p className="text-zinc-500 dark:text-zinc-400">
              OpenClaw merges four layers, later winning: gateway defaults → gateway model entry → this
              agent&apos;s model entry → this agent.
            </p>
            {settings.models.map((model) => (
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
                  agent={agent}
                  layer={{ kind: "agent.models", modelRef: model.modelRef }}
                  title={`This agent's params for ${model.modelRef}`}
                />
              </section>
            ))}
            <AgentParamsLayerForm
              agent={agent}
              layer={{ kind: "agent" }}
              title="This agent's params for every model"
            />
          </div>
        </div>
      )}
      <section aria-labelledby="agent-host-changes" className="mt-8 space-y-2">
        <h2 id="agent-host-changes" className="text-base font-semibold">
          Changes on the host
        </h2>
        <HostJobTable
          scope={{ origin: { type: "agent", id: agent.id } }}
          caption="Changes of this agent sent to its host"
          emptyMessage="No change of this agent has been sent to its host. Edits of an agent whose gateway has no connected host agent stay in the console (see Gateways)."
        />
      </section>
    </>
  );
}
