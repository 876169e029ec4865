"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Notice } from "~/components/ui/notice";
import { useSessionRole } from "~/features/session/use-session-role";
import { useTRPC } from "~/trpc/react";

type SnippetTarget = { agentId: string } | { gatewayId: string };

/**
 * Shows an agent's or a gateway's settings as an `openclaw.json` JSON5 snippet (no secrets), with copy and
 * download. Fetched only when asked for.
 */
export function ConfigSnippetPanel({ target, title }: { target: SnippetTarget; title: string }) {
  const trpc = useTRPC();
  const blocked = useSessionRole().whyNot("admin");
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const agentSnippet = useQuery({
    ...trpc.exports.agentSnippet.queryOptions({ agentId: "agentId" in target ? target.agentId : "" }),
    enabled: open && "agentId" in target,
  });
  const gatewaySnippet = useQuery({
    ...trpc.exports.gatewaySnippet.queryOptions({ gatewayId: "gatewayId" in target ? target.gatewayId : "" }),
    enabled: open && "gatewayId" in target,
  });
  const snippet = "agentId" in target ? agentSnippet : gatewaySnippet;

  async function copy(text: string) {
    await navigator.clipboard.writeText(text);
    setCopied(true);
  }

  function download(fileName: string, text: string) {
    const url = URL.createObjectURL(new Blob([text], { type: "application/json5" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <section aria-label={title} className="space-y-2">
      <div className="flex items-center gap-3">
        <Button
          type="button"
          variant="secondary"
          disabled={blocked !== null}
          title={blocked ?? undefined}
          onClick={() => setOpen(!open)}
        >
          {open ? "Hide config snippet" : "Show config snippet"}
        </Button>
        <span className="text-zinc-500 dark:text-zinc-400">
          {blocked ?? "openclaw.json (JSON5), no secrets"}
        </span>
      </div>
      {open && snippet.error ? <Notice tone="error">{snippet.error.message}</Notice> : null}
      {open && snippet.isPending ? <p aria-busy="true">Building the snippet…</p> : null}
      {open && snippet.data ? (
        <div className="space-y-2">
          <pre
            className="max-h-96 overflow-auto rounded-md bg-zinc-50 p-3 font-mono text-xs dark:bg-zinc-900"
            aria-label="Config snippet"
          >
            {snippet.data.text}
          </pre>
          <div className="flex gap-2">
            <Button type="button" variant="secondary" onClick={() => void copy(snippet.data.text)}>
              {copied ? "Copied" : "Copy"}
            </Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => download(snippet.data.fileName, snippet.data.text)}
            >
              Download {snippet.data.fileName}
            </Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
