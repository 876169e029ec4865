"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { ColumnHeaders } from "~/components/ui/column-headers";
import { Notice } from "~/components/ui/notice";
import { useTRPC } from "~/trpc/react";

const statusText = {
  pending: "Pending",
  expired: "Expired",
  accepted: "Accepted",
  revoked: "Revoked",
} as const;

/** Open invitations, for admins: who was invited, as what, until when; revoke a link that should not work. */
export function InvitationList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invitations = useQuery(trpc.invitations.list.queryOptions());
  const [revoking, setRevoking] = useState<{ id: string; email: string; role: string } | null>(null);
  const revoke = useMutation(
    trpc.invitations.revoke.mutationOptions({
      onSuccess: () => {
        toast.success(`Invitation for ${revoking?.email ?? "them"} revoked; its link no longer works.`);
        setRevoking(null);
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey() }),
    }),
  );
  if (invitations.error) return <Notice tone="error">{invitations.error.message}</Notice>;
  if (!invitations.data)
    return <div className="h-10 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-800/60" />;
  return (
    <>
      {revoke.error && !revoking ? <Notice tone="error">{revoke.error.message}</Notice> : null}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke the invitation for ${revoking?.email ?? ""}?`}
        confirmLabel="Revoke invitation"
        busy={revoke.isPending}
        error={revoke.error?.message}
        onCancel={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate({ invitationId: revoking.id })}
      >
        <p>
          The link sent to {revoking?.email} stops working at once, so they cannot join as {revoking?.role}.
          You can invite them again later.
        </p>
      </ConfirmDialog>
      {invitations.data.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No open invitations. Invite someone above.</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm">
          <ColumnHeaders
            columns={["Email", "Role", "Status", "Invited by", { label: "Actions", hidden: true }]}
          />
          <tbody>
            {invitations.data.map((invitation) => (
              <tr key={invitation.id} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="py-1.5">{invitation.email}</td>
                <td className="py-1.5">{invitation.role}</td>
                <td className="py-1.5" title={`Expires ${invitation.expiresAt.toISOString()}`}>
                  {statusText[invitation.status]}
                  {invitation.status === "pending"
                    ? ` · until ${invitation.expiresAt.toLocaleDateString()}`
                    : ""}
                </td>
                <td className="py-1.5 text-zinc-600 dark:text-zinc-400">
                  {invitation.invitedByEmail ?? "—"}
                </td>
                <td className="py-1.5 text-right">
                  <Button
                    variant="secondary"
                    disabled={revoke.isPending}
                    aria-label={`Revoke the invitation for ${invitation.email}`}
                    onClick={() => {
                      revoke.reset();
                      setRevoking({ id: invitation.id, email: invitation.email, role: invitation.role });
                    }}
                  >
                    Revoke
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
