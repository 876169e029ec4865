"use client";

import { type ReactNode, type RefObject, useId, useRef, useState } from "react";
import { Button } from "./button";
import { ModalDialog } from "./modal-dialog";

const tones = {
  /** Something goes away or stops working: a red frame and a red confirming button. */
  danger: "border-red-300 dark:border-red-900",
  /** Something is replaced or overwritten: amber frame, the ordinary confirming button. */
  warning: "border-amber-300 dark:border-amber-800",
} as const;

/**
 * A modal confirmation for a destructive action. It states the impact it is given ("removes 13 agents and 5
 * credentials"), names its confirming button for the action, and is a modal `alertdialog` (ModalDialog): the page
 * behind it is inert, focus starts on Cancel (the safe choice) and returns to whatever opened it, and Escape
 * cancels. With `typeToConfirm`, the button stays disabled until that text is typed.
 */
type ConfirmDialogProps = {
  open: boolean;
  title: string;
  confirmLabel: string;
  tone?: keyof typeof tones;
  busy?: boolean;
  /** Why the last attempt failed, shown in the dialog (which stays open). */
  error?: string | null;
  typeToConfirm?: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** The impact, in words: what goes, what is replaced, who is cut off. */
  children: ReactNode;
};

export function ConfirmDialog(props: ConfirmDialogProps) {
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog
      open={props.open}
      busy={props.busy}
      role="alertdialog"
      labelledBy={`${id}-title`}
      describedBy={`${id}-impact`}
      initialFocus={cancel}
      onCancel={props.onCancel}
      className={tones[props.tone ?? "danger"]}
    >
      {/* Mounted only while open, so a typed confirmation starts empty each time. */}
      <ConfirmForm {...props} id={id} cancel={cancel} />
    </ModalDialog>
  );
}

function ConfirmForm({
  id,
  cancel,
  title,
  confirmLabel,
  tone = "danger",
  busy = false,
  error,
  typeToConfirm,
  onConfirm,
  onCancel,
  children,
}: ConfirmDialogProps & { id: string; cancel: RefObject<HTMLButtonElement | null> }) {
  const [typed, setTyped] = useState("");
  const blocked = busy || (typeToConfirm !== undefined && typed !== typeToConfirm);
  return (
    // why: not a <form>: a confirmation is often opened from inside a form (a save that asks first), and a form
    // nested in a form neither submits reliably nor keeps its submit to itself.
    <div className="space-y-4 p-5">
      <h2 id={`${id}-title`} className="text-base font-semibold">
        {title}
      </h2>
      <div id={`${id}-impact`} className="space-y-2">
        {children}
      </div>
      {typeToConfirm !== undefined ? (
        <label className="flex flex-col gap-1">
          <span>
            Type <span className="font-mono font-semibold">{typeToConfirm}</span> to confirm
          </span>
          <input
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== "Enter") return;
              event.preventDefault();
              if (!blocked) onConfirm();
            }}
            autoComplete="off"
            spellCheck={false}
            className="rounded-md border border-zinc-300 bg-transparent px-3 py-1.5 font-mono dark:border-zinc-700"
          />
        </label>
      ) : null}
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap justify-end gap-2">
        <Button ref={cancel} type="button" variant="secondary" disabled={busy} onClick={onCancel}>
          Cancel
        </Button>
        <Button
          type="button"
          variant={tone === "danger" ? "danger" : "primary"}
          disabled={blocked}
          onClick={onConfirm}
        >
          {busy ? "Working…" : confirmLabel}
        </Button>
      </div>
    </div>
  );
}
