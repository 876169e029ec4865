"use client";

import { useSyncExternalStore } from "react";

/**
 * Whether this tab's live-updates stream is up, for the indicator and for the pages that poll slowly only while it
 * is down. One value per tab (the stream is opened once, by the console shell).
 */
export type LiveConnection = "connecting" | "live" | "reconnecting" | "ended";

let current: LiveConnection = "connecting";
const listeners = new Set<() => void>();

export function setLiveConnection(next: LiveConnection): void {
  if (next === current) return;
  current = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function useLiveConnection(): LiveConnection {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => "connecting" as const,
  );
}

/** How often a page that live updates cover polls anyway: never while the stream is up, slowly while it is not. */
export function useFallbackRefetchInterval(slowMs = 60_000): number | false {
  return useLiveConnection() === "live" ? false : slowMs;
}
