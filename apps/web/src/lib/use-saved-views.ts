"use client";

import { useEffect, useState } from "react";

/** A named list view: the URL query (search, filters, sort) it reopens. */
export type SavedView = { name: string; query: string };

const MAX_VIEWS = 20;
const MAX_NAME = 60;

function isSavedView(value: unknown): value is SavedView {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as SavedView).name === "string" &&
    typeof (value as SavedView).query === "string"
  );
}

function read(storageKey: string): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(storageKey) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isSavedView) : [];
  } catch {
    return [];
  }
}

/** The view part of a URL query: only `keys`, sorted, so one view has one spelling. */
export function viewQueryOf(params: URLSearchParams, keys: readonly string[]): string {
  const kept = new URLSearchParams();
  for (const key of keys) {
    const value = params.get(key);
    if (value) kept.set(key, value);
  }
  kept.sort();
  return kept.toString();
}

/**
 * Views of one list saved in this browser (localStorage under `storageKey`): save the current one under a
 * name (the same name replaces it), remove one. A view is a URL query, so it can also be shared as a link.
 */
export function useSavedViews(storageKey: string) {
  const [views, setViews] = useState<SavedView[]>([]);
  useEffect(() => setViews(read(storageKey)), [storageKey]);

  function store(next: SavedView[]) {
    setViews(next);
    window.localStorage.setItem(storageKey, JSON.stringify(next));
  }

  return {
    views,
    save(name: string, query: string) {
      const trimmed = name.trim().slice(0, MAX_NAME);
      if (!trimmed) return;
      const others = read(storageKey).filter((view) => view.name !== trimmed);
      store([...others, { name: trimmed, query }].slice(-MAX_VIEWS));
    },
    remove(name: string) {
      store(read(storageKey).filter((view) => view.name !== name));
    },
  };
}
