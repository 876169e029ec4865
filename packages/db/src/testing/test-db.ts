import { afterAll } from "vitest";
import { type DbClient, createDbClient } from "../client";

/** The client for this test file's own database (see test-database-per-file.ts); closed after the file. */
export function useTestDb(): DbClient {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run this test through vitest with the db test setup.");
  const db = createDbClient(url, { maxConnections: 25 });
  afterAll(async () => {
    await db.$disconnect();
  });
  return db;
}
