"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { clearWindowAction } from "@clawfleet/core/auth-usage/clear-window-action";
import type { AuthProfileSummary } from "@clawfleet/core/fleet/auth-profile";
import { Button } from "~/components/ui/button";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { useSessionRole } from "~/features/session/use-session-role";
import { useTRPC } from "~/trpc/react";

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** "Alpha, Beta and 11 more agents": who a profile reaches, by name. */
function reachWords(reach: { agentCount: number; sample: { name: string }[] }): string {
  if (reach.agentCount === 0) return "no agent";
  const names = reach.sample.map((agent) => agent.name);
  const more = reach.agentCount - names.length;
  return more > 0 ? `${names.join(", ")} and ${plural(more, "more agent")}` : names.join(", ");
}

function useInvalidateProfiles() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.authProfiles.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.credentials.pathKey() });
  };
}

/**
 * Lifts a profile's cooldown or disable window, named for the window it lifts (core `clearWindowAction`). On a
 * shared profile that reaches several agents it first says which ones; an agent's own profile clears at once.
 */
export function ClearWindowButton({ profile, now }: { profile: AuthProfileSummary; now: number }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateProfiles();
  const blocked = useSessionRole().whyNot("operator");
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const action = clearWindowAction(profile, now, (instant) => new Date(instant).toLocaleString());
  const shared = profile.owner.kind === "shared";
  const reach = useQuery({
    ...trpc.authProfiles.reach.queryOptions({ authProfileId: profile.id }),
    enabled: shared && confirming,
  });
  const clear = useMutation(
    trpc.authProfiles.clearCooldown.mutationOptions({
      onSuccess: async () => {
        setError(null);
        setConfirming(false);
        toast.success(
          action?.kind === "re-enable"
            ? `${profile.profileId} re-enabled.`
            : `${profile.profileId}'s cooldown cleared.`,
        );
        await invalidate();
      },
      onError: (failure) => setError(failure.message),
    }),
  );
  if (!action) return null;
  const run = () => clear.mutate({ authProfileId: profile.id, expectedVersion: profile.version });
  const verb = action.kind === "re-enable" ? "Re-enable" : "Clear the cooldown of";
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button
        type="button"
        variant="secondary"
        disabled={blocked !== null || clear.isPending}
        title={blocked ?? undefined}
        onClick={() => {
          setError(null);
          if (shared) setConfirming(true);
          else run();
        }}
      >
        {clear.isPending ? "Clearing…" : action.label}
      </Button>
      {error && !confirming ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </span>
      ) : null}
      <ConfirmDialog
        open={confirming}
        tone="warning"
        title={`${verb} ${profile.profileId}?`}
        confirmLabel={action.kind === "re-enable" ? "Re-enable" : "Clear cooldown"}
        busy={clear.isPending}
        error={error}
        onCancel={() => setConfirming(false)}
        onConfirm={run}
      >
        <p>
          {action.kind === "re-enable"
            ? `OpenClaw disabled this shared profile${action.reason ? ` for ${action.reason}` : ""}; re-enabling it lets every agent that reaches it try it again at once.`
            : `This shared profile is cooling down${action.reason ? ` after ${action.reason}` : ""}; clearing it lets every agent that reaches it try it again at once.`}
        </p>
        <p>
          {reach.data
            ? `It reaches ${plural(reach.data.agentCount, "agent")}: ${reachWords(reach.data)}.`
            : "Counting the agents it reaches…"}
        </p>
      </ConfirmDialog>
    </span>
  );
}

/** Removes a profile and its secrets, here and on the host, after saying which agents lose it. */
export function RemoveProfileButton({ profile }: { profile: AuthProfileSummary }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateProfiles();
  const blocked = useSessionRole().whyNot("admin");
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reach = useQuery({
    ...trpc.authProfiles.reach.queryOptions({ authProfileId: profile.id }),
    enabled: open,
  });
  const remove = useMutation(
    trpc.authProfiles.remove.mutationOptions({
      onSuccess: async () => {
        setOpen(false);
        toast.success(`Profile ${profile.profileId} removed with its secret.`);
        await invalidate();
      },
      onError: (failure) => setError(failure.message),
    }),
  );
  const store = profile.owner.kind === "shared" ? "the gateway's shared store" : "this agent's own store";
  return (
    <>
      <Button
        type="button"
        variant="secondary"
        disabled={blocked !== null}
        title={blocked ?? `Remove ${profile.profileId}`}
        aria-label={`Remove ${profile.profileId}`}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        Remove
      </Button>
      <ConfirmDialog
        open={open}
        title={`Remove ${profile.profileId}?`}
        confirmLabel="Remove profile"
        busy={remove.isPending}
        error={
          error ?? (reach.error ? `Could not count the agents it reaches: ${reach.error.message}` : null)
        }
        onCancel={() => setOpen(false)}
        onConfirm={() => remove.mutate({ authProfileId: profile.id, expectedVersion: profile.version })}
      >
        <p>
          Removes the profile and its {profile.type === "oauth" ? "sign-in" : "secret"} from {store} (and from
          the host&apos;s store when one is connected). This cannot be undone.
        </p>
        <p>
          {reach.data
            ? reach.data.agentCount === 0
              ? "No agent reaches it now."
              : `${plural(reach.data.agentCount, "agent")} ${reach.data.agentCount === 1 ? "loses it and falls back to its next profile" : "lose it and fall back to their next profile"}: ${reachWords(reach.data)}.`
            : "Counting the agents it reaches…"}
        </p>
      </ConfirmDialog>
    </>
  );
}
