"use client";

import { CopyButton } from "~/features/status/copy-button";

/** A hand-off link, shown exactly once: the console keeps only its hash, so it cannot be shown again. */
export function IssuedLink({ path, expiresAt }: { path: string; expiresAt: Date }) {
  const url = typeof window === "undefined" ? path : `${window.location.origin}${path}`;
  return (
    <div
      role="status"
      className="space-y-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 dark:border-emerald-800 dark:bg-emerald-950"
    >
      <p className="font-medium">
        Hand-off link ready. Send it to the person who will re-authenticate; it is shown only now, works once,
        and expires {expiresAt.toLocaleString()}. They must sign in to use it.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <input
          readOnly
          aria-label="Hand-off link"
          value={url}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-900"
        />
        <CopyButton text={url} label="Copy link" />
      </div>
    </div>
  );
}
