import { db } from "~/server/db";
import { clientAddressOf } from "~/server/http/client-address";
import { handleIngestStatus } from "~/server/ingest/ingest-status-handler";

/** A gateway host posts `openclaw models status --json` output here with its ingest token (README: cron). */
export function POST(request: Request): Promise<Response> {
  return handleIngestStatus(request, {
    db: db(),
    clientAddressOf: (request) => clientAddressOf(request.headers),
    now: () => new Date(),
    log: (line) => console.info(line),
  });
}
