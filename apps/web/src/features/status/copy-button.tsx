"use client";

import { useEffect, useState } from "react";
import { Button } from "~/components/ui/button";

/** Copies `text` to the clipboard and says so ("Copied"), or says why it could not. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button type="button" variant="secondary" onClick={() => void copy()}>
        {label}
      </Button>
      <span role="status" aria-live="polite" className="text-zinc-600 dark:text-zinc-400">
        {state === "copied"
          ? "Copied"
          : state === "failed"
            ? "Copy failed: select the text and copy it by hand."
            : ""}
      </span>
    </span>
  );
}
