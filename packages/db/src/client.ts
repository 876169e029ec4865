import { PrismaPg } from "@prisma/adapter-pg";
import { type Prisma, PrismaClient } from "./generated/prisma/client";

export { Prisma } from "./generated/prisma/client";

export type DbClient = PrismaClient;
/** Either the client or an interactive transaction, so repositories compose inside `$transaction`. */
export type Db = PrismaClient | Prisma.TransactionClient;

export type DbClientOptions = {
  /** Pool size; the embedded PGlite server accepts only a few connections. */
  maxConnections?: number;
};

/** The Prisma client over node-postgres (Prisma's JS engine: no native binaries, toolchain.md §1b). */
export function createDbClient(connectionString: string, options: DbClientOptions = {}): DbClient {
  const adapter = new PrismaPg({
    connectionString,
    max: options.maxConnections ?? 10,
    // why: a pool connection broken by a Postgres restart is dropped and replaced instead of failing
    // every later query.
    idleTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter });
}

/** Runs `work` in one transaction; every multi-row change and its audit row go through here. */
export function inTransaction<T>(
  db: DbClient,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
  { timeoutMs = 30_000 }: { timeoutMs?: number } = {},
): Promise<T> {
  return db.$transaction(work, { maxWait: 10_000, timeout: timeoutMs });
}

// why: the composition roots that open the client are the ones that must explain a database they cannot use.
export { databaseLocation, databaseUnavailableReason } from "./database-unavailable";
