import type { ReactNode } from "react";

const tones = {
  error: "border-red-300 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100",
  warning:
    "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
  success:
    "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  info: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100",
} as const;

const labels = { error: "Error", warning: "Warning", success: "Done", info: "Note" } as const;

/** A bordered message; its tone is also spelled out in words, so colour is never the only signal. */
export function Notice({
  tone,
  children,
  role,
}: {
  tone: keyof typeof tones;
  children: ReactNode;
  role?: "alert" | "status";
}) {
  return (
    <div
      role={role ?? (tone === "error" ? "alert" : "status")}
      className={`rounded-md border px-3 py-2 ${tones[tone]}`}
    >
      <span className="font-semibold">{labels[tone]}: </span>
      {children}
    </div>
  );
}
