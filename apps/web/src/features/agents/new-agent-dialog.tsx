"use client";

import { agentCreateSchema } from "@clawfleet/core/fleet/agent-edit.schema";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import { Field, inputClassName } from "~/components/ui/field";
import { FormDialog } from "~/components/ui/form-dialog";
import { type FormProblem, formProblemOf, formProblemOfIssues, withoutField } from "~/lib/form-errors";
import { useSessionRole } from "~/features/session/use-session-role";
import { formText } from "~/lib/form-text";
import { GatewaySelectField } from "~/features/gateways/gateway-select-field";
import { useTRPC } from "~/trpc/react";

const FIELDS = ["gatewayId", "agentKey", "name", "workspace", "model"] as const;

/** "New agent" on the agents page: OpenClaw's id rule is checked as you submit, and again by the server. */
export function NewAgentButton() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const blocked = useSessionRole().whyNot("admin");
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const create = useMutation(
    trpc.agents.create.mutationOptions({
      onSuccess: async (agent) => {
        toast.success(`Agent ${agent.name} created on ${agent.gatewayName}.`);
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
        router.push(`/agents/${agent.id}`);
      },
      onError: (error) => setProblem(formProblemOf(error, FIELDS)),
    }),
  );
  const close = () => {
    setOpen(false);
    setProblem(null);
  };
  const edited = (field: string) => setProblem((current) => withoutField(current, field));

  return (
    <>
      <Button
        type="button"
        disabled={blocked !== null}
        title={blocked ?? "Add an agent to one of your gateways"}
        onClick={() => setOpen(true)}
      >
        New agent
      </Button>
      <FormDialog
        open={open}
        title="New agent"
        description="The agent is added to the gateway's config; a connected host creates it on the Gateway too."
        submitLabel="Create agent"
        busy={create.isPending}
        problem={problem?.message}
        onCancel={close}
        onSubmit={(form) => {
          const data = new FormData(form);
          const gatewayId = formText(data, "gatewayId");
          const parsed = agentCreateSchema.safeParse({
            agentKey: formText(data, "agentKey"),
            name: formText(data, "name"),
            workspace: formText(data, "workspace"),
            model: formText(data, "model"),
          });
          const missingGateway = gatewayId ? [] : [{ path: ["gatewayId"], message: "Choose a gateway." }];
          if (!parsed.success || missingGateway.length > 0) {
            setProblem(formProblemOfIssues([...(parsed.error?.issues ?? []), ...missingGateway], FIELDS));
            return;
          }
          setProblem(null);
          create.mutate({
            gatewayId,
            agentKey: formText(data, "agentKey").trim(),
            name: formText(data, "name"),
            workspace: formText(data, "workspace"),
            model: formText(data, "model").trim(),
          });
        }}
      >
        <GatewaySelectField error={problem?.fields.gatewayId} onEdit={() => edited("gatewayId")} />
        <AgentKeyField label="Agent id" error={problem?.fields.agentKey} onEdit={() => edited("agentKey")} />
        <Field label="Name" error={problem?.fields.name}>
          {(control) => (
            <input {...control} name="name" className={inputClassName} onChange={() => edited("name")} />
          )}
        </Field>
        <Field
          label="Workspace (optional)"
          hint="An absolute path on the host, or empty for OpenClaw's workspace-<id> in its state folder."
          error={problem?.fields.workspace}
        >
          {(control) => (
            <input
              {...control}
              name="workspace"
              spellCheck={false}
              className={`${inputClassName} font-mono`}
              onChange={() => edited("workspace")}
            />
          )}
        </Field>
        <Field
          label="Model (optional)"
          hint="provider/model, e.g. anthropic/claude-sonnet-4-6; empty follows the gateway's default."
          error={problem?.fields.model}
        >
          {(control) => (
            <input
              {...control}
              name="model"
              spellCheck={false}
              className={`${inputClassName} font-mono`}
              onChange={() => edited("model")}
            />
          )}
        </Field>
      </FormDialog>
    </>
  );
}

/** OpenClaw's agent id, in a field named `agentKey`, with the rule said beside it. */
export function AgentKeyField({
  label,
  defaultValue,
  error,
  onEdit,
}: {
  label: string;
  defaultValue?: string;
  error?: string | null;
  onEdit: () => void;
}) {
  return (
    <Field
      label={label}
      hint="OpenClaw's id: lower-case letters, digits, '_' or '-', up to 64, e.g. billing-triage."
      error={error}
    >
      {(control) => (
        <input
          {...control}
          name="agentKey"
          defaultValue={defaultValue}
          autoComplete="off"
          spellCheck={false}
          className={`${inputClassName} font-mono`}
          onChange={onEdit}
        />
      )}
    </Field>
  );
}
