import { commandLine } from "@clawfleet/core/shell/command-line";

/** Where a gateway host posts its reports, on the console the browser is talking to. */
export function ingestEndpointUrl(origin: string): string {
  return `${origin.replace(/\/+$/u, "")}/api/ingest/status`;
}

/**
 * The crontab line a gateway host runs to report one agent every five minutes. The token stays in the
 * `CLAWFLEET_INGEST_TOKEN` variable (set on its own crontab line) so it is not repeated per agent; the
 * default agent is reported without `--agent`, exactly as a bare `openclaw models status` shows it.
 */
export function ingestCronLine(origin: string, agentKey?: string): string {
  const status = commandLine([
    "openclaw",
    "models",
    "status",
    "--json",
    ...(agentKey ? ["--agent", agentKey] : []),
  ]);
  const post = commandLine(["--data-binary", "@-", ingestEndpointUrl(origin)]);
  // why: the token variable must stay unquoted-expandable, so the curl head is fixed text, not argv.
  return `*/5 * * * * ${status} | curl -fsS -X POST -H "Authorization: Bearer $CLAWFLEET_INGEST_TOKEN" -H 'Content-Type: application/json' ${post}`;
}
