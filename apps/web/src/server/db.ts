import "server-only";
import { type DbClient, createDbClient } from "@clawfleet/db/client";
import { type SecretBox, openSecretBox } from "@clawfleet/db/secret-box";
import { serverEnv } from "./env";

/** The composition root for persistence: one Prisma client and one secret box per server process. */
const globalForDb = globalThis as unknown as { clawfleetDb?: DbClient; clawfleetSecretBox?: SecretBox };

export function db(): DbClient {
  globalForDb.clawfleetDb ??= createDbClient(serverEnv().DATABASE_URL, {
    maxConnections: serverEnv().CLAWFLEET_DB_POOL_SIZE,
  });
  return globalForDb.clawfleetDb;
}

export function secretBox(): SecretBox {
  globalForDb.clawfleetSecretBox ??= openSecretBox(serverEnv().CLAWFLEET_SECRET_KEY);
  return globalForDb.clawfleetSecretBox;
}
