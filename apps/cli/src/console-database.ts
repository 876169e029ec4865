import {
  type DbClient,
  createDbClient,
  databaseLocation,
  databaseUnavailableReason,
} from "@clawfleet/db/client";
import { type SecretBox, SecretKeyError, openSecretBox } from "@clawfleet/db/secret-box";
import { checkSecretKey } from "@clawfleet/services/credentials/secret-key-check";
import { chooseTeam } from "@clawfleet/services/teams/choose-team";

import type { CliIo } from "./cli-io";

/**
 * The console database for commands that read or write it: `DATABASE_URL` and `CLAWFLEET_SECRET_KEY`
 * from the environment, the key proven against the database's sentinel, and the team chosen by `--team`
 * (or the only team there is).
 */

export type ConsoleDatabase = {
  db: DbClient;
  box: SecretBox | null;
  team: { id: string; slug: string; name: string };
};

export type OpenResult = { ok: true; value: ConsoleDatabase } | { ok: false; message: string };

export async function openConsoleDatabase(
  io: CliIo,
  teamSlug: string | undefined,
  options: { needsKey: boolean },
): Promise<OpenResult> {
  const url = io.env.DATABASE_URL;
  if (!url) return { ok: false, message: "DATABASE_URL is not set; point it at the Clawfleet database." };
  let box: SecretBox | null = null;
  try {
    if (options.needsKey) box = openSecretBox(io.env.CLAWFLEET_SECRET_KEY);
  } catch (error) {
    if (error instanceof SecretKeyError) return { ok: false, message: error.message };
    throw error;
  }
  const db = createDbClient(url, { maxConnections: 3 });
  try {
    if (box) await checkSecretKey({ db, secretBox: box });
    const chosen = await chooseTeam({ db }, { slug: teamSlug });
    if (!chosen.ok) {
      await db.$disconnect();
      return chosen;
    }
    return { ok: true, value: { db, box, team: chosen.team } };
  } catch (error) {
    await db.$disconnect();
    if (error instanceof SecretKeyError) return { ok: false, message: error.message };
    const unavailable = databaseUnavailableMessage(url, error);
    if (unavailable) return { ok: false, message: unavailable };
    throw error;
  }
}

/** What to print when `error` means the database at `url` cannot be used at all; null for any other error. */
export function databaseUnavailableMessage(url: string, error: unknown): string | null {
  const reason = databaseUnavailableReason(error);
  return reason ? `cannot use the Clawfleet database at ${databaseLocation(url)}: ${reason}.` : null;
}
