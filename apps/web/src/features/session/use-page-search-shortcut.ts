"use client";

import { useEffect } from "react";

/** Whether a key press happens while the user is typing somewhere (where `/` is a character, not a shortcut). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * `/` focuses the page's search box: the element marked `data-page-search`, else the page's first search input.
 * A page opts in by marking its box; nothing happens while focus is in a field, or with a modifier key held.
 */
export function usePageSearchShortcut() {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "/" || event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented)
        return;
      if (isTypingTarget(event.target)) return;
      const box =
        document.querySelector<HTMLElement>("main [data-page-search]") ??
        document.querySelector<HTMLElement>("main input[type='search']");
      if (!box) return;
      event.preventDefault();
      box.focus();
      if (box instanceof HTMLInputElement) box.select();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
