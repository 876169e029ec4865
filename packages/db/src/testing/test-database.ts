/**
 * Real-Postgres test databases: one migrated template per test run, and a fresh copy of it for each test
 * file (CREATE DATABASE … TEMPLATE is a file copy, ~50 ms), so files run in parallel without sharing rows.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { installJobQueue } from "../job-queue";

/** The server to create test databases on; the role needs CREATEDB. */
export function testServerUrl(): string {
  return process.env.CLAWFLEET_TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function databaseUrl(name: string, serverUrl = testServerUrl()): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>, serverUrl = testServerUrl()): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl("postgres", serverUrl) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const prismaCli = fileURLToPath(new URL("../../scripts/prisma.cjs", import.meta.url));

/** Creates `name`, applies every migration to it and installs the job queue's schema. */
export async function createMigratedDatabase(name: string): Promise<string> {
  await onServer((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(name);
  execFileSync(process.execPath, [prismaCli, "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  await installJobQueue(url);
  return url;
}

export async function createDatabaseFromTemplate(name: string, template: string): Promise<string> {
  await onServer((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return databaseUrl(name);
}

export async function dropDatabases(namePrefix: string): Promise<void> {
  await onServer(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname DESC",
      [`${namePrefix}%`],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}

/** Test run ids look like `cf_t_<pid>_<time>`; Postgres folds unquoted names to lower case, so keep them so. */
export function newRunId(): string {
  return `cf_t_${process.pid}_${Date.now().toString(36)}`;
}
