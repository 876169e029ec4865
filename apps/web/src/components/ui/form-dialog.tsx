"use client";

import { type FormEvent, type ReactNode, useId } from "react";
import { Button } from "./button";
import { ModalDialog } from "./modal-dialog";

/**
 * A form in a modal dialog (ModalDialog): a title, the fields it is given, the form's own problem in words, and a
 * submit named for the action beside Cancel. Its fields mount when it opens, so each opening starts fresh.
 */
export function FormDialog({
  open,
  title,
  description,
  submitLabel,
  busy = false,
  problem,
  onSubmit,
  onCancel,
  children,
}: {
  open: boolean;
  title: string;
  description?: ReactNode;
  submitLabel: string;
  busy?: boolean;
  /** The problem no field owns (a conflict, a missing permission). */
  problem?: string | null;
  onSubmit: (form: HTMLFormElement) => void | Promise<void>;
  onCancel: () => void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <ModalDialog
      open={open}
      busy={busy}
      labelledBy={`${id}-title`}
      describedBy={description ? `${id}-description` : undefined}
      onCancel={onCancel}
      className="border-zinc-200 dark:border-zinc-700"
    >
      <form
        noValidate
        className="space-y-4 p-5"
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          if (!busy) void onSubmit(event.currentTarget);
        }}
      >
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h2>
        {description ? (
          <div id={`${id}-description`} className="text-zinc-600 dark:text-zinc-300">
            {description}
          </div>
        ) : null}
        <div className="space-y-3">{children}</div>
        {problem ? (
          <p role="alert" className="text-red-700 dark:text-red-300">
            {problem}
          </p>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="secondary" disabled={busy} onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" disabled={busy}>
            {busy ? "Working…" : submitLabel}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
