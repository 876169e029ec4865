"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { commandLine } from "@clawfleet/core/shell/command-line";
import { Button } from "~/components/ui/button";
import { toast } from "sonner";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { Notice } from "~/components/ui/notice";
import { formatCountdown, useNow } from "~/features/fleet/use-now";
import { CopyButton } from "~/features/status/copy-button";
import { useTRPC } from "~/trpc/react";
import { HostDriftSection } from "./host-drift-section";
import { HostJobTable } from "./host-job-table";

type Confirming = "revoke" | "rotate" | null;
type Shown =
  { kind: "enrolment"; token: string; expiresAt: Date } | { kind: "credential"; credential: string };

const STATE_LABELS = {
  connected: "Connected",
  disconnected: "Offline",
  never: "Not connected",
  revoked: "Not connected",
} as const;

/** A connected host polls at least every 25 s, so the panel refreshes often enough to show it come and go. */
const CONNECTION_REFRESH_MS = 5_000;

/**
 * A gateway's host agent: whether it is connected, what it runs, what waits for it, and (for admins) enrolment,
 * credential rotation and revocation. A gateway without an agent keeps working on import and ingest; the panel
 * says plainly that the console's changes then stay in the console.
 */
export function HostAgentPanel({ gatewayId, gatewayName }: { gatewayId: string; gatewayName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const now = useNow(5_000);
  const session = useQuery(trpc.session.current.queryOptions());
  const connection = useQuery({
    ...trpc.hostAgents.forGateway.queryOptions({ gatewayId }),
    refetchInterval: CONNECTION_REFRESH_MS,
  });
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [origin, setOrigin] = useState("https://console.example.com");
  useEffect(() => setOrigin(window.location.origin), []);

  const refresh = () => queryClient.invalidateQueries(trpc.hostAgents.pathFilter());
  const enrol = useMutation(
    trpc.hostAgents.createEnrolment.mutationOptions({
      onSuccess: (result) =>
        setShown({ kind: "enrolment", token: result.token, expiresAt: result.expiresAt }),
    }),
  );
  const rotate = useMutation(
    trpc.hostAgents.rotate.mutationOptions({
      onSuccess: async (result) => {
        setShown({ kind: "credential", credential: result.credential });
        setConfirming(null);
        await refresh();
      },
      onError: () => void refresh(),
    }),
  );
  const revoke = useMutation(
    trpc.hostAgents.revoke.mutationOptions({
      onSuccess: async () => {
        setConfirming(null);
        setShown(null);
        toast.success(`Host agent on ${gatewayName} revoked.`);
        await refresh();
      },
      onError: () => void refresh(),
    }),
  );

  const role = session.data?.role;
  const whyNotAdmin = !role
    ? "Loading your role…"
    : role === "admin"
      ? null
      : `Only admins connect, rotate or revoke host agents; you are ${role}.`;
  const data = connection.data;
  const agent = data?.hostAgent ?? null;
  const active = data !== undefined && (data.state === "connected" || data.state === "disconnected");
  const busy = enrol.isPending || rotate.isPending || revoke.isPending;
  const error = enrol.error ?? rotate.error ?? revoke.error;
  const headingId = `host-agent-${gatewayId}`;

  return (
    <section
      aria-labelledby={headingId}
      className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="font-semibold">
          Host agent
        </h3>
        {data ? (
          <span
            data-testid="host-agent-state"
            className={`rounded-full px-2 py-0.5 text-xs font-medium ${
              data.state === "connected"
                ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100"
                : "bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-100"
            }`}
          >
            {STATE_LABELS[data.state]}
          </span>
        ) : null}
      </div>

      {connection.error ? <Notice tone="error">{connection.error.message}</Notice> : null}
      {connection.isPending ? <p className="text-zinc-500">Loading the host agent…</p> : null}

      {data && !active ? (
        <Notice tone="warning">
          {data.state === "revoked" ? "The host agent was revoked. " : "No host agent is connected. "}
          Changes made here are not applied on the host: they stay in the console (import and status reports
          keep working). Connect a host agent to apply them on {gatewayName}.
        </Notice>
      ) : null}
      {data?.state === "disconnected" && agent ? (
        <Notice tone="warning">
          The agent on {agent.hostname} has not called for{" "}
          {agent.lastSeenAt ? formatCountdown(now - agent.lastSeenAt.getTime()) : "a while"}. Changes wait in
          the queue ({data.pendingJobs} pending) and apply when it reconnects.
        </Notice>
      ) : null}

      {agent && active ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
          <dt className="text-zinc-500 dark:text-zinc-400">Host</dt>
          <dd>{agent.hostname}</dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Agent</dt>
          <dd>
            clawfleet-agent {agent.agentVersion} · OpenClaw {agent.openclawVersion ?? "version unknown"}
          </dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Last seen</dt>
          <dd>
            {agent.lastSeenAt
              ? `${formatCountdown(Math.max(0, now - agent.lastSeenAt.getTime()))} ago`
              : "never"}
          </dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Credential</dt>
          <dd className="font-mono text-xs leading-5">cfa_…{agent.credentialHint}</dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Pending jobs</dt>
          <dd>{data?.pendingJobs ?? 0}</dd>
        </dl>
      ) : null}
      {data?.lastError ? (
        <Notice tone="error" role="status">
          Last failure ({data.lastError.kind}, {data.lastError.at.toLocaleString()}): {data.lastError.code}:{" "}
          {data.lastError.message}
        </Notice>
      ) : null}

      {shown?.kind === "enrolment" ? (
        <ShownOnce
          label="Enrolment command"
          value={commandLine([
            "npx",
            "clawfleet",
            "agent",
            "enrol",
            "--console",
            origin,
            "--token",
            shown.token,
          ])}
          onHide={() => setShown(null)}
        >
          Run this once on {gatewayName}&apos;s host, as the user that runs OpenClaw, then start{" "}
          <code>clawfleet agent run</code> (see the README for a service unit). The token works once and
          expires in {formatCountdown(shown.expiresAt.getTime() - now)}.
        </ShownOnce>
      ) : null}
      {shown?.kind === "credential" ? (
        <ShownOnce
          label="New agent credential"
          value={`${commandLine(["printf", "%s", shown.credential])} | clawfleet agent set-credential`}
          onHide={() => setShown(null)}
        >
          The old credential is refused from now on, and the running agent stops. Run this on the host, then
          start the agent again. Only the last 4 characters are kept.
        </ShownOnce>
      ) : null}

      <ConfirmDialog
        open={confirming !== null && agent !== null && agent !== undefined}
        title={
          confirming === "revoke"
            ? `Revoke the host agent on ${agent?.hostname ?? gatewayName}?`
            : `Rotate the credential of the agent on ${agent?.hostname ?? gatewayName}?`
        }
        busy={busy}
        error={error?.message}
        confirmLabel={confirming === "revoke" ? "Yes, revoke the agent" : "Yes, rotate"}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (!agent) return;
          const target = { hostAgentId: agent.id, expectedVersion: agent.version };
          if (confirming === "revoke") revoke.mutate(target);
          else rotate.mutate(target);
        }}
      >
        <p>
          {confirming === "revoke"
            ? `It is cut off at once and stops applying changes; ${data?.pendingJobs ?? 0} queued job(s) wait for the next agent enrolled on ${gatewayName}.`
            : `The current credential (…${agent?.credentialHint ?? "?"}) is refused at once; the agent stops until you install the new one on the host.`}
        </p>
      </ConfirmDialog>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          type="button"
          disabled={whyNotAdmin !== null || busy}
          title={whyNotAdmin ?? undefined}
          onClick={() => enrol.mutate({ gatewayId })}
        >
          {active ? "Enrol a replacement agent" : "Connect a host agent"}
        </Button>
        {(
          [
            ["rotate", "Rotate credential"],
            ["revoke", "Revoke agent"],
          ] as const
        ).map(([action, label]) => (
          <Button
            key={action}
            type="button"
            variant="secondary"
            disabled={whyNotAdmin !== null || !active}
            title={whyNotAdmin ?? (active ? undefined : "No agent is enrolled.")}
            onClick={() => setConfirming(action)}
          >
            {label}
          </Button>
        ))}
        {whyNotAdmin ? <span className="text-zinc-600 dark:text-zinc-400">{whyNotAdmin}</span> : null}
      </div>
      {error ? <Notice tone="error">{error.message}</Notice> : null}

      <HostDriftSection gatewayId={gatewayId} connected={active} pendingJobs={data?.pendingJobs ?? 0} />

      <HostJobTable
        scope={{ gatewayId }}
        emptyMessage="No changes sent to this host yet. Edits of its agents, defaults and credentials appear here once an agent is connected."
      />
    </section>
  );
}

/** A secret shown once, in a read-only box with a copy button, until the admin hides it. */
function ShownOnce({
  label,
  value,
  onHide,
  children,
}: {
  label: string;
  value: string;
  onHide: () => void;
  children: React.ReactNode;
}) {
  return (
    <div className="space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 dark:border-emerald-800 dark:bg-emerald-950">
      <p className="font-medium">Shown once — copy it now.</p>
      <label className="block">
        <span className="sr-only">{label}</span>
        <input
          readOnly
          aria-label={label}
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className="w-full rounded border border-zinc-300 bg-white px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
        />
      </label>
      <p>{children}</p>
      <div className="flex gap-2">
        <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} />
        <Button type="button" variant="secondary" onClick={onHide}>
          Done, hide it
        </Button>
      </div>
    </div>
  );
}
