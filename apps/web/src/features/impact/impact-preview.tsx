"use client";

import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { type ReactNode, useEffect, useState } from "react";
import type { FleetAgentVerdict } from "@clawfleet/core/fleet/fleet-status";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import type { AppRouter } from "~/server/api/root";

type ChangeImpactDto = inferRouterOutputs<AppRouter>["impact"]["agentModel"];

const VERDICT_LOOK: Record<FleetAgentVerdict, { words: string; tone: string }> = {
  ok: { words: "OK", tone: "text-emerald-700 dark:text-emerald-400" },
  expiring: { words: "Expiring", tone: "text-amber-700 dark:text-amber-400" },
  failing: { words: "Failing", tone: "text-red-700 dark:text-red-400" },
  refused: { words: "Refused", tone: "text-red-700 dark:text-red-400" },
};

/** `value` once it has stopped changing for `delayMs` (compared as JSON, so a new object with equal content is no change). */
export function useDebouncedValue<T>(value: T, delayMs = 400): T {
  const key = JSON.stringify(value);
  const [settled, setSettled] = useState({ key, value });
  useEffect(() => {
    if (key === settled.key) return;
    const timer = setTimeout(() => setSettled({ key, value }), delayMs);
    return () => clearTimeout(timer);
  }, [key, value, settled.key, delayMs]);
  return settled.value;
}

function Verdict({ verdict }: { verdict: FleetAgentVerdict }) {
  const look = VERDICT_LOOK[verdict];
  return <span className={`font-medium ${look.tone}`}>{look.words}</span>;
}

const agentsWord = (count: number) => (count === 1 ? "1 agent" : `${count} agents`);

/** "turns 3 agents Failing" and the rest of the verdict moves, for headings and confirmations. */
export function impactHeadline(impact: ChangeImpactDto): string {
  if (impact.agents.length === 0)
    return `No agent's status changes (${agentsWord(impact.checkedAgents)} checked).`;
  const parts = [`Changes the status of ${agentsWord(impact.agents.length)}`];
  if (impact.turnsFailing > 0) parts.push(`turns ${agentsWord(impact.turnsFailing)} Failing`);
  if (impact.turnsHealthy > 0) parts.push(`fixes ${agentsWord(impact.turnsHealthy)}`);
  return `${parts.join(", ")}.`;
}

/**
 * What a change would do before it is saved, computed by core on the proposed state: each agent whose `models
 * status` or `--check` verdict would change, with its verdict before and after and the differences in words.
 * `idle` explains why there is nothing to show yet (no change, or the form is invalid).
 */
export function ImpactPreview({
  impact,
  pending,
  error,
  idle,
}: {
  impact: ChangeImpactDto | undefined;
  pending: boolean;
  error: { message: string } | null;
  idle?: ReactNode;
}) {
  let body: ReactNode;
  if (idle) body = <p className="text-zinc-500 dark:text-zinc-400">{idle}</p>;
  else if (error)
    body = <p className="text-red-700 dark:text-red-400">Could not compute the impact: {error.message}</p>;
  else if (!impact) body = <p className="text-zinc-500 dark:text-zinc-400">Computing the impact…</p>;
  else
    body = (
      <>
        <p className={impact.turnsFailing > 0 ? "font-medium text-red-700 dark:text-red-400" : undefined}>
          {impactHeadline(impact)}
        </p>
        {impact.agents.length > 0 ? (
          <ul className="mt-2 space-y-2">
            {impact.agents.map((agent) => (
              <li key={agent.agentId} data-testid={`impact-${agent.agentKey}`}>
                <Link
                  href={`/agents/${agent.agentId}`}
                  className="font-medium text-sky-700 underline dark:text-sky-400"
                >
                  {agent.agentName}
                </Link>{" "}
                <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{agent.agentKey}</span>:{" "}
                <Verdict verdict={agent.before.verdict} /> → <Verdict verdict={agent.after.verdict} />
                <ul className="ml-5 list-disc text-zinc-600 dark:text-zinc-300">
                  {agent.differences.map((difference) => (
                    <li key={difference} className="break-words">
                      {difference}
                    </li>
                  ))}
                  {agent.otherStatusChanges ? <li>other parts of its models status change</li> : null}
                </ul>
              </li>
            ))}
          </ul>
        ) : null}
      </>
    );
  return (
    <section
      aria-label="Impact preview"
      aria-live="polite"
      aria-busy={pending}
      className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
    >
      <h3 className="mb-1 font-medium">
        Impact preview{" "}
        {pending && !idle ? <span className="font-normal text-zinc-500">(updating…)</span> : null}
      </h3>
      {body}
    </section>
  );
}

/**
 * Saving a change that turns agents Failing asks first: `guard(fetchImpact, save)` computes the impact of exactly
 * what is being saved, saves at once when no agent turns Failing, and otherwise shows `panel` stating the impact.
 */
export function useImpactGuard() {
  const [pending, setPending] = useState<{ impact: ChangeImpactDto; save: () => void } | null>(null);
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function guard(fetchImpact: () => Promise<ChangeImpactDto>, save: () => void) {
    setProblem(null);
    setChecking(true);
    try {
      const impact = await fetchImpact();
      if (impact.turnsFailing > 0) setPending({ impact, save });
      else save();
    } catch (error) {
      setProblem(`Could not compute the impact of this change: ${(error as Error).message}`);
    } finally {
      setChecking(false);
    }
  }

  const panel = pending ? (
    <ConfirmDialog
      open
      tone="danger"
      title="This change turns agents Failing"
      confirmLabel={`Save and turn ${agentsWord(pending.impact.turnsFailing)} Failing`}
      onConfirm={() => {
        pending.save();
        setPending(null);
      }}
      onCancel={() => setPending(null)}
    >
      Saving this turns {agentsWord(pending.impact.turnsFailing)} Failing (
      {pending.impact.agents
        .filter((agent) => agent.after.verdict === "failing" || agent.after.verdict === "refused")
        .filter((agent) => agent.before.verdict !== "failing" && agent.before.verdict !== "refused")
        .map((agent) => agent.agentName)
        .join(", ")}
      ).
    </ConfirmDialog>
  ) : problem ? (
    <p role="alert" className="text-red-700 dark:text-red-400">
      {problem}
    </p>
  ) : null;

  return { guard, checking, panel, cancel: () => setPending(null) };
}
