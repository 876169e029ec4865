"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { inviteMemberSchema } from "@clawfleet/core/access/membership.schema";
import { ROLES } from "@clawfleet/core/access/role";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { CopyButton } from "~/features/status/copy-button";
import { useTRPC } from "~/trpc/react";

type FieldErrors = Partial<Record<"email" | "role", string>>;

/** The one-time link, shown once: the server keeps only its hash. */
function InviteLink({ link, email, onDone }: { link: string; email: string; onDone: () => void }) {
  return (
    <Notice tone="success" role="status">
      <p>
        Invitation created for <strong>{email}</strong>. Send them this link; it works once, for 7 days, and
        is shown only now.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <input
          readOnly
          aria-label="Invitation link"
          value={link}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-2 py-1 font-mono text-xs text-zinc-900 dark:border-emerald-800 dark:bg-zinc-950 dark:text-zinc-100"
        />
        <CopyButton text={link} label="Copy link" />
        <Button type="button" variant="secondary" onClick={onDone}>
          Done
        </Button>
      </div>
    </Notice>
  );
}

export function InviteMemberForm({ disabledReason }: { disabledReason: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<{ link: string; email: string } | null>(null);
  const invite = useMutation(
    trpc.invitations.create.mutationOptions({
      onSuccess: async ({ token, invitation }) => {
        setCreated({ link: `${window.location.origin}/invite/${token}`, email: invitation.email });
        await queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey() });
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = inviteMemberSchema.safeParse({ email: form.get("email"), role: form.get("role") });
    if (!parsed.success) {
      setErrors(
        Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])),
      );
      return;
    }
    setErrors({});
    setCreated(null);
    invite.mutate(parsed.data, { onSuccess: () => (event.target as HTMLFormElement).reset() });
  }

  const disabled = disabledReason !== null || invite.isPending;
  return (
    <section
      aria-labelledby="invite-heading"
      className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <h2 id="invite-heading" className="font-semibold">
        Invite a member
      </h2>
      {disabledReason ? (
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{disabledReason}</p>
      ) : null}
      <form onSubmit={submit} noValidate className="mt-3 flex flex-wrap items-start gap-3">
        <label className="block min-w-64 flex-1">
          <span className="text-sm font-medium">Email</span>
          <input
            name="email"
            type="email"
            required
            disabled={disabledReason !== null}
            aria-invalid={errors.email ? true : undefined}
            className="mt-1 w-full rounded-md border border-zinc-300 bg-transparent px-3 py-2 disabled:opacity-50 dark:border-zinc-700"
          />
          {errors.email ? (
            <span className="mt-1 block text-sm text-red-700 dark:text-red-300">{errors.email}</span>
          ) : null}
        </label>
        <label className="block">
          <span className="text-sm font-medium">Role</span>
          <select
            name="role"
            defaultValue="viewer"
            disabled={disabledReason !== null}
            className="mt-1 block rounded-md border border-zinc-300 bg-transparent px-3 py-2 disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-950"
          >
            {ROLES.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </select>
        </label>
        <Button type="submit" disabled={disabled} title={disabledReason ?? undefined} className="mt-6">
          {invite.isPending ? "Creating…" : "Create invitation link"}
        </Button>
      </form>
      {invite.error ? (
        <div className="mt-3">
          <Notice tone="error">{invite.error.message}</Notice>
        </div>
      ) : null}
      {created ? (
        <div className="mt-3">
          <InviteLink {...created} onDone={() => setCreated(null)} />
        </div>
      ) : null}
    </section>
  );
}
