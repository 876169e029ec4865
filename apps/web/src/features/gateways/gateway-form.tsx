"use client";

import { type FormEvent, useState } from "react";
import { type GatewayEdit, gatewayEditSchema } from "@clawfleet/core/fleet/gateway-edit.schema";
import { Button } from "~/components/ui/button";

export type GatewayField = keyof GatewayEdit;
export type GatewayFieldErrors = Partial<Record<GatewayField, string>>;

const FIELDS: { name: GatewayField; label: string; hint: string; mono?: boolean }[] = [
  { name: "name", label: "Name", hint: "Unique in this team, e.g. prod-eu." },
  {
    name: "stateDir",
    label: "State dir",
    hint: "OpenClaw's state folder on the host, e.g. ~/.openclaw.",
    mono: true,
  },
  {
    name: "homeDir",
    label: "Home dir",
    hint: "Home of the OpenClaw user; shapes ~/ paths in status.",
    mono: true,
  },
  {
    name: "openclawVersion",
    label: "OpenClaw version",
    hint: "As `openclaw --version` prints it, e.g. 2026.9.6.",
    mono: true,
  },
];

/** The parts of a tRPC client error a gateway form reads. */
export type GatewaySaveFailure = {
  message: string;
  data?: { code?: string; fieldErrors?: { path: string; message: string }[]; location?: string } | null;
};

/**
 * The server's complaint about a field, from zod field errors (`edit.name` or `name`) or a domain error's
 * location (`name` for a taken name).
 */
export function gatewayFieldErrorsFrom(error: GatewaySaveFailure): GatewayFieldErrors {
  const errors: GatewayFieldErrors = {};
  for (const issue of error.data?.fieldErrors ?? []) {
    const field = issue.path.replace(/^edit\./, "") as GatewayField;
    if (FIELDS.some((candidate) => candidate.name === field)) errors[field] ??= issue.message;
  }
  const location = error.data?.location as GatewayField | undefined;
  if (location && FIELDS.some((candidate) => candidate.name === location)) errors[location] ??= error.message;
  return errors;
}

/** Create and edit share this form; it validates with the server's schema before sending. */
export function GatewayForm({
  idPrefix,
  value,
  onChange,
  onSubmit,
  onCancel,
  submitLabel,
  pending,
  serverErrors,
}: {
  idPrefix: string;
  value: GatewayEdit;
  onChange: (next: GatewayEdit) => void;
  onSubmit: (valid: GatewayEdit) => void;
  onCancel: () => void;
  submitLabel: string;
  pending: boolean;
  serverErrors: GatewayFieldErrors;
}) {
  const [errors, setErrors] = useState<GatewayFieldErrors>({});
  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = gatewayEditSchema.safeParse(value);
    if (!parsed.success) {
      setErrors(
        Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])),
      );
      return;
    }
    setErrors({});
    onSubmit(parsed.data);
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      {FIELDS.map((field) => {
        const id = `${idPrefix}-${field.name}`;
        const error = errors[field.name] ?? serverErrors[field.name];
        return (
          <div key={field.name}>
            <label htmlFor={id} className="block text-sm font-medium">
              {field.label}
            </label>
            <input
              id={id}
              value={value[field.name]}
              onChange={(event) => onChange({ ...value, [field.name]: event.target.value })}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-hint`}
              className={`mt-1 w-full rounded-md border border-zinc-300 bg-transparent px-2 py-1.5 dark:border-zinc-700 ${field.mono ? "font-mono text-sm" : ""}`}
            />
            <p id={`${id}-hint`} className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
              {field.hint}
            </p>
            {error ? <p className="mt-0.5 text-sm text-red-700 dark:text-red-300">{error}</p> : null}
          </div>
        );
      })}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
