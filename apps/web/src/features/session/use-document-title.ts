"use client";

import { useEffect } from "react";

/**
 * Names the browser tab after a thing loaded on the client (`Billing triage 4 · Agents · Clawfleet`): the parts
 * from the most specific, then the product. Nothing happens until the name is known.
 */
export function useDocumentTitle(parts: readonly (string | null | undefined)[] | null) {
  const title = parts?.every(Boolean) ? [...parts, "Clawfleet"].join(" · ") : null;
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);
}
