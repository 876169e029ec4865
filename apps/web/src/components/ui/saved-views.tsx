"use client";

import { type FormEvent, useState } from "react";
import { Button } from "./button";

/** A named view: the URL query it reopens. */
export type NamedView = { name: string; query: string };

/**
 * Saved views of a list as chips (the current one marked), each with a remove button, and a small form to
 * save the current view under a name.
 */
export function SavedViews({
  views,
  currentQuery,
  onOpen,
  onSave,
  onRemove,
}: {
  views: NamedView[];
  currentQuery: string;
  onOpen: (view: NamedView) => void;
  onSave: (name: string) => void;
  onRemove: (view: NamedView) => void;
}) {
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    onSave(name);
    setName("");
    setNaming(false);
  }

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" aria-label="Saved views" role="group">
      {views.map((view) => {
        const current = view.query === currentQuery;
        return (
          <span
            key={view.name}
            className={`inline-flex items-center rounded-full border ${current ? "border-sky-500 bg-sky-50 dark:bg-sky-950" : "border-zinc-300 dark:border-zinc-700"}`}
          >
            <button
              type="button"
              aria-current={current ? "true" : undefined}
              onClick={() => onOpen(view)}
              className="rounded-l-full py-0.5 pl-3 pr-1 hover:underline"
            >
              {view.name}
            </button>
            <button
              type="button"
              aria-label={`Remove saved view ${view.name}`}
              onClick={() => onRemove(view)}
              className="rounded-r-full px-2 py-0.5 text-zinc-500 hover:text-red-700 dark:hover:text-red-300"
            >
              ×
            </button>
          </span>
        );
      })}
      {naming ? (
        <form onSubmit={submit} className="inline-flex items-center gap-1">
          <label className="sr-only" htmlFor="saved-view-name">
            View name
          </label>
          <input
            id="saved-view-name"
            autoFocus
            value={name}
            maxLength={60}
            onChange={(event) => setName(event.target.value)}
            placeholder="Name this view"
            className="w-40 rounded-md border border-zinc-300 bg-transparent px-2 py-0.5 dark:border-zinc-700"
          />
          <Button type="submit" variant="secondary" disabled={!name.trim()}>
            Save
          </Button>
          <Button type="button" variant="secondary" onClick={() => setNaming(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setNaming(true)}>
          Save view
        </Button>
      )}
    </div>
  );
}
