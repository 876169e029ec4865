import "server-only";
import { createChangeFeed } from "@clawfleet/services/live/change-feed";
import { ACTIVE_TEAM_COOKIE } from "../api/http-context";
import { db } from "../db";
import { serverEnv } from "../env";
import type { LiveEventsDependencies } from "./live-events-handler";

/**
 * Once per server process: in particular ONE LISTEN connection on the change feed that every open event stream of
 * this process shares (no connection per browser tab).
 */
const globalForLive = globalThis as unknown as { clawfleetLiveEvents?: LiveEventsDependencies };

export function liveEventsDependencies(): LiveEventsDependencies {
  if (globalForLive.clawfleetLiveEvents) return globalForLive.clawfleetLiveEvents;
  const env = serverEnv();
  globalForLive.clawfleetLiveEvents = {
    deps: { db: db(), now: () => new Date() },
    feed: createChangeFeed(env.DATABASE_URL, {
      onConnectionError: (error) =>
        console.error(
          `[clawfleet] change-feed listener lost its connection (${error instanceof Error ? error.name : "unknown"}); reconnecting`,
        ),
    }),
    secret: env.NEXTAUTH_SECRET,
    maxAgeSeconds: env.CLAWFLEET_SESSION_MAX_AGE,
    teamCookie: ACTIVE_TEAM_COOKIE,
  };
  return globalForLive.clawfleetLiveEvents;
}
