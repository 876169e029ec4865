"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";

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

  useEffect(() => setSearchDraft(search), [search]);

  function setParams(next: Record<string, string>) {
    // why: read the URL as it is now, not as it was at render: a debounced search must not undo a filter
    // chosen while it waited.
    const merged = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    router.replace(`${pathname}?${merged.toString()}`);
  }

  useEffect(() => {
    if (searchDraft === search) return;
    const timer = setTimeout(() => setParams({ q: searchDraft, page: "" }), searchDelayMs);
    return () => clearTimeout(timer);
  }, [searchDraft]);

  return { params, search, page, searchDraft, setSearchDraft, setParams };
}
