"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SavedViewList } from "@clawfleet/core/fleet/saved-view";
import { Notice } from "~/components/ui/notice";
import { SavedViews } from "~/components/ui/saved-views";
import { viewQueryOf } from "~/lib/view-query";
import { useTRPC } from "~/trpc/react";

/**
 * A list's saved views as chips: the member's own (kept per member and team, so they follow them to any
 * browser), the current one marked. A view is the list's URL query for `keys`; opening one replaces those
 * keys and returns to page 1.
 */
export function SavedViewsBar({
  list,
  keys,
  params,
  setParams,
}: {
  list: SavedViewList;
  keys: readonly string[];
  params: { toString(): string };
  setParams: (next: Record<string, string>) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const views = useQuery(trpc.savedViews.list.queryOptions({ list }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.savedViews.list.queryKey({ list }) });
  const save = useMutation(trpc.savedViews.save.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.savedViews.remove.mutationOptions({ onSuccess: refresh }));
  const currentQuery = viewQueryOf(new URLSearchParams(params.toString()), keys);
  const problem = views.error ?? save.error ?? remove.error;

  return (
    <div className="space-y-1">
      <SavedViews
        views={views.data ?? []}
        currentQuery={currentQuery}
        onOpen={(view) => {
          const next = new URLSearchParams(view.query);
          setParams({ ...Object.fromEntries(keys.map((key) => [key, next.get(key) ?? ""])), page: "" });
        }}
        onSave={(name) => save.mutate({ list, name, query: currentQuery })}
        onRemove={(view) => {
          const saved = views.data?.find((candidate) => candidate.name === view.name);
          if (saved) remove.mutate({ id: saved.id });
        }}
      />
      {problem ? <Notice tone="error">Saved views: {problem.message}</Notice> : null}
    </div>
  );
}
