"use client";

import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { AuthOrderSource, ResolvedAuthOrder } from "@clawfleet/core/auth-order/resolve-auth-order";
import { storedOrderDraftOf } from "@clawfleet/core/auth-order/stored-order-edit";
import type { AgentDetail } from "@clawfleet/core/fleet/agent";
import type { AgentModelSettings } from "@clawfleet/core/fleet/agent-model-settings";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { ImpactPreview, useDebouncedValue, useImpactGuard } from "~/features/impact/impact-preview";
import { useSessionRole } from "~/features/session/use-session-role";
import { useTRPC } from "~/trpc/react";
import { SaveProblemNotice } from "./save-problem-notice";
import { useAgentSaveFeedback, useVersionedDraft } from "./use-agent-form";

const SOURCE_WORDS: Record<AuthOrderSource, string> = {
  "stored-order": "this agent's stored order",
  "config-order": "the gateway's auth.order",
  "config-profiles": "round robin over the gateway's auth.profiles",
  store: "round robin over the store's profiles",
};

const moveId = (provider: string, profileId: string, direction: "up" | "down") =>
  `auth-order-${provider}-${profileId}-${direction}`.replace(/[^\w-]/gu, "_");

/** One provider's order: what OpenClaw resolves now, and a draft the operator reorders and saves. */
function ProviderOrderEditor({
  agent,
  order,
  available,
}: {
  agent: AgentDetail;
  order: ResolvedAuthOrder;
  available: string[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const blocked = useSessionRole().whyNot("operator");
  const form = useVersionedDraft(storedOrderDraftOf(order, available), agent.version);
  const feedback = useAgentSaveFeedback(() => form.reset());
  const mutation = useMutation(trpc.agents.setAuthOrder.mutationOptions(feedback.callbacks));
  const impactGuard = useImpactGuard();
  const [focusAfterMove, setFocusAfterMove] = useState<string | null>(null);
  const { provider } = order;
  const draft = form.value;

  useEffect(() => {
    if (focusAfterMove === null) return;
    document.getElementById(focusAfterMove)?.focus();
    setFocusAfterMove(null);
  }, [focusAfterMove]);

  const previewInput = useDebouncedValue(
    form.dirty && blocked === null ? { agentId: agent.id, provider, profileIds: draft } : null,
  );
  const impact = useQuery(trpc.impact.agentAuthOrder.queryOptions(previewInput ?? skipToken));

  function move(index: number, offset: -1 | 1) {
    const next = [...draft];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    const target = index + offset;
    next.splice(target, 0, item);
    form.set(next);
    // why: keep the keyboard on the moved profile; at either end its button in that direction is disabled.
    const atEdge = target === 0 || target === next.length - 1;
    const direction = offset === -1 ? (atEdge ? "down" : "up") : atEdge ? "up" : "down";
    setFocusAfterMove(moveId(provider, item, direction));
  }

  function save(profileIds: string[] | null, version = form.baseVersion) {
    void impactGuard.guard(
      () =>
        queryClient.fetchQuery({
          ...trpc.impact.agentAuthOrder.queryOptions({ agentId: agent.id, provider, profileIds }),
          // why: judge what is saved against the fleet as it is now, not a preview up to 15 s old.
          staleTime: 0,
        }),
      () => mutation.mutate({ agentId: agent.id, expectedVersion: version, provider, profileIds }),
    );
  }

  const used = order.profileIds[0] ?? null;
  const busy = mutation.isPending || impactGuard.checking;
  return (
    <section
      aria-labelledby={`auth-order-${provider}`}
      className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <h3 id={`auth-order-${provider}`} className="font-medium">
        <span className="font-mono">{provider}</span>
      </h3>
      <div>
        <p>
          OpenClaw&apos;s resolved order ({SOURCE_WORDS[order.source]}):{" "}
          {order.profileIds.length > 0 ? (
            <span className="font-mono" data-testid={`resolved-order-${provider}`}>
              {order.profileIds.join(" → ")}
            </span>
          ) : (
            "no eligible profile"
          )}
        </p>
        <p>
          Uses{" "}
          <span className="font-mono font-medium" data-testid={`used-profile-${provider}`}>
            {used ?? "no profile"}
          </span>
          {used === null ? "" : " first"}.
        </p>
        {order.excluded.length > 0 ? (
          <p className="text-zinc-500 dark:text-zinc-400">
            Left out:{" "}
            {order.excluded
              .map((entry) => `${entry.profileId} (${entry.reason.replaceAll("_", " ")})`)
              .join(", ")}
          </p>
        ) : null}
      </div>
      {available.length === 0 ? (
        <p className="text-zinc-500 dark:text-zinc-400">
          This agent can reach no {provider} profile to order.
        </p>
      ) : (
        <fieldset disabled={blocked !== null || busy}>
          <legend className="font-medium">Order to store for this agent</legend>
          <ol className="mt-1 space-y-1" aria-label={`Stored order for ${provider}`}>
            {draft.map((profileId, index) => (
              <li key={profileId} className="flex items-center gap-2">
                <span className="w-5 text-right text-zinc-500">{index + 1}.</span>
                <span className="min-w-0 flex-1 truncate font-mono text-xs">{profileId}</span>
                <Button
                  id={moveId(provider, profileId, "up")}
                  type="button"
                  variant="secondary"
                  aria-label={`Move ${profileId} up`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </Button>
                <Button
                  id={moveId(provider, profileId, "down")}
                  type="button"
                  variant="secondary"
                  aria-label={`Move ${profileId} down`}
                  disabled={index === draft.length - 1}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </Button>
              </li>
            ))}
          </ol>
        </fieldset>
      )}
      {form.dirty && blocked === null ? (
        <ImpactPreview impact={impact.data} pending={impact.isFetching} error={impact.error} />
      ) : null}
      {impactGuard.panel}
      <SaveProblemNotice
        problem={feedback.problem.problem}
        theirs={`${order.profileIds.join(" → ")} (version ${agent.version})`}
        onReapply={() => save(draft, agent.version)}
      />
      {feedback.saved ? <Notice tone="success">Auth order for {provider} saved.</Notice> : null}
      {available.length > 0 ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button
            type="button"
            disabled={blocked !== null || busy || !form.dirty}
            title={blocked ?? undefined}
            onClick={() => save(draft)}
          >
            {mutation.isPending
              ? "Saving…"
              : impactGuard.checking
                ? "Checking impact…"
                : `Save ${provider} order`}
          </Button>
          {form.dirty ? (
            <Button type="button" variant="secondary" disabled={busy} onClick={() => form.reset()}>
              Discard
            </Button>
          ) : null}
          {order.source === "stored-order" ? (
            <Button
              type="button"
              variant="secondary"
              disabled={blocked !== null || busy}
              onClick={() => save(null)}
            >
              Clear stored order
            </Button>
          ) : null}
          {blocked ? <span className="text-zinc-500 dark:text-zinc-400">{blocked}</span> : null}
        </div>
      ) : null}
    </section>
  );
}

/**
 * The agent's auth order per provider in use (facts §2.4): OpenClaw's resolved order and the profile it uses
 * first, and a stored order the operator reorders with up/down buttons, with the impact previewed before saving.
 */
export function AgentAuthOrderEditor({
  agent,
  settings,
}: {
  agent: AgentDetail;
  settings: AgentModelSettings;
}) {
  const trpc = useTRPC();
  const profiles = useQuery(trpc.authProfiles.forAgent.queryOptions({ agentId: agent.id }));
  return (
    <section aria-labelledby="auth-order-heading" className="mt-8 space-y-3">
      <div>
        <h2 id="auth-order-heading" className="text-base font-semibold">
          Auth order
        </h2>
        <p className="text-zinc-500 dark:text-zinc-400">
          The order in which this agent tries each provider&apos;s profiles. A stored order keeps its
          sequence; profiles in cooldown or disabled still move last.
        </p>
      </div>
      {profiles.error ? <Notice tone="error">{profiles.error.message}</Notice> : null}
      {settings.authOrders.length === 0 ? (
        <p className="text-zinc-500 dark:text-zinc-400">No provider in use by this agent.</p>
      ) : !profiles.data ? (
        <p aria-busy="true">Loading profiles…</p>
      ) : (
        settings.authOrders.map((order) => (
          <ProviderOrderEditor
            key={order.provider}
            agent={agent}
            order={order}
            available={[
              ...new Set(
                profiles.data
                  .filter((profile) => profile.provider === order.provider)
                  .map((profile) => profile.profileId),
              ),
            ]}
          />
        ))
      )}
    </section>
  );
}
