import { type ConsoleSearchHits, searchConsole } from "@clawfleet/db/console-search.repository";
import type { ServiceDeps, TeamScope } from "../service-context";

/** At most this many hits of each kind: the palette is a jump list, not a result page. */
export const CONSOLE_SEARCH_LIMIT = 6;

/** Fingerprints are hex HMACs; a prefix this long or longer is worth looking up as one. */
const FINGERPRINT_PREFIX = /^[0-9a-f]{6,64}$/u;

/**
 * The command palette's lookup: a team's agents by id or name, auth profiles by id or credential fingerprint,
 * and gateways by name. Blank text finds nothing (the palette lists its pages then).
 */
export async function searchConsoleTargets(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { text }: { text: string },
): Promise<ConsoleSearchHits> {
  const needle = text.trim();
  if (!needle) return { agents: [], profiles: [], gateways: [] };
  const lower = needle.toLowerCase();
  return searchConsole(db, {
    teamId,
    text: needle,
    fingerprintPrefix: FINGERPRINT_PREFIX.test(lower) ? lower : null,
    limit: CONSOLE_SEARCH_LIMIT,
  });
}
