import { db } from "~/server/db";
import { clientAddressOf } from "~/server/http/client-address";
import { handleIngestStatus } from "~/server/ingest/ingest-status-handler";
import { SlidingWindowRateLimiter } from "~/server/ingest/sliding-window-rate-limiter";

// why: per-instance memory (see the limiter). 120 reports a minute per token is a host reporting 600 agents
// every 5 minutes, and stops a runaway loop long before it fills the snapshot table.
const limiter = new SlidingWindowRateLimiter({ limit: 120, windowMs: 60_000 });

/** A gateway host posts `openclaw models status --json` output here with its ingest token (README: cron). */
export function POST(request: Request): Promise<Response> {
  return handleIngestStatus(request, {
    db: db(),
    limiter,
    clientAddressOf: (request) => clientAddressOf(request.headers),
    now: () => new Date(),
    log: (line) => console.info(line),
  });
}
