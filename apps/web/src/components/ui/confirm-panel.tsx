import type { ReactNode } from "react";
import { Button } from "./button";

const tones = {
  /** Something goes away or stops working: the panel and its button are red. */
  danger: "border-red-300 bg-red-50 dark:border-red-900 dark:bg-red-950",
  /** Something is replaced or overwritten: amber. */
  warning: "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950",
} as const;

/**
 * An inline confirmation that states what the action will do before it runs, with the confirming button named for
 * the action ("Yes, revoke the agent") and a Cancel. It is an `alertdialog` labelled by its message.
 */
export function ConfirmPanel({
  id,
  tone,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
  children,
}: {
  id: string;
  tone: keyof typeof tones;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** The impact, in words: what goes, what is replaced, who is cut off. */
  children: ReactNode;
}) {
  return (
    <div role="alertdialog" aria-labelledby={id} className={`space-y-2 rounded-md border p-3 ${tones[tone]}`}>
      <p id={id}>
        <span className="font-semibold">Confirm: </span>
        {children}
      </p>
      <div className="flex gap-2">
        <Button
          type="button"
          variant={tone === "danger" ? "danger" : "primary"}
          disabled={busy}
          onClick={onConfirm}
        >
          {busy ? "Working…" : confirmLabel}
        </Button>
        <Button type="button" variant="secondary" disabled={busy} onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
