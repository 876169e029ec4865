"use client";

import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { Button } from "./button";

const tones = {
  /** Something goes away or stops working: a red frame and a red confirming button. */
  danger: "border-red-300 dark:border-red-900",
  /** Something is replaced or overwritten: amber frame, the ordinary confirming button. */
  warning: "border-amber-300 dark:border-amber-800",
} as const;

/**
 * A modal confirmation for a destructive action. It states the impact it is given ("removes 13 agents and 5
 * credentials"), names its confirming button for the action, and is a native modal `<dialog>` with the
 * `alertdialog` role: the page behind it is inert, focus starts on Cancel (the safe choice) and returns to whatever
 * opened it, and Escape cancels. With `typeToConfirm`, the button stays disabled until that text is typed.
 */
export function ConfirmDialog({
  open,
  title,
  confirmLabel,
  tone = "danger",
  busy = false,
  error,
  typeToConfirm,
  onConfirm,
  onCancel,
  children,
}: {
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
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);
  const [typed, setTyped] = useState("");

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement;
      setTyped("");
      element.showModal();
      cancel.current?.focus();
    } else if (!open && element.open) {
      element.close();
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    }
  }, [open]);

  const blocked = busy || (typeToConfirm !== undefined && typed !== typeToConfirm);
  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-impact`}
      aria-modal="true"
      // why: Escape fires `cancel`; the parent decides (it closes by setting `open`), and a busy dialog stays.
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
      className={`m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border-2 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:bg-zinc-900 dark:text-zinc-100 ${tones[tone]}`}
    >
      <form
        method="dialog"
        className="space-y-4 p-5"
        onSubmit={(event) => {
          event.preventDefault();
          if (!blocked) onConfirm();
        }}
      >
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
          <Button type="submit" variant={tone === "danger" ? "danger" : "primary"} disabled={blocked}>
            {busy ? "Working…" : confirmLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
