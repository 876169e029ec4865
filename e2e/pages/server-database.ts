import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

/** The database the e2e server runs on (written by start-test-server.mjs). */
export function serverDatabaseUrl(): string {
  const file = join(dirname(fileURLToPath(import.meta.url)), "..", ".server", "server-env.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { DATABASE_URL: string }).DATABASE_URL;
}

/** Runs `work` on a fresh connection to the e2e server's database, closed afterwards. */
export async function withServerDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
