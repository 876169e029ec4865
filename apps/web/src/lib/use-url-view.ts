"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";

/**
 * A list view whose state (search, filters, page) lives in the URL so it can be shared: the current
 * params, a setter that merges changes (an empty value removes a key), the page, and a search box draft
 * applied a moment after the user stops typing (which also returns to page 1).
 */
export function useUrlView({ searchDelayMs = 250 }: { searchDelayMs?: number } = {}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const search = params.get("q") ?? "";
  const page = Math.max(1, Number(params.get("page") ?? "1") || 1);
  const [searchDraft, setSearchDraft] = useState(search);
  /** The view last asked for, until the URL shows it (a navigation commits only when its data arrives). */
  const pending = useRef<string | null>(null);

  useEffect(() => setSearchDraft(search), [search]);
  useEffect(() => {
    if (pending.current !== null && sortedQuery(params) === pending.current) pending.current = null;
  }, [params]);

  function setParams(next: Record<string, string>) {
    // why: build on the view last asked for, not the URL at render (nor the URL now, which lags until the
    // navigation's data arrives): a debounced search must not undo a filter chosen while it waited.
    const merged = new URLSearchParams(pending.current ?? window.location.search);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    pending.current = sortedQuery(merged);
    router.replace(`${pathname}?${merged.toString()}`);
  }

  useEffect(() => {
    if (searchDraft === search) return;
    const timer = setTimeout(() => setParams({ q: searchDraft, page: "" }), searchDelayMs);
    return () => clearTimeout(timer);
  }, [searchDraft]);

  return { params, search, page, searchDraft, setSearchDraft, setParams };
}

function sortedQuery(params: URLSearchParams | { toString(): string }): string {
  const copy = new URLSearchParams(params.toString());
  copy.sort();
  return copy.toString();
}
