"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { agentCreateSchema } from "@clawfleet/core/fleet/agent-edit.schema";
import type { AgentDetail } from "@clawfleet/core/fleet/agent";
import { Button } from "~/components/ui/button";
import { ConfirmDialog } from "~/components/ui/confirm-dialog";
import { Field, inputClassName } from "~/components/ui/field";
import { FormDialog } from "~/components/ui/form-dialog";
import { type FormProblem, formProblemOf, formProblemOfIssues, withoutField } from "~/lib/form-errors";
import { useSessionRole } from "~/features/session/use-session-role";
import { formText } from "~/lib/form-text";
import { useTRPC } from "~/trpc/react";
import { AgentKeyField } from "./new-agent-dialog";

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

const DUPLICATE_FIELDS = ["agentKey", "name"] as const;

function DuplicateAgentAction({ agent }: { agent: AgentDetail }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const blocked = useSessionRole().whyNot("admin");
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const duplicate = useMutation(
    trpc.agents.duplicate.mutationOptions({
      onSuccess: async ({ agent: copy, droppedOrders, ownProfilesNotCopied }) => {
        const notes = [
          ownProfilesNotCopied > 0
            ? `${plural(ownProfilesNotCopied, "own profile")} not copied (secrets stay with ${agent.name})`
            : null,
          droppedOrders.length > 0 ? `auth order not kept for ${droppedOrders.join(", ")}` : null,
        ].filter(Boolean);
        toast.success(`Agent ${copy.name} created from ${agent.name}.`, {
          description: notes.length > 0 ? `${notes.join("; ")}.` : undefined,
        });
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
        router.push(`/agents/${copy.id}`);
      },
      onError: (error) => setProblem(formProblemOf(error, DUPLICATE_FIELDS)),
    }),
  );
  const edited = (field: string) => setProblem((current) => withoutField(current, field));
  return (
    <>
      <Button
        type="button"
        variant="secondary"
        disabled={blocked !== null}
        title={blocked ?? "A new agent with this one's model, params and auth order"}
        onClick={() => setOpen(true)}
      >
        Duplicate
      </Button>
      <FormDialog
        open={open}
        title={`Duplicate ${agent.name}`}
        description={
          <p>
            The copy gets this agent&apos;s model, per-model params, params, tags and stored auth orders, on{" "}
            {agent.gatewayName}. Profiles in this agent&apos;s own store are not copied, so no secret is
            duplicated: the copy uses the gateway&apos;s shared profiles. Its workspace is OpenClaw&apos;s
            default.
          </p>
        }
        submitLabel="Duplicate agent"
        busy={duplicate.isPending}
        problem={problem?.message}
        onCancel={() => {
          setOpen(false);
          setProblem(null);
        }}
        onSubmit={(form) => {
          const data = new FormData(form);
          const input = {
            agentKey: formText(data, "agentKey"),
            name: formText(data, "name"),
          };
          const parsed = agentCreateSchema.pick({ agentKey: true, name: true }).safeParse(input);
          if (!parsed.success) {
            setProblem(formProblemOfIssues(parsed.error.issues, DUPLICATE_FIELDS));
            return;
          }
          setProblem(null);
          duplicate.mutate({ agentId: agent.id, expectedVersion: agent.version, ...parsed.data });
        }}
      >
        <AgentKeyField
          label="New agent id"
          defaultValue={`${agent.agentKey}-copy`.slice(0, 64)}
          error={problem?.fields.agentKey}
          onEdit={() => edited("agentKey")}
        />
        <Field label="Name" error={problem?.fields.name}>
          {(control) => (
            <input
              {...control}
              name="name"
              defaultValue={`${agent.name} (copy)`}
              className={inputClassName}
              onChange={() => edited("name")}
            />
          )}
        </Field>
      </FormDialog>
    </>
  );
}

function DeleteAgentAction({ agent }: { agent: AgentDetail }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const blocked = useSessionRole().whyNot("admin");
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const impact = useQuery({
    ...trpc.agents.deletionImpact.queryOptions({ agentId: agent.id }),
    enabled: open,
  });
  const remove = useMutation(
    trpc.agents.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(`Agent ${agent.name} deleted from ${agent.gatewayName}.`);
        setOpen(false);
        router.push("/agents");
        await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
      },
      onError: (failure) => setError(failure.message),
    }),
  );
  const counts = impact.data;
  return (
    <>
      <Button
        type="button"
        variant="danger"
        disabled={blocked !== null}
        title={blocked ?? "Delete this agent and what belongs only to it"}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        Delete agent
      </Button>
      <ConfirmDialog
        open={open}
        title={`Delete ${agent.name}?`}
        confirmLabel="Delete agent"
        busy={remove.isPending}
        error={error ?? (impact.error ? `Could not count what goes with it: ${impact.error.message}` : null)}
        typeToConfirm={agent.agentKey}
        onCancel={() => setOpen(false)}
        onConfirm={() => remove.mutate({ agentId: agent.id, expectedVersion: agent.version })}
      >
        <p>
          Deletes <span className="font-mono">{agent.agentKey}</span> from {agent.gatewayName}. This cannot be
          undone. It removes:
        </p>
        {counts ? (
          <ul className="list-disc pl-5">
            <li>
              its own credential store:{" "}
              {counts.ownProfiles > 0
                ? `${plural(counts.ownProfiles, "profile")} and their secrets`
                : "no profiles (the gateway's shared profiles stay)"}
            </li>
            <li>{plural(counts.snapshots, "status snapshot")} and its stored status</li>
            <li>
              {counts.reauthRequests > 0
                ? `its place on ${plural(counts.reauthRequests, "re-auth request")}${counts.openReauthRequests > 0 ? ` (${counts.openReauthRequests} still open)` : ""}`
                : "no re-auth requests name it"}
            </li>
            <li>its entry in the gateway&apos;s config (a connected host deletes it on the Gateway too)</li>
          </ul>
        ) : (
          <p aria-busy="true">Counting what goes with it…</p>
        )}
      </ConfirmDialog>
    </>
  );
}

/** Duplicate and delete, on the agent's page (both admin-only, as adding or removing agents reshapes a gateway). */
export function AgentLifecycleActions({ agent }: { agent: AgentDetail }) {
  return (
    <div className="flex flex-wrap gap-2">
      <DuplicateAgentAction agent={agent} />
      <DeleteAgentAction agent={agent} />
    </div>
  );
}
