"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";

/** The tRPC error shape the client sees; only the fields this hook reads. */
type ClientError = {
  message: string;
  data?: { code?: string; fieldErrors?: { path: string; message: string }[] } | null;
};

export type SaveProblem =
  | { kind: "conflict"; message: string }
  | { kind: "invalid"; message: string; fieldErrors: { path: string; message: string }[] }
  | { kind: "failed"; message: string };

/**
 * Turns a failed save into what the form should show: a CONFLICT (someone else saved first: show their
 * version and offer to reapply), field errors from the server's validation, or a plain failure.
 */
export function useSaveProblem() {
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  function report(error: ClientError) {
    const code = error.data?.code;
    if (code === "CONFLICT") setProblem({ kind: "conflict", message: error.message });
    else if (code === "BAD_REQUEST")
      setProblem({ kind: "invalid", message: error.message, fieldErrors: error.data?.fieldErrors ?? [] });
    else setProblem({ kind: "failed", message: error.message });
  }
  return { problem, report, clear: () => setProblem(null) };
}

/**
 * A form draft tied to the version it was started from. Until the user edits, the form shows the
 * server's values at their latest version (so saves from other forms on the page never look like
 * conflicts); once edited, it keeps the draft, the version it was based on and the server's values at
 * that version (`base`), so a save that someone else overtook answers CONFLICT instead of overwriting them,
 * and "what did the user change" is judged against what they started from, not against a newer version.
 */
export function useVersionedDraft<T>(serverValue: T, serverVersion: number) {
  const [draft, setDraft] = useState<{ value: T; base: T; baseVersion: number } | null>(null);
  return {
    value: draft?.value ?? serverValue,
    base: draft?.base ?? serverValue,
    baseVersion: draft?.baseVersion ?? serverVersion,
    dirty: draft !== null,
    set: (value: T) => {
      setDraft((current) => ({
        value,
        base: current?.base ?? serverValue,
        baseVersion: current?.baseVersion ?? serverVersion,
      }));
    },
    /** Carries the draft over to a newer version, as `value` (the user's changes on top of `base`). */
    rebase: (value: T, base: T, baseVersion: number) => {
      setDraft({ value, base, baseVersion });
    },
    reset: () => {
      setDraft(null);
    },
  };
}

/**
 * What every agent form does around a save: clear the last outcome, show "saved" or the problem, and
 * refresh every agent query (the agent, its model settings, the list) either way, so a CONFLICT shows
 * the other person's version.
 */
export function useAgentSaveFeedback(onSaved: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const problem = useSaveProblem();
  const [saved, setSaved] = useState(false);
  // why: a saved edit may have queued a host job, which the "Changes on the host" table shows at once.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.hostAgents.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.impact.pathKey() }),
    ]);
  return {
    problem,
    saved: saved && !problem.problem,
    callbacks: {
      onMutate: () => setSaved(false),
      onSuccess: async () => {
        problem.clear();
        setSaved(true);
        onSaved();
        await refresh();
      },
      onError: async (error: ClientError) => {
        problem.report(error);
        await refresh();
      },
    },
  };
}
