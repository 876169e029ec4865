import { type DbClient, createDbClient } from "@clawfleet/db/client";
import { type SecretBox, SecretKeyError, openSecretBox } from "@clawfleet/db/secret-box";
import { verifySecretKeyAgainstDatabase } from "@clawfleet/db/secret-key-sentinel.repository";

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
    if (box) await verifySecretKeyAgainstDatabase(db, box);
    const teams = await db.team.findMany({
      where: teamSlug === undefined ? {} : { slug: teamSlug },
      select: { id: true, slug: true, name: true },
      orderBy: { slug: "asc" },
      take: 20,
    });
    const [team] = teams;
    if (!team) {
      await db.$disconnect();
      return {
        ok: false,
        message:
          teamSlug === undefined ? "The database has no team yet." : `No team with slug "${teamSlug}".`,
      };
    }
    if (teams.length > 1) {
      await db.$disconnect();
      return {
        ok: false,
        message: `Several teams exist; choose one with --team <slug> (${teams.map((candidate) => candidate.slug).join(", ")}).`,
      };
    }
    return { ok: true, value: { db, box, team } };
  } catch (error) {
    await db.$disconnect();
    if (error instanceof SecretKeyError) return { ok: false, message: error.message };
    throw error;
  }
}
