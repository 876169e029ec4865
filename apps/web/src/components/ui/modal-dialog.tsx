"use client";

import { type ReactNode, type RefObject, useEffect, useRef } from "react";

/**
 * A native modal `<dialog>` driven by `open`: the page behind it is inert, focus moves to `initialFocus` (or the
 * first field) on open and back to whatever opened it on close, and Escape asks `onCancel` (ignored while `busy`).
 */
export function ModalDialog({
  open,
  busy = false,
  role = "dialog",
  labelledBy,
  describedBy,
  initialFocus,
  className = "",
  onCancel,
  children,
}: {
  open: boolean;
  busy?: boolean;
  role?: "dialog" | "alertdialog";
  labelledBy: string;
  describedBy?: string;
  initialFocus?: RefObject<HTMLElement | null>;
  className?: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement;
      element.showModal();
      const first = initialFocus?.current ?? element.querySelector<HTMLElement>("input, select, textarea");
      first?.focus();
    } else if (!open && element.open) {
      element.close();
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    }
  }, [open, initialFocus]);

  return (
    <dialog
      ref={dialog}
      role={role === "alertdialog" ? "alertdialog" : undefined}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      aria-modal="true"
      // why: Escape fires `cancel`; the parent decides (it closes by setting `open`), and a busy dialog stays.
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
      className={`m-auto w-[min(34rem,calc(100vw-2rem))] rounded-lg border-2 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:bg-zinc-900 dark:text-zinc-100 ${className}`}
    >
      {open ? children : null}
    </dialog>
  );
}
