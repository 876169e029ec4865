import { type ReactNode, useId } from "react";

/** What a control needs to be labelled by its Field and to announce the Field's hint and error. */
export type FieldControlProps = {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
};

/**
 * A label, one control and the words around it: an optional hint and an error in plain words, both attached to the
 * control with `aria-describedby` (the error also sets `aria-invalid`), so a screen reader reads them with the field.
 * The control is rendered by `children`, which receives the props to spread on it.
 */
export function Field({
  label,
  hint,
  error,
  children,
  className = "",
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  children: (control: FieldControlProps) => ReactNode;
  className?: string;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {hint ? (
        <p id={hintId ?? undefined} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId ?? undefined} className="text-xs font-medium text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The console's text input look, for controls rendered inside a Field. */
export const inputClassName =
  "rounded-md border border-zinc-300 bg-transparent px-3 py-1.5 aria-invalid:border-red-600 dark:border-zinc-700 dark:aria-invalid:border-red-400";
