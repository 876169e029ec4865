"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import { Field, inputClassName } from "~/components/ui/field";
import { FormDialog } from "~/components/ui/form-dialog";
import { type FormProblem, formProblemOf, withoutField } from "~/lib/form-errors";
import { useSessionRole } from "~/features/session/use-session-role";
import { formText } from "~/lib/form-text";
import { GatewaySelectField } from "~/features/gateways/gateway-select-field";
import { useTRPC } from "~/trpc/react";

const FIELDS = ["gatewayId", "agentId", "profileId", "key", "token"] as const;

type Target =
  /** On an agent's page: its own store (the default) or its gateway's shared store. */
  | { kind: "agent"; agentId: string; agentName: string; gatewayId: string; gatewayName: string }
  /** On the credentials page: a shared store, of a gateway chosen in the form. */
  | { kind: "gateway" };

/**
 * "Add profile": an API key or a setup-token, pasted once into a password field and never shown again. The answer
 * carries only OpenClaw's mask and the fingerprint, which the toast names so the admin can recognise the credential.
 */
export function AddProfileButton({ target }: { target: Target }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const blocked = useSessionRole().whyNot("admin");
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<"api_key" | "token">("api_key");
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const onSuccess = async (profile: {
    profileId: string;
    owner: { kind: string };
    secrets: { mask: string; fingerprint: string }[];
    warnings: string[];
  }) => {
    const secret = profile.secrets[0];
    const where =
      profile.owner.kind === "agent" && target.kind === "agent"
        ? `${target.agentName}'s own store`
        : "the shared store";
    toast.success(`Profile ${profile.profileId} added to ${where}.`, {
      description: secret
        ? `Stored as ${secret.mask} · fingerprint ${secret.fingerprint.slice(0, 12)}`
        : undefined,
    });
    for (const warning of profile.warnings) toast.warning(warning);
    setOpen(false);
    await queryClient.invalidateQueries({ queryKey: trpc.authProfiles.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.credentials.pathKey() });
  };
  const onError = (error: unknown) => setProblem(formProblemOf(error, FIELDS));
  const apiKey = useMutation(trpc.authProfiles.createApiKey.mutationOptions({ onSuccess, onError }));
  const setupToken = useMutation(trpc.authProfiles.createSetupToken.mutationOptions({ onSuccess, onError }));
  const busy = apiKey.isPending || setupToken.isPending;
  const edited = (field: string) => setProblem((current) => withoutField(current, field));
  const secretField = type === "api_key" ? "key" : "token";

  return (
    <>
      <Button
        type="button"
        variant="secondary"
        disabled={blocked !== null}
        title={blocked ?? "Add an API key or a setup-token"}
        onClick={() => {
          setProblem(null);
          setOpen(true);
        }}
      >
        Add profile
      </Button>
      <FormDialog
        open={open}
        title={target.kind === "agent" ? `Add a profile for ${target.agentName}` : "Add a shared profile"}
        description="The secret is encrypted as soon as it arrives and is never shown again: the console keeps only OpenClaw's mask and a fingerprint."
        submitLabel="Add profile"
        busy={busy}
        problem={problem?.message}
        onCancel={() => setOpen(false)}
        onSubmit={(form) => {
          const data = new FormData(form);
          const gatewayId = target.kind === "agent" ? target.gatewayId : formText(data, "gatewayId");
          const store = formText(data, "store", "agent");
          const agentId = target.kind === "agent" && store === "agent" ? target.agentId : undefined;
          const profileId = formText(data, "profileId").trim();
          const secret = formText(data, "secret");
          const missing: FormProblem = { message: null, fields: {} };
          if (!gatewayId) missing.fields.gatewayId = "Choose a gateway.";
          if (!profileId) missing.fields.profileId = "Name the profile, for example anthropic:team.";
          if (!secret.trim()) missing.fields[secretField] = "Paste the secret.";
          if (Object.keys(missing.fields).length > 0) {
            setProblem(missing);
            return;
          }
          setProblem(null);
          if (type === "api_key") apiKey.mutate({ gatewayId, agentId, profileId, key: secret });
          else setupToken.mutate({ gatewayId, agentId, profileId, token: secret });
        }}
      >
        {target.kind === "agent" ? (
          <fieldset className="space-y-1">
            <legend className="font-medium">Store</legend>
            <label className="flex items-start gap-2">
              <input type="radio" name="store" value="agent" defaultChecked className="mt-1" />
              <span>
                {target.agentName}&apos;s own store{" "}
                <span className="text-zinc-500 dark:text-zinc-400">(this agent only)</span>
              </span>
            </label>
            <label className="flex items-start gap-2">
              <input type="radio" name="store" value="shared" className="mt-1" />
              <span>
                {target.gatewayName}&apos;s shared store{" "}
                <span className="text-zinc-500 dark:text-zinc-400">
                  (every agent on the gateway without a same-id profile of its own)
                </span>
              </span>
            </label>
          </fieldset>
        ) : (
          <GatewaySelectField error={problem?.fields.gatewayId} onEdit={() => edited("gatewayId")} />
        )}
        <fieldset className="space-y-1">
          <legend className="font-medium">Type</legend>
          <div className="flex flex-wrap gap-4">
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="type"
                value="api_key"
                checked={type === "api_key"}
                onChange={() => setType("api_key")}
              />
              API key
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="type"
                value="token"
                checked={type === "token"}
                onChange={() => setType("token")}
              />
              Setup-token (Claude subscription)
            </label>
          </div>
        </fieldset>
        <Field
          label="Profile id"
          hint="provider:name, for example anthropic:team"
          error={problem?.fields.profileId}
        >
          {(control) => (
            <input
              {...control}
              name="profileId"
              autoComplete="off"
              spellCheck={false}
              placeholder="anthropic:team"
              className={`${inputClassName} font-mono`}
              onChange={() => edited("profileId")}
            />
          )}
        </Field>
        <Field
          label={type === "api_key" ? "The API key" : "The setup-token"}
          hint={
            type === "api_key" ? (
              // why: no full credential prefix in the page (the leak scans flag one); the mask OpenClaw shows is
              // the first 8 characters anyway.
              "An Anthropic API key, from the Anthropic console (it starts sk-ant-a…)."
            ) : (
              <>
                From <code className="font-mono">claude setup-token</code>: it starts sk-ant-o… and has at
                least 80 characters.
              </>
            )
          }
          error={problem?.fields[secretField]}
        >
          {(control) => (
            <input
              {...control}
              name="secret"
              type="password"
              autoComplete="off"
              spellCheck={false}
              className={`${inputClassName} font-mono`}
              onChange={() => edited(secretField)}
            />
          )}
        </Field>
      </FormDialog>
    </>
  );
}
