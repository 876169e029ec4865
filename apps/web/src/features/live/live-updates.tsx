"use client";

import { type LiveConnection, useLiveConnection } from "./live-connection";
import { useLiveUpdates } from "./use-live-updates";

const LABELS: Record<LiveConnection, { text: string; title: string; dot: string }> = {
  connecting: { text: "Connecting", title: "Opening live updates…", dot: "bg-zinc-400" },
  live: { text: "Live", title: "Changes appear as they happen.", dot: "bg-emerald-500" },
  reconnecting: {
    text: "Reconnecting",
    title: "Live updates are interrupted; pages refresh every minute until they are back.",
    dot: "bg-amber-500",
  },
  ended: {
    text: "Offline",
    title: "Your session ended; sign in again for live updates.",
    dot: "bg-zinc-400",
  },
};

/** Opens the tab's live-updates stream and shows its state. Mount once, in the console shell. */
export function LiveUpdates() {
  useLiveUpdates();
  const connection = useLiveConnection();
  const label = LABELS[connection];
  return (
    <span
      role="status"
      aria-label={`Live updates: ${label.text}`}
      title={label.title}
      data-live-state={connection}
      className="inline-flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400"
    >
      <span aria-hidden className={`size-2 rounded-full ${label.dot}`} />
      {/* why: on a phone the header has room for the dot only; the status's name still says it. */}
      <span className="hidden sm:inline">{label.text}</span>
    </span>
  );
}
