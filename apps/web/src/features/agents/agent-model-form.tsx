"use client";

import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type AgentModelChoice, agentModelChoiceSchema } from "@clawfleet/core/fleet/agent-model-edit.schema";
import type { AgentModelSettings } from "@clawfleet/core/fleet/agent-model-settings";
import type { AgentDetail } from "@clawfleet/core/fleet/agent";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { ImpactPreview, useDebouncedValue, useImpactGuard } from "~/features/impact/impact-preview";
import { useSessionRole } from "~/features/session/use-session-role";
import { useTRPC } from "~/trpc/react";
import { SaveProblemNotice } from "./save-problem-notice";
import { useAgentSaveFeedback, useVersionedDraft } from "./use-agent-form";

type Mode = AgentModelChoice["mode"];

const MODE_LABELS: Record<Mode, { title: string; explain: string }> = {
  inherit: {
    title: "Use the gateway default",
    explain: "No override: the gateway's primary model and fallbacks apply.",
  },
  strict: {
    title: "Strict primary",
    explain: "Only this model. If it fails, OpenClaw does not fall back to another model.",
  },
  fallbacks: {
    title: "Primary with fallbacks",
    explain: "This model first, then each fallback in order when it fails.",
  },
};

function choiceSummary(choice: AgentModelChoice): string {
  if (choice.mode === "inherit") return "gateway default";
  if (choice.mode === "strict") return `${choice.primary} (strict)`;
  return `${choice.primary} → ${choice.fallbacks.join(" → ")}`;
}

export function AgentModelForm({ agent, settings }: { agent: AgentDetail; settings: AgentModelSettings }) {
  const trpc = useTRPC();
  const blocked = useSessionRole().whyNot("operator");
  const initial = settings.choice;
  const form = useVersionedDraft(
    {
      mode: initial.mode,
      primary: initial.mode === "inherit" ? (settings.defaults.primary ?? "") : initial.primary,
      fallbacks: initial.mode === "fallbacks" ? initial.fallbacks : [...settings.defaults.fallbacks],
    },
    agent.version,
  );
  const { mode, primary, fallbacks } = form.value;
  const setMode = (next: Mode) => form.set({ ...form.value, mode: next });
  const setPrimary = (next: string) => form.set({ ...form.value, primary: next });
  const setFallbacks = (next: string[]) => form.set({ ...form.value, fallbacks: next });
  const [clientError, setClientError] = useState<string | null>(null);

  const feedback = useAgentSaveFeedback(() => form.reset());
  const mutation = useMutation(trpc.agents.updateModel.mutationOptions(feedback.callbacks));
  const queryClient = useQueryClient();
  const impactGuard = useImpactGuard();

  function draft(): unknown {
    if (mode === "inherit") return { mode };
    if (mode === "strict") return { mode, primary };
    return { mode, primary, fallbacks: fallbacks.map((ref) => ref.trim()).filter(Boolean) };
  }

  // why: the preview follows the draft once it is a valid choice, debounced so typing does not query per key.
  const parsedDraft = agentModelChoiceSchema.safeParse(draft());
  const previewInput = useDebouncedValue(
    form.dirty && blocked === null && parsedDraft.success
      ? { agentId: agent.id, choice: parsedDraft.data }
      : null,
  );
  const impact = useQuery(trpc.impact.agentModel.queryOptions(previewInput ?? skipToken));

  function submit(event: FormEvent, version = form.baseVersion) {
    event.preventDefault();
    const parsed = agentModelChoiceSchema.safeParse(draft());
    if (!parsed.success) {
      setClientError(parsed.error.issues.map((issue) => issue.message).join(" "));
      return;
    }
    setClientError(null);
    const choice = parsed.data;
    void impactGuard.guard(
      () =>
        queryClient.fetchQuery({
          ...trpc.impact.agentModel.queryOptions({ agentId: agent.id, choice }),
          staleTime: 0,
        }),
      () => mutation.mutate({ agentId: agent.id, expectedVersion: version, choice }),
    );
  }

  function moveFallback(index: number, offset: -1 | 1) {
    const next = [...fallbacks];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(index + offset, 0, item);
    setFallbacks(next);
  }

  const disabled = blocked !== null;
  const inputClass =
    "w-full rounded-md border border-zinc-300 bg-transparent px-3 py-1.5 font-mono text-xs disabled:opacity-70 dark:border-zinc-700";

  return (
    <form onSubmit={submit} className="max-w-2xl space-y-4" aria-labelledby="model-heading">
      <div>
        <h2 id="model-heading" className="text-base font-semibold">
          Model
        </h2>
        <p className="text-zinc-500 dark:text-zinc-400">
          Runs <span className="font-mono">{settings.effective.primary}</span> (from{" "}
          {settings.effective.primarySource === "agent" ? "this agent" : "the gateway defaults"})
          {settings.effective.fallbacks.length > 0 ? (
            <>
              , then <span className="font-mono">{settings.effective.fallbacks.join(" → ")}</span>
            </>
          ) : (
            ", with no fallback"
          )}
          .
        </p>
      </div>
      <datalist id="known-models">
        {settings.knownModels.map((ref) => (
          <option key={ref} value={ref} />
        ))}
      </datalist>
      <fieldset className="space-y-2" disabled={disabled}>
        <legend className="sr-only">How this agent picks its model</legend>
        {(Object.keys(MODE_LABELS) as Mode[]).map((option) => (
          <label key={option} className="flex items-start gap-2">
            <input
              type="radio"
              name="model-mode"
              value={option}
              checked={mode === option}
              onChange={() => setMode(option)}
              className="mt-1"
            />
            <span>
              <span className="font-medium">{MODE_LABELS[option].title}</span>
              <span className="block text-zinc-500 dark:text-zinc-400">{MODE_LABELS[option].explain}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {mode === "inherit" ? (
        <p className="text-zinc-600 dark:text-zinc-300">
          Gateway default:{" "}
          <span className="font-mono">{settings.defaults.primary ?? "OpenClaw's built-in default"}</span>
          {settings.defaults.fallbacks.length > 0 ? ` → ${settings.defaults.fallbacks.join(" → ")}` : ""}
        </p>
      ) : (
        <div className="space-y-3">
          <label className="block">
            <span className="font-medium">Primary model</span>
            <input
              list="known-models"
              value={primary}
              onChange={(event) => setPrimary(event.target.value)}
              disabled={disabled}
              className={`mt-1 ${inputClass}`}
            />
          </label>
          {mode === "fallbacks" ? (
            <fieldset disabled={disabled}>
              <legend className="font-medium">Fallbacks, in order</legend>
              <ol className="mt-1 space-y-1">
                {fallbacks.map((ref, index) => (
                  <li key={index} className="flex items-center gap-1">
                    <span className="w-5 text-right text-zinc-500">{index + 1}.</span>
                    <input
                      list="known-models"
                      aria-label={`Fallback ${index + 1}`}
                      value={ref}
                      onChange={(event) =>
                        setFallbacks(fallbacks.map((old, at) => (at === index ? event.target.value : old)))
                      }
                      className={inputClass}
                    />
                    <Button
                      type="button"
                      variant="secondary"
                      aria-label={`Move fallback ${index + 1} up`}
                      disabled={index === 0}
                      onClick={() => moveFallback(index, -1)}
                    >
                      ↑
                    </Button>
                    <Button
                      type="button"
                      variant="secondary"
                      aria-label={`Move fallback ${index + 1} down`}
                      disabled={index === fallbacks.length - 1}
                      onClick={() => moveFallback(index, 1)}
                    >
                      ↓
                    </Button>
                    <Button
                      type="button"
                      variant="secondary"
                      aria-label={`Remove fallback ${index + 1}`}
                      onClick={() => setFallbacks(fallbacks.filter((_, at) => at !== index))}
                    >
                      Remove
                    </Button>
                  </li>
                ))}
              </ol>
              <Button
                type="button"
                variant="secondary"
                className="mt-2"
                onClick={() => setFallbacks([...fallbacks, ""])}
              >
                Add fallback
              </Button>
            </fieldset>
          ) : null}
        </div>
      )}
      {clientError ? <Notice tone="error">{clientError}</Notice> : null}
      {blocked === null ? (
        <ImpactPreview
          impact={impact.data}
          pending={impact.isFetching}
          error={impact.error}
          idle={
            !form.dirty
              ? "Change the model to see which agents it affects before you save."
              : !parsedDraft.success
                ? "Finish the model choice to see its impact."
                : null
          }
        />
      ) : null}
      {impactGuard.panel}
      <SaveProblemNotice
        problem={feedback.problem.problem}
        theirs={choiceSummary(settings.choice)}
        onReapply={(event) => submit(event, agent.version)}
      />
      {feedback.saved ? <Notice tone="success">Model saved.</Notice> : null}
      <div className="flex items-center gap-3">
        <Button
          type="submit"
          disabled={disabled || mutation.isPending || impactGuard.checking}
          title={blocked ?? undefined}
        >
          {mutation.isPending ? "Saving…" : impactGuard.checking ? "Checking impact…" : "Save model"}
        </Button>
        {blocked ? <span className="text-zinc-500 dark:text-zinc-400">{blocked}</span> : null}
      </div>
    </form>
  );
}
