"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { ROLES, type Role } from "@clawfleet/core/access/role";
import { Button } from "~/components/ui/button";
import { ColumnHeaders } from "~/components/ui/column-headers";
import { Notice } from "~/components/ui/notice";
import { useSessionRole } from "~/features/session/use-session-role";
import type { AppRouter } from "~/server/api/root";
import { useTRPC } from "~/trpc/react";
import { InvitationList } from "./invitation-list";
import { InviteMemberForm } from "./invite-member-form";

type Member = inferRouterOutputs<AppRouter>["members"]["list"][number];

function MemberRow({
  member,
  isSelf,
  manageReason,
}: {
  member: Member;
  isSelf: boolean;
  manageReason: string | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // null until the admin picks a role, so a refreshed list shows the saved role.
  const [draftRole, setDraftRole] = useState<Role | null>(null);
  const role = draftRole ?? member.role;
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const [result, setResult] = useState<{ tone: "success" | "error" | "warning"; text: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
  const onError = async (error: { message: string; data?: { code?: string } | null }) => {
    const conflict = error.data?.code === "CONFLICT";
    setResult({ tone: conflict ? "warning" : "error", text: error.message });
    setDraftRole(null);
    await refresh();
  };
  const updateRole = useMutation(
    trpc.members.updateRole.mutationOptions({
      onSuccess: async (updated) => {
        setResult({ tone: "success", text: `${updated.email} is now ${updated.role}.` });
        setDraftRole(null);
        await refresh();
      },
      onError,
    }),
  );
  const remove = useMutation(
    trpc.members.remove.mutationOptions({
      onSuccess: async ({ removedSelf }) => {
        if (removedSelf) {
          await signOut({ callbackUrl: "/login" });
          return;
        }
        await refresh();
      },
      onError,
    }),
  );
  const disabled = manageReason !== null;
  return (
    <tr className="border-t border-zinc-100 align-top dark:border-zinc-800">
      <td className="py-2 pr-3">
        <p className="font-medium">
          {member.name}
          {isSelf ? <span className="ml-1 text-xs text-zinc-500 dark:text-zinc-400">(you)</span> : null}
        </p>
        <p className="text-zinc-600 dark:text-zinc-400">{member.email}</p>
      </td>
      <td className="py-2 pr-3">
        <div className="flex items-center gap-2">
          <select
            aria-label={`Role of ${member.email}`}
            value={role}
            disabled={disabled || updateRole.isPending}
            title={manageReason ?? undefined}
            onChange={(event) => {
              setResult(null);
              setDraftRole(event.target.value as Role);
            }}
            className="rounded-md border border-zinc-300 bg-transparent px-2 py-1 disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-950"
          >
            {ROLES.map((option) => (
              <option key={option}>{option}</option>
            ))}
          </select>
          {role !== member.role ? (
            <Button
              disabled={updateRole.isPending}
              onClick={() =>
                updateRole.mutate({
                  membershipId: member.membershipId,
                  expectedVersion: member.version,
                  role,
                })
              }
            >
              {updateRole.isPending ? "Saving…" : "Save role"}
            </Button>
          ) : null}
        </div>
        {result ? (
          <div className="mt-2 max-w-md text-sm">
            <Notice tone={result.tone}>{result.text}</Notice>
          </div>
        ) : null}
      </td>
      <td className="py-2 pr-3 text-zinc-600 dark:text-zinc-400">{member.joinedAt.toLocaleDateString()}</td>
      <td className="py-2 text-right">
        {confirmingRemoval ? (
          <div
            role="group"
            aria-label={`Confirm removing ${member.email}`}
            className="flex justify-end gap-2"
          >
            <Button
              disabled={remove.isPending}
              className="bg-red-700 hover:bg-red-800"
              onClick={() =>
                remove.mutate({ membershipId: member.membershipId, expectedVersion: member.version })
              }
            >
              {isSelf ? "Leave the team" : `Remove ${member.name}`}
            </Button>
            <Button variant="secondary" onClick={() => setConfirmingRemoval(false)}>
              Cancel
            </Button>
          </div>
        ) : (
          <Button
            variant="secondary"
            disabled={disabled}
            title={manageReason ?? undefined}
            aria-label={`Remove ${member.email}`}
            onClick={() => {
              setResult(null);
              setConfirmingRemoval(true);
            }}
          >
            Remove
          </Button>
        )}
      </td>
    </tr>
  );
}

/** Everyone in the team sees who is in it; admins invite, change roles and remove. */
export function MembersView() {
  const trpc = useTRPC();
  const session = useQuery(trpc.session.current.queryOptions());
  const { can, whyNot } = useSessionRole();
  const members = useQuery(trpc.members.list.queryOptions());
  const manageReason = whyNot("admin") ? `Only admins manage members. ${whyNot("admin")}` : null;

  return (
    <section aria-labelledby="members-heading" className="space-y-6">
      <div>
        <h1 id="members-heading" className="text-xl font-semibold">
          Members
        </h1>
        <p className="text-zinc-500 dark:text-zinc-400">
          Roles: viewer reads, operator edits agents and clears cooldowns, admin also manages credentials,
          gateways and members. A role change applies on the member&apos;s next request.
        </p>
      </div>

      <InviteMemberForm disabledReason={manageReason} />

      <section aria-labelledby="team-members-heading">
        <h2 id="team-members-heading" className="font-semibold">
          Team members
        </h2>
        {manageReason ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{manageReason}</p> : null}
        {members.error ? <Notice tone="error">{members.error.message}</Notice> : null}
        {members.isPending ? (
          <div aria-label="Loading members" className="mt-2 space-y-2">
            {Array.from({ length: 3 }, (_, index) => (
              <div key={index} className="h-12 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-800/60" />
            ))}
          </div>
        ) : null}
        {members.data ? (
          <table className="mt-2 w-full text-left text-sm">
            <ColumnHeaders columns={["Member", "Role", "Joined", { label: "Actions", hidden: true }]} />
            <tbody>
              {members.data.map((member) => (
                <MemberRow
                  key={member.membershipId}
                  member={member}
                  isSelf={member.userId === session.data?.user.id}
                  manageReason={manageReason}
                />
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      {can("admin") ? (
        <section aria-labelledby="invitations-heading">
          <h2 id="invitations-heading" className="font-semibold">
            Open invitations
          </h2>
          <InvitationList />
        </section>
      ) : null}
    </section>
  );
}
