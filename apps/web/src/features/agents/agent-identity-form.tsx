"use client";

import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { agentEditSchema } from "@clawfleet/core/fleet/agent-edit.schema";
import type { AgentDetail } from "@clawfleet/core/fleet/agent";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { useSessionRole } from "~/features/session/use-session-role";
import { useTRPC } from "~/trpc/react";
import { SaveProblemNotice } from "./save-problem-notice";
import { useAgentSaveFeedback, useVersionedDraft } from "./use-agent-form";

export function AgentIdentityForm({ agent }: { agent: AgentDetail }) {
  const trpc = useTRPC();
  const { whyNot } = useSessionRole();
  const blocked = whyNot("operator");
  const draft = useVersionedDraft({ name: agent.name, tags: agent.tags.join(", ") }, agent.version);
  const { name, tags } = draft.value;
  const [clientError, setClientError] = useState<string | null>(null);

  const feedback = useAgentSaveFeedback(() => draft.reset());
  const mutation = useMutation(trpc.agents.update.mutationOptions(feedback.callbacks));

  function submit(event: FormEvent, version = draft.baseVersion) {
    event.preventDefault();
    const edit = {
      name,
      tags: tags
        .split(",")
        .map((tag) => tag.trim())
        .filter(Boolean),
    };
    const parsed = agentEditSchema.safeParse(edit);
    if (!parsed.success) {
      setClientError(parsed.error.issues.map((issue) => issue.message).join(" "));
      return;
    }
    setClientError(null);
    mutation.mutate({ agentId: agent.id, expectedVersion: version, edit: parsed.data });
  }

  return (
    <form onSubmit={submit} className="max-w-xl space-y-3" aria-labelledby="identity-heading">
      <h2 id="identity-heading" className="text-base font-semibold">
        Identity
      </h2>
      <label className="block">
        <span className="font-medium">Name</span>
        <input
          value={name}
          onChange={(event) => draft.set({ name: event.target.value, tags })}
          disabled={blocked !== null}
          className="mt-1 w-full rounded-md border border-zinc-300 bg-transparent px-3 py-1.5 disabled:opacity-70 dark:border-zinc-700"
        />
      </label>
      <label className="block">
        <span className="font-medium">Tags</span>
        <input
          value={tags}
          onChange={(event) => draft.set({ name, tags: event.target.value })}
          disabled={blocked !== null}
          aria-describedby="tags-hint"
          className="mt-1 w-full rounded-md border border-zinc-300 bg-transparent px-3 py-1.5 disabled:opacity-70 dark:border-zinc-700"
        />
        <span id="tags-hint" className="text-xs text-zinc-500 dark:text-zinc-400">
          Comma separated; lower-case letters, digits, ., _ or -.
        </span>
      </label>
      {clientError ? <Notice tone="error">{clientError}</Notice> : null}
      <SaveProblemNotice
        problem={feedback.problem.problem}
        theirs={`name “${agent.name}”, tags ${agent.tags.join(", ") || "none"} (version ${agent.version})`}
        onReapply={(event) => submit(event, agent.version)}
      />
      {feedback.saved ? <Notice tone="success">Saved.</Notice> : null}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={blocked !== null || mutation.isPending} title={blocked ?? undefined}>
          {mutation.isPending ? "Saving…" : "Save identity"}
        </Button>
        {blocked ? <span className="text-zinc-500 dark:text-zinc-400">{blocked}</span> : null}
      </div>
    </form>
  );
}
