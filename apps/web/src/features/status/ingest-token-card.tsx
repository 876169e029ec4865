"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Button } from "~/components/ui/button";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { toast } from "sonner";
import { useTRPC } from "~/trpc/react";
import { CopyButton } from "./copy-button";
import { ingestCronLine } from "./ingest-cron-command";

type PendingAction = "rotate" | "revoke" | null;

/**
 * A gateway's ingest token: create the first one at once; rotate (the new token is shown once, with the crontab
 * lines that use it) and revoke after a confirmation that says which hosts are cut off. Admin-only; others see the
 * controls disabled with the reason.
 */
export function IngestTokenCard({
  gatewayId,
  version,
  hint,
}: {
  gatewayId: string;
  version: number;
  hint: string | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useQuery(trpc.session.current.queryOptions());
  const [pending, setPending] = useState<PendingAction>(null);
  const [shownToken, setShownToken] = useState<string | null>(null);
  const [origin, setOrigin] = useState("https://console.example.com");
  useEffect(() => setOrigin(window.location.origin), []);

  const afterChange = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.ingestTokens.pathFilter()),
      queryClient.invalidateQueries(trpc.gateways.pathFilter()),
    ]);
  const rotate = useMutation(
    trpc.ingestTokens.rotate.mutationOptions({
      onSuccess: async (result) => {
        setShownToken(result.token);
        setPending(null);
        toast.success(
          hint ? "Ingest token rotated. Copy the new one now." : "Ingest token created. Copy it now.",
        );
        await afterChange();
      },
      // why: a CONFLICT means the gateway changed meanwhile; reload its version so a retry can succeed.
      onError: () => void afterChange(),
    }),
  );
  const revoke = useMutation(
    trpc.ingestTokens.revoke.mutationOptions({
      onSuccess: async () => {
        setShownToken(null);
        setPending(null);
        toast.success("Ingest token revoked.");
        await afterChange();
      },
      onError: () => void afterChange(),
    }),
  );

  const role = session.data?.role;
  const whyDisabled = !role
    ? "Loading your role…"
    : role === "admin"
      ? null
      : `Only admins manage ingest tokens; you are ${role}.`;
  const busy = rotate.isPending || revoke.isPending;
  const error = rotate.error ?? revoke.error;

  return (
    <section
      aria-labelledby={`ingest-token-${gatewayId}`}
      className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <div>
        <h3 id={`ingest-token-${gatewayId}`} className="font-semibold">
          Ingest token
        </h3>
        <p className="text-zinc-600 dark:text-zinc-400">
          {hint
            ? `A token ending in …${hint} is active. Hosts send it to report \`openclaw models status\`.`
            : "No token: this gateway's hosts cannot report status yet."}
        </p>
      </div>

      {shownToken ? (
        <div className="space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 dark:border-emerald-800 dark:bg-emerald-950">
          <p className="font-medium">
            New token (shown once — copy it now; only its last 4 characters are kept):
          </p>
          <label className="block">
            <span className="sr-only">New ingest token</span>
            <input
              readOnly
              value={shownToken}
              onFocus={(event) => event.currentTarget.select()}
              className="w-full rounded border border-zinc-300 bg-white px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
            />
          </label>
          <CopyButton text={shownToken} label="Copy token" />
          <p>Add these lines to the crontab of the OpenClaw user on the host (one cron line per agent):</p>
          <pre className="overflow-x-auto rounded bg-white p-2 font-mono text-xs dark:bg-zinc-900">
            {`CLAWFLEET_INGEST_TOKEN=${shownToken}\n${ingestCronLine(origin)}`}
          </pre>
          <CopyButton
            text={`CLAWFLEET_INGEST_TOKEN=${shownToken}\n${ingestCronLine(origin)}`}
            label="Copy cron lines"
          />
          <Button type="button" variant="secondary" onClick={() => setShownToken(null)}>
            Done, hide the token
          </Button>
        </div>
      ) : null}

      <ConfirmDialog
        open={pending !== null}
        title={pending === "revoke" ? "Revoke the ingest token?" : "Rotate the ingest token?"}
        confirmLabel={pending === "revoke" ? "Revoke token" : "Rotate token"}
        busy={busy}
        error={error?.message}
        onCancel={() => setPending(null)}
        onConfirm={() =>
          pending === "revoke"
            ? revoke.mutate({ gatewayId, expectedVersion: version })
            : rotate.mutate({ gatewayId, expectedVersion: version })
        }
      >
        <p>
          {pending === "revoke"
            ? `The token ending in …${hint ?? "?"} stops working: every host reporting with it is refused from its next report, until it gets a new token.`
            : `The token ending in …${hint ?? "?"} stops working at once: update the crontab of every host that reports with it.`}
        </p>
      </ConfirmDialog>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          type="button"
          title={whyDisabled ?? undefined}
          disabled={whyDisabled !== null || busy}
          onClick={() =>
            hint ? setPending("rotate") : rotate.mutate({ gatewayId, expectedVersion: version })
          }
        >
          {rotate.isPending && !hint ? "Creating…" : hint ? "Rotate token" : "Create token"}
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={whyDisabled !== null || hint === null}
          title={whyDisabled ?? (hint === null ? "There is no token to revoke." : undefined)}
          onClick={() => setPending("revoke")}
        >
          Revoke token
        </Button>
        {whyDisabled ? <span className="text-zinc-600 dark:text-zinc-400">{whyDisabled}</span> : null}
      </div>

      {error && pending === null ? (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
        >
          <span className="font-semibold">Error: </span>
          {error.message}
          {error.data?.code === "CONFLICT" ? " The card now shows the current state; try again." : ""}
        </p>
      ) : null}
    </section>
  );
}
