"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { ColumnHeaders } from "~/components/ui/column-headers";
import { Notice } from "~/components/ui/notice";
import { useSessionRole } from "~/features/session/use-session-role";
import { CopyButton } from "~/features/status/copy-button";
import { useTRPC } from "~/trpc/react";

/** Admins: the team's webhook for re-auth events, its one-time signing secret, and recent deliveries. */
export function WebhookSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isAdmin = useSessionRole().can("admin");
  const webhook = useQuery({ ...trpc.reauth.webhook.queryOptions(), enabled: isAdmin });
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.reauth.webhook.queryKey() });
  const save = useMutation(
    trpc.reauth.saveWebhook.mutationOptions({
      onSuccess: (result) => setSecret(result.signingSecret),
      onSettled: refresh,
    }),
  );
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const remove = useMutation(
    trpc.reauth.removeWebhook.mutationOptions({
      onSuccess: () => {
        setConfirmingRemove(false);
        setSecret(null);
        toast.success("Webhook removed; no more re-auth events are sent.");
      },
      onSettled: refresh,
    }),
  );
  if (!isAdmin) return null;
  const current = webhook.data?.webhook ?? null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = event.currentTarget.elements;
    const field = (name: string) => (fields.namedItem(name) as HTMLInputElement | null)?.value ?? "";
    save.mutate({
      url: field("url"),
      expectedVersion: current?.version ?? null,
      rotateSecret: (fields.namedItem("rotate") as HTMLInputElement | null)?.checked ?? false,
    });
  }

  return (
    <section
      aria-labelledby="webhook-heading"
      className="space-y-3 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <h2 id="webhook-heading" className="font-semibold">
        Webhook
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-300">
        Optional. Clawfleet POSTs JSON to this URL when a re-auth is requested, applied or expires, signed
        with HMAC-SHA256 in the <span className="font-mono">X-Clawfleet-Signature</span> header (
        <span className="font-mono">
          t=&lt;unix seconds&gt;,v1=&lt;hex of HMAC(secret, t + &quot;.&quot; + body)&gt;
        </span>
        ). Bodies carry ids, names and states, never a credential. Failed calls are retried with backoff.
      </p>
      {webhook.error ? <Notice tone="error">{webhook.error.message}</Notice> : null}
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3" key={current?.version ?? 0}>
        <label className="flex min-w-80 flex-1 flex-col">
          <span className="font-medium">URL</span>
          <input
            name="url"
            type="url"
            required
            defaultValue={current?.url ?? ""}
            placeholder="https://hooks.example.com/clawfleet"
            className="mt-1 rounded-md border border-zinc-300 bg-transparent px-2 py-1.5 dark:border-zinc-700"
          />
        </label>
        {current ? (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="rotate" /> New signing secret (ends …{current.secretHint} now)
          </label>
        ) : null}
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : current ? "Save webhook" : "Add webhook"}
        </Button>
        {current ? (
          <Button
            type="button"
            variant="secondary"
            disabled={remove.isPending}
            onClick={() => setConfirmingRemove(true)}
          >
            Remove
          </Button>
        ) : null}
      </form>
      <ConfirmDialog
        open={confirmingRemove && current !== null}
        title="Remove the webhook?"
        confirmLabel="Remove webhook"
        busy={remove.isPending}
        error={remove.error?.message}
        onCancel={() => setConfirmingRemove(false)}
        onConfirm={() => current && remove.mutate({ expectedVersion: current.version })}
      >
        <p>
          Clawfleet stops POSTing re-auth events to{" "}
          <span className="font-mono break-all">{current?.url}</span>, and its signing secret (…
          {current?.secretHint}) is deleted: adding a webhook later makes a new one the receiver must be
          given.
        </p>
      </ConfirmDialog>
      {save.error ? <Notice tone="error">{save.error.message}</Notice> : null}
      {remove.error && !confirmingRemove ? <Notice tone="error">{remove.error.message}</Notice> : null}
      {secret ? (
        <Notice tone="success">
          Signing secret (shown only now; store it with the receiver):{" "}
          <span className="font-mono break-all">{secret}</span> <CopyButton text={secret} />
        </Notice>
      ) : null}
      {webhook.data && webhook.data.deliveries.length > 0 ? (
        <table className="w-full text-left text-sm">
          <ColumnHeaders columns={["Event", "Queued", "Status", "Attempts", "Last error"]} />
          <tbody>
            {webhook.data.deliveries.map((delivery) => (
              <tr key={delivery.id} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="py-1 pr-2 font-mono text-xs">
                  {(delivery.payload as { event?: string } | null)?.event ?? "?"}
                </td>
                <td className="py-1 pr-2">{delivery.createdAt.toLocaleString()}</td>
                <td className="py-1 pr-2">{delivery.status}</td>
                <td className="py-1 pr-2">{delivery.attempts}</td>
                <td className="py-1">{delivery.lastError ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
