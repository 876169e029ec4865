"use client";

import { type FormEvent, type ReactNode, useState } from "react";
import { type AuditFilter, auditFilterSchema } from "@clawfleet/core/audit/audit-filter.schema";
import { Button } from "~/components/ui/button";

export const AUDIT_FILTER_KEYS = ["actor", "action", "targetType", "targetId", "from", "to"] as const;
type FilterKey = (typeof AUDIT_FILTER_KEYS)[number];

/** The filter as URL parameters (times as UTC ISO strings), shared by the list and the export links. */
export type AuditFilterParams = Partial<Record<FilterKey, string>>;

/** `datetime-local` values are the browser's local time; the URL keeps UTC ISO so links mean one instant. */
function localInputToIso(value: string): string {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

function isoToLocalInput(value: string | undefined): string {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const offsetMs = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offsetMs).toISOString().slice(0, 16);
}

export function parseAuditFilter(params: AuditFilterParams): AuditFilter | null {
  const parsed = auditFilterSchema.safeParse(params);
  return parsed.success ? parsed.data : null;
}

const inputClass =
  "mt-1 w-full rounded-md border border-zinc-300 bg-transparent px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-950";

function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <label className="block min-w-0">
      <span className="text-xs font-medium text-zinc-600 dark:text-zinc-300">{label}</span>
      {children}
      {error ? <span className="mt-1 block text-xs text-red-700 dark:text-red-300">{error}</span> : null}
    </label>
  );
}

/** A picker over the values present in the trail; a value from a shared link stays selectable. */
function FacetSelect({
  name,
  anyLabel,
  options,
  selected,
}: {
  name: FilterKey;
  anyLabel: string;
  options: string[];
  selected: string | undefined;
}) {
  return (
    <select name={name} defaultValue={selected ?? ""} className={inputClass}>
      <option value="">{anyLabel}</option>
      {[...new Set([...options, ...(selected ? [selected] : [])])].map((option) => (
        <option key={option}>{option}</option>
      ))}
    </select>
  );
}

/** Filters the audit log; validates with the server's schema before changing the URL. */
export function AuditFilterForm({
  value,
  actions,
  targetTypes,
  onApply,
}: {
  value: AuditFilterParams;
  actions: string[];
  targetTypes: string[];
  onApply: (next: AuditFilterParams) => void;
}) {
  const [errors, setErrors] = useState<Partial<Record<FilterKey, string>>>({});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: FilterKey) => {
      const raw = form.get(key);
      return typeof raw === "string" ? raw.trim() : "";
    };
    const next: AuditFilterParams = {
      actor: text("actor"),
      action: text("action"),
      targetType: text("targetType"),
      targetId: text("targetId"),
      from: localInputToIso(text("from")),
      to: localInputToIso(text("to")),
    };
    const parsed = auditFilterSchema.safeParse(next);
    if (!parsed.success) {
      setErrors(
        Object.fromEntries(
          parsed.error.issues.map((issue) => [String(issue.path[0] ?? "actor"), issue.message]),
        ),
      );
      return;
    }
    setErrors({});
    onApply(next);
  }

  return (
    <form
      key={JSON.stringify(value)}
      onSubmit={submit}
      aria-label="Filter the audit log"
      className="mt-4 grid gap-3 rounded-lg border border-zinc-200 p-3 sm:grid-cols-3 lg:grid-cols-6 dark:border-zinc-800"
      noValidate
    >
      <Field label="Actor" error={errors.actor}>
        <input name="actor" defaultValue={value.actor} placeholder="email contains…" className={inputClass} />
      </Field>
      <Field label="Action" error={errors.action}>
        <FacetSelect name="action" anyLabel="Any action" options={actions} selected={value.action} />
      </Field>
      <Field label="Target type" error={errors.targetType}>
        <FacetSelect
          name="targetType"
          anyLabel="Any target"
          options={targetTypes}
          selected={value.targetType}
        />
      </Field>
      <Field label="Target id" error={errors.targetId}>
        <input name="targetId" defaultValue={value.targetId} className={`${inputClass} font-mono`} />
      </Field>
      <Field label="From" error={errors.from}>
        <input
          type="datetime-local"
          name="from"
          defaultValue={isoToLocalInput(value.from)}
          className={inputClass}
        />
      </Field>
      <Field label="To" error={errors.to}>
        <input
          type="datetime-local"
          name="to"
          defaultValue={isoToLocalInput(value.to)}
          className={inputClass}
        />
      </Field>
      <div className="flex gap-2 sm:col-span-3 lg:col-span-6">
        <Button type="submit">Apply filters</Button>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            setErrors({});
            onApply({});
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
