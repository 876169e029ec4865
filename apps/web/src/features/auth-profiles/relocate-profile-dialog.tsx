"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import type { AuthProfileSummary } from "@clawfleet/core/fleet/auth-profile";
import { Button } from "~/components/ui/button";
import { Field, inputClassName } from "~/components/ui/field";
import { FormDialog } from "~/components/ui/form-dialog";
import { type FormProblem, formProblemOf, withoutField } from "~/lib/form-errors";
import { formText } from "~/lib/form-text";
import { useSessionRole } from "~/features/session/use-session-role";
import { useTRPC } from "~/trpc/react";

/**
 * "Rename or move" on an agent's Profiles tab: a new id (same provider) and/or the other store, the agent's own
 * or its gateway's shared one. OAuth sign-ins are not offered: their tokens are never pushed to a host.
 */
export function RelocateProfileButton({
  profile,
  agent,
}: {
  profile: AuthProfileSummary;
  agent: { id: string; name: string; gatewayName: string };
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const blocked = useSessionRole().whyNot("admin");
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const relocate = useMutation(
    trpc.authProfiles.relocate.mutationOptions({
      onSuccess: async (after) => {
        toast.success(
          `${profile.profileId} is now ${after.profileId} in ${after.owner.kind === "agent" ? `${agent.name}'s own store` : `${agent.gatewayName}'s shared store`}.`,
        );
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.authProfiles.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.credentials.pathKey() });
      },
      onError: (error) => setProblem(formProblemOf(error, ["profileId", "agentId"])),
    }),
  );
  if (profile.type === "oauth") return null;
  const inOwnStore = profile.owner.kind === "agent";
  return (
    <>
      <Button
        type="button"
        variant="secondary"
        disabled={blocked !== null}
        title={blocked ?? `Rename ${profile.profileId} or move it to another store`}
        aria-label={`Rename or move ${profile.profileId}`}
        onClick={() => {
          setProblem(null);
          setOpen(true);
        }}
      >
        Rename or move
      </Button>
      <FormDialog
        open={open}
        title={`Rename or move ${profile.profileId}`}
        description="The credential itself is not shown or changed. A connected host gets it in its new place and loses the old entry; stored auth orders follow a new name."
        submitLabel="Save"
        busy={relocate.isPending}
        problem={problem?.message}
        onCancel={() => setOpen(false)}
        onSubmit={(form) => {
          const data = new FormData(form);
          relocate.mutate({
            authProfileId: profile.id,
            expectedVersion: profile.version,
            profileId: formText(data, "profileId").trim(),
            agentId: formText(data, "store") === "agent" ? agent.id : null,
          });
        }}
      >
        <Field
          label="Profile id"
          hint={`Keeps the provider: ${profile.provider}:<name>.`}
          error={problem?.fields.profileId}
        >
          {(control) => (
            <input
              {...control}
              name="profileId"
              defaultValue={profile.profileId}
              autoComplete="off"
              spellCheck={false}
              className={`${inputClassName} font-mono`}
              onChange={() => setProblem((current) => withoutField(current, "profileId"))}
            />
          )}
        </Field>
        <fieldset className="space-y-1">
          <legend className="font-medium">Store</legend>
          <label className="flex items-start gap-2">
            <input type="radio" name="store" value="agent" defaultChecked={inOwnStore} className="mt-1" />
            <span>{agent.name}&apos;s own store (this agent only)</span>
          </label>
          <label className="flex items-start gap-2">
            <input type="radio" name="store" value="shared" defaultChecked={!inOwnStore} className="mt-1" />
            <span>{agent.gatewayName}&apos;s shared store (every agent on the gateway)</span>
          </label>
        </fieldset>
      </FormDialog>
    </>
  );
}
