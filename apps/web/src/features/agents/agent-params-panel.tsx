"use client";

import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type AgentParamsEdit, agentParamsEditSchema } from "@clawfleet/core/fleet/agent-model-edit.schema";
import type { AgentModelInUse } from "@clawfleet/core/fleet/agent-model-settings";
import type { AgentDetail } from "@clawfleet/core/fleet/agent";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { ImpactPreview, useDebouncedValue, useImpactGuard } from "~/features/impact/impact-preview";
import { useSessionRole } from "~/features/session/use-session-role";
import { useTRPC } from "~/trpc/react";
import { SaveProblemNotice } from "./save-problem-notice";
import { useAgentSaveFeedback, useVersionedDraft } from "./use-agent-form";
import { plainIssueMessage } from "~/lib/form-errors";

const SOURCE_LABELS: Record<string, string> = {
  defaults: "gateway defaults (agents.defaults.params)",
  "defaults.models": "gateway model entry (agents.defaults.models[ref].params)",
  "agent.models": "this agent's model entry (agents.entries.<id>.models[ref].params)",
  agent: "this agent (agents.entries.<id>.params)",
  "provider-default": "OpenClaw's default for direct Anthropic with an API key",
  "legacy-cacheControlTtl": "legacy cacheControlTtl",
};

function display(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** How a model is reached, e.g. "auth API key via anthropic:default" (subscription auth ignores cache settings). */
export function modelAuthWords({
  authKind,
  firstProfileId,
}: Pick<AgentModelInUse, "authKind" | "firstProfileId">) {
  const kind =
    authKind === "api-key"
      ? "API key"
      : authKind === "subscription"
        ? "subscription (token/OAuth)"
        : "none found";
  return `auth ${kind}${firstProfileId ? ` via ${firstProfileId}` : ""}`;
}

/** The effective params of one model, each with the layer it came from and what it shadows. */
export function EffectiveParamsTable({ model }: { model: Pick<AgentModelInUse, "modelRef" | "params"> }) {
  const rows = Object.entries(model.params.params).filter(([key]) => key !== "cacheRetention");
  const retention = model.params.cacheRetention;
  return (
    <table className="w-full text-left">
      <caption className="sr-only">Effective params of {model.modelRef}</caption>
      <thead className="text-xs uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
        <tr>
          <th scope="col" className="py-1 pr-3">
            Param
          </th>
          <th scope="col" className="py-1 pr-3">
            Effective value
          </th>
          <th scope="col" className="py-1">
            Comes from
          </th>
        </tr>
      </thead>
      <tbody>
        <tr className="border-t border-zinc-100 dark:border-zinc-800">
          <th scope="row" className="py-1 pr-3 font-mono text-xs font-normal">
            cacheRetention
          </th>
          <td
            className="py-1 pr-3 font-mono text-xs"
            data-testid={`effective-cacheRetention-${model.modelRef}`}
          >
            {retention ? retention.value : "not set"}
            {model.params.cacheSettingsIgnored ? " (ignored)" : ""}
          </td>
          <td className="py-1" data-testid={`source-cacheRetention-${model.modelRef}`}>
            {retention ? (SOURCE_LABELS[retention.source] ?? retention.source) : "no layer sets it"}
          </td>
        </tr>
        {rows.map(([key, param]) => (
          <tr key={key} className="border-t border-zinc-100 dark:border-zinc-800">
            <th scope="row" className="py-1 pr-3 font-mono text-xs font-normal">
              {key}
            </th>
            <td className="py-1 pr-3 font-mono text-xs">{display(param.value)}</td>
            <td className="py-1">
              {SOURCE_LABELS[param.source] ?? param.source}
              {param.shadowed.length > 0 ? (
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                  overrides{" "}
                  {param.shadowed
                    .map((hidden) => `${display(hidden.value)} from ${hidden.source}`)
                    .join(", ")}
                </span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type LayerDraft = { cacheRetention: string; temperature: string; maxTokens: string };

function draftOf(params: Record<string, unknown>): LayerDraft {
  return {
    cacheRetention: typeof params.cacheRetention === "string" ? params.cacheRetention : "",
    temperature: typeof params.temperature === "number" ? String(params.temperature) : "",
    maxTokens: typeof params.maxTokens === "number" ? String(params.maxTokens) : "",
  };
}

/** The layer's params with the three edited keys replaced; other keys of the layer are kept as they are. */
function paramsFromDraft(current: Record<string, unknown>, draft: LayerDraft): Record<string, unknown> {
  const { cacheRetention: _c, temperature: _t, maxTokens: _m, ...others } = current;
  return {
    ...others,
    ...(draft.cacheRetention ? { cacheRetention: draft.cacheRetention } : {}),
    ...(draft.temperature.trim() ? { temperature: Number(draft.temperature) } : {}),
    ...(draft.maxTokens.trim() ? { maxTokens: Number(draft.maxTokens) } : {}),
  };
}

/** Edits one agent-owned params layer: every model's, or one model's. */
export function AgentParamsLayerForm({
  agent,
  layer,
  title,
}: {
  agent: AgentDetail;
  layer: AgentParamsEdit["layer"];
  title: string;
}) {
  const trpc = useTRPC();
  const blocked = useSessionRole().whyNot("operator");
  const current =
    layer.kind === "agent"
      ? agent.params
      : (((agent.models[layer.modelRef] ?? {}) as { params?: Record<string, unknown> }).params ?? {});
  const form = useVersionedDraft<LayerDraft>(draftOf(current), agent.version);
  const draft = form.value;
  const setDraft = form.set;
  const [clientError, setClientError] = useState<string | null>(null);
  const feedback = useAgentSaveFeedback(() => form.reset());
  const mutation = useMutation(trpc.agents.updateParams.mutationOptions(feedback.callbacks));
  const queryClient = useQueryClient();
  const impactGuard = useImpactGuard();
  const parsedDraft = agentParamsEditSchema.safeParse({ layer, params: paramsFromDraft(current, draft) });
  const previewInput = useDebouncedValue(
    form.dirty && blocked === null && parsedDraft.success
      ? { agentId: agent.id, edit: parsedDraft.data }
      : null,
  );
  const impact = useQuery(trpc.impact.agentParams.queryOptions(previewInput ?? skipToken));

  function submit(event: FormEvent, version = form.baseVersion) {
    event.preventDefault();
    const parsed = parsedDraft;
    if (!parsed.success) {
      setClientError(
        parsed.error.issues
          .map((issue) => `${issue.path.slice(1).join(".")}: ${plainIssueMessage(issue.message)}`)
          .join(" "),
      );
      return;
    }
    setClientError(null);
    const edit = parsed.data;
    void impactGuard.guard(
      () =>
        queryClient.fetchQuery({
          ...trpc.impact.agentParams.queryOptions({ agentId: agent.id, edit }),
          staleTime: 0,
        }),
      () => mutation.mutate({ agentId: agent.id, expectedVersion: version, edit }),
    );
  }

  const id = layer.kind === "agent" ? "agent" : layer.modelRef;
  const inputClass =
    "mt-1 w-full rounded-md border border-zinc-300 bg-transparent px-2 py-1 disabled:opacity-70 dark:border-zinc-700";
  return (
    <form
      onSubmit={submit}
      className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
      aria-label={title}
    >
      <h4 className="font-medium">{title}</h4>
      <fieldset disabled={blocked !== null} className="grid grid-cols-3 gap-3">
        <label>
          <span className="text-xs font-medium">cacheRetention</span>
          <select
            value={draft.cacheRetention}
            onChange={(event) => setDraft({ ...draft, cacheRetention: event.target.value })}
            className={inputClass}
            aria-label={`cacheRetention for ${id}`}
          >
            <option value="">inherit</option>
            <option value="none">none</option>
            <option value="short">short (5 min)</option>
            <option value="long">long (1 h)</option>
          </select>
        </label>
        <label>
          <span className="text-xs font-medium">temperature</span>
          <input
            inputMode="decimal"
            value={draft.temperature}
            placeholder="inherit"
            onChange={(event) => setDraft({ ...draft, temperature: event.target.value })}
            className={inputClass}
            aria-label={`temperature for ${id}`}
          />
        </label>
        <label>
          <span className="text-xs font-medium">maxTokens</span>
          <input
            inputMode="numeric"
            value={draft.maxTokens}
            placeholder="inherit"
            onChange={(event) => setDraft({ ...draft, maxTokens: event.target.value })}
            className={inputClass}
            aria-label={`maxTokens for ${id}`}
          />
        </label>
      </fieldset>
      {clientError ? <Notice tone="error">{clientError}</Notice> : null}
      {form.dirty && blocked === null ? (
        <ImpactPreview
          impact={impact.data}
          pending={impact.isFetching}
          error={impact.error}
          idle={parsedDraft.success ? null : "Fix the params to see their impact."}
        />
      ) : null}
      {impactGuard.panel}
      <SaveProblemNotice
        problem={feedback.problem.problem}
        theirs={`params ${JSON.stringify(current)} (version ${agent.version})`}
        onReapply={(event) => submit(event, agent.version)}
      />
      {feedback.saved ? <Notice tone="success">Params saved.</Notice> : null}
      <div className="flex items-center gap-3">
        <Button
          type="submit"
          variant="secondary"
          disabled={blocked !== null || mutation.isPending || impactGuard.checking}
          title={blocked ?? undefined}
        >
          {mutation.isPending
            ? "Saving…"
            : `Save ${layer.kind === "agent" ? "agent params" : "model params"}`}
        </Button>
        {blocked ? <span className="text-xs text-zinc-500 dark:text-zinc-400">{blocked}</span> : null}
      </div>
    </form>
  );
}
