"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import {
  REAUTH_METHODS,
  REAUTH_METHOD_LABELS,
  type ReauthMethod,
} from "@clawfleet/core/reauth/reauth-request";
import type { ReauthTarget } from "@clawfleet/core/reauth/reauth.schema";
import type { AuthProfileSummary } from "@clawfleet/core/fleet/auth-profile";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { useSessionRole } from "~/features/session/use-session-role";
import { useTRPC } from "~/trpc/react";
import { IssuedLink } from "./issued-link";

const inputClass =
  "mt-1 rounded-md border border-zinc-300 bg-transparent px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-950";

/** The secret that identifies a profile's credential (as on the Credentials page): key, token or refresh. */
const IDENTIFYING_FIELD = { api_key: "key", token: "token", oauth: "refresh" } as const;

export function identifyingFingerprint(profile: AuthProfileSummary): string | undefined {
  return profile.secrets.find((secret) => secret.field === IDENTIFYING_FIELD[profile.type])?.fingerprint;
}

function plural(count: number, noun: string) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** What a target covers, in one line, from its preview. */
function useCoverage(target: ReauthTarget | null) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.reauth.preview.queryOptions({ target: target ?? { authProfileIds: [] } }),
    enabled: target !== null,
    retry: false,
  });
}

/**
 * The request form: what is covered (and, for one profile whose credential other profiles share, the
 * choice to cover them all), the method, an optional assignee and deadline. Shows the link once created.
 */
function ReauthRequestForm({
  target,
  sharedCredential,
  onDone,
}: {
  target: ReauthTarget;
  /** The fingerprint of the profile's credential, when the target is one profile. */
  sharedCredential?: string;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const single = useCoverage(target);
  const wide = useCoverage(sharedCredential ? { fingerprint: sharedCredential } : null);
  const widerAvailable = (wide.data?.profiles.length ?? 0) > (single.data?.profiles.length ?? 0);
  const [scope, setScope] = useState<"wide" | "single" | null>(null);
  const chosenScope = scope ?? (widerAvailable ? "wide" : "single");
  const preview = chosenScope === "wide" && widerAvailable ? wide : single;
  const chosenTarget: ReauthTarget =
    chosenScope === "wide" && widerAvailable && sharedCredential ? { fingerprint: sharedCredential } : target;
  const members = useQuery(trpc.members.list.queryOptions());
  const [method, setMethod] = useState<ReauthMethod | null>(null);
  const chosenMethod = method ?? preview.data?.suggestedMethod ?? "setup_token";
  const request = useMutation(
    trpc.reauth.request.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.reauth.pathKey() });
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = event.currentTarget.elements;
    const field = (name: string) => (fields.namedItem(name) as HTMLInputElement | null)?.value ?? "";
    const assigneeId = field("assignee");
    const deadline = field("deadline");
    request.mutate({
      target: chosenTarget,
      method: chosenMethod,
      assigneeId: assigneeId || undefined,
      deadline: deadline ? new Date(deadline) : undefined,
    });
  }

  if (request.data)
    return (
      <div className="space-y-2">
        <IssuedLink path={request.data.link.path} expiresAt={request.data.link.expiresAt} />
        <p className="text-sm">
          Covers {plural(request.data.profileCount, "profile")} and {plural(request.data.agentCount, "agent")}
          .{" "}
          <Link className="text-sky-700 underline dark:text-sky-400" href="/reauth">
            Track it on the Re-auth page
          </Link>
          .
        </p>
        <Button type="button" variant="secondary" onClick={onDone}>
          Close
        </Button>
      </div>
    );
  if (preview.error)
    return <Notice tone="error">Could not prepare the request: {preview.error.message}</Notice>;
  if (!preview.data) return <p aria-busy="true">Finding the profiles and agents this covers…</p>;
  const data = preview.data;
  const refusal = data.methodRefusals[chosenMethod];

  return (
    <form
      onSubmit={submit}
      aria-label="New re-auth request"
      className="space-y-3 rounded-md border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-950"
    >
      {widerAvailable && wide.data ? (
        <fieldset className="space-y-1">
          <legend className="font-medium">Scope</legend>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="scope"
              checked={chosenScope === "wide"}
              onChange={() => setScope("wide")}
            />
            Everywhere this credential is stored: {plural(wide.data.profiles.length, "profile")},{" "}
            {plural(wide.data.agentCount, "agent")}
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="scope"
              checked={chosenScope === "single"}
              onChange={() => setScope("single")}
            />
            Only this profile: {plural(single.data?.agentCount ?? 0, "agent")}
          </label>
        </fieldset>
      ) : null}
      <div>
        <p className="font-medium" data-testid="reauth-coverage">
          Covers {plural(data.profiles.length, "profile")} and {plural(data.agentCount, "agent")}
        </p>
        <ul className="mt-1 list-disc pl-5 text-zinc-600 dark:text-zinc-300">
          {data.profiles.slice(0, 5).map((profile) => (
            <li key={profile.authProfileId}>
              <span className="font-mono text-xs">{profile.profileId}</span> on {profile.gatewayName} ·{" "}
              {profile.owner.kind === "agent" ? `${profile.owner.agentName}'s own store` : "shared store"}
            </li>
          ))}
          {data.profiles.length > 5 ? <li>and {data.profiles.length - 5} more</li> : null}
        </ul>
        <p className="mt-1 text-zinc-600 dark:text-zinc-300">
          Agents:{" "}
          {data.agents
            .slice(0, 8)
            .map((agent) => agent.name)
            .join(", ")}
          {data.agentCount > 8 ? ` and ${data.agentCount - 8} more` : ""}
        </p>
      </div>
      {data.openRequest ? (
        <Notice tone="warning">
          {data.openRequest.profileLabel} already has an open request.{" "}
          <Link className="underline" href="/reauth">
            Finish or cancel it first
          </Link>
          .
        </Notice>
      ) : null}
      <fieldset className="space-y-1">
        <legend className="font-medium">Method</legend>
        {REAUTH_METHODS.map((candidate) => (
          <label key={candidate} className="flex items-start gap-2">
            <input
              type="radio"
              name="method"
              value={candidate}
              checked={chosenMethod === candidate}
              onChange={() => setMethod(candidate)}
              className="mt-1"
            />
            <span>
              {REAUTH_METHOD_LABELS[candidate]}
              {data.methodRefusals[candidate] ? (
                <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                  Not for this selection: {data.methodRefusals[candidate]}
                </span>
              ) : null}
            </span>
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap gap-4">
        <label className="flex flex-col">
          <span className="font-medium">Assignee (optional)</span>
          <select name="assignee" className={inputClass} defaultValue="">
            <option value="">Anyone in the team with the link</option>
            {members.data?.map((member) => (
              <option key={member.userId} value={member.userId}>
                {member.name} ({member.email})
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="font-medium">Deadline (optional)</span>
          <input name="deadline" type="datetime-local" className={inputClass} />
        </label>
      </div>
      {request.error ? <Notice tone="error">{request.error.message}</Notice> : null}
      {refusal ? <p className="text-xs text-red-700 dark:text-red-300">{refusal}</p> : null}
      <div className="flex gap-2">
        <Button
          type="submit"
          disabled={request.isPending || refusal !== null || data.openRequest !== null}
          title={
            refusal ?? (data.openRequest ? "This credential already has an open re-auth request." : undefined)
          }
        >
          {request.isPending ? "Creating…" : "Create re-auth request"}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** "Re-auth" for operators (disabled with the reason for viewers); opens the request form in place. */
export function ReauthTrigger({
  target,
  sharedCredential,
  label = "Re-auth",
}: {
  target: ReauthTarget;
  sharedCredential?: string;
  label?: string;
}) {
  const blocked = useSessionRole().whyNot("operator");
  const [open, setOpen] = useState(false);
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant="secondary"
        disabled={blocked !== null}
        title={blocked ?? "Ask someone to paste a fresh credential through a one-time link"}
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
      >
        {label}
      </Button>
      {blocked ? <span className="sr-only">{blocked}</span> : null}
      {open ? (
        <ReauthRequestForm
          target={target}
          sharedCredential={sharedCredential}
          onDone={() => setOpen(false)}
        />
      ) : null}
    </div>
  );
}
