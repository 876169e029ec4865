import { handleLiveEvents } from "~/server/live/live-events-handler";
import { liveEventsDependencies } from "~/server/live/live-events-deps";

// why: a stream per request, never cached or prerendered.
export const dynamic = "force-dynamic";

/** Live updates for the console (server-sent events): see live-events-handler.ts. */
export function GET(request: Request) {
  return handleLiveEvents(request, liveEventsDependencies());
}
