/**
 * The driver adapter the Prisma CLI uses for `migrate` and `db` commands. Prisma 6.19.3's JS schema engine
 * works through `@prisma/adapter-pg`, which needs three fixes for that use (toolchain.md §1c); they are
 * kept here, and the app's runtime client uses the stock adapter.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

/**
 * Catalog types (`"char"`, `name`, `oidvector`, `regproc`, `pg_node_tree`, `pg_ndistinct`, `pg_dependencies`)
 * that the engine's introspection selects and adapter-pg refuses as UnsupportedNativeDataType
 * (prisma/orm#27403). Their text form is what the engine wants, so they are reported as `text`.
 */
const CATALOG_TYPE_OIDS = new Set([18, 19, 22, 30, 194, 2205, 2206]);
const TEXT_TYPE_OID = 25;

type FieldDescription = { dataTypeID: number };
/** A multi-statement script (a migration) yields one result per statement. */
type QueryResultLike = { fields?: FieldDescription[] } | { fields?: FieldDescription[] }[];
/** The adapter's internal query hook (not in its public types, stable across 6.x). */
type PerformsIO = { performIO: (query: unknown) => Promise<QueryResultLike> };
type SqlAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type SqlTransaction = Awaited<ReturnType<SqlAdapter["startTransaction"]>>;

function reportCatalogTypesAsText(queryable: object): void {
  const target = queryable as PerformsIO;
  const performIO = target.performIO.bind(target);
  target.performIO = async (query) => {
    const result = await performIO(query);
    for (const statementResult of Array.isArray(result) ? result : [result]) {
      for (const field of statementResult.fields ?? []) {
        if (CATALOG_TYPE_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_TYPE_OID;
      }
    }
    return result;
  };
}

function connectionFields(url: string, database?: string): pg.PoolConfig {
  const parsed = new URL(url);
  // why: adapter-pg derives the shadow database by overriding `database`, which a `connectionString`
  // would silently win over; discrete fields let the override take effect.
  return {
    // why: a unix-socket URL (`…@localhost/db?host=/var/run/postgresql`) names the socket folder in `host`,
    // as libpq and node-postgres read it; the suites that run in a loopback-only namespace connect this way.
    host: parsed.searchParams.get("host") ?? parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || "postgres"),
    password: decodeURIComponent(parsed.password),
    database: database ?? decodeURIComponent(parsed.pathname.slice(1) || "postgres"),
    allowExitOnIdle: true,
  };
}

async function patchAdapter(adapter: SqlAdapter): Promise<SqlAdapter> {
  reportCatalogTypesAsText(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel): Promise<SqlTransaction> => {
    const transaction = await startTransaction(isolationLevel);
    reportCatalogTypesAsText(transaction);
    return transaction;
  };
  // why: the stock executeScript splits a migration on every ";", which breaks PL/pgSQL function bodies
  // (the audit trigger). The simple query protocol runs a whole multi-statement script in one call.
  const pool = adapter.underlyingDriver();
  adapter.executeScript = async (script: string) => {
    await pool.query(script);
  };
  return Promise.resolve(adapter);
}

export function createMigrationAdapter(url: string) {
  const factory = new PrismaPg(connectionFields(url));
  return {
    provider: "postgres" as const,
    adapterName: factory.adapterName,
    connect: async () => patchAdapter(await factory.connect()),
    // why: the stock version drops the shadow database while its own pool still holds connections,
    // which fails ("being accessed by other users") and leaks the database.
    connectToShadowDb: async () => {
      const shadowName = `clawfleet_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
      const admin = new pg.Client(connectionFields(url));
      await admin.connect();
      await admin.query(`CREATE DATABASE "${shadowName}"`);
      await admin.end();
      const shadow = await patchAdapter(await new PrismaPg(connectionFields(url, shadowName)).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        const dropper = new pg.Client(connectionFields(url));
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
        await dropper.end();
      };
      return shadow;
    },
  };
}

/** The JS schema engine does not create a missing database (toolchain.md G5), so we do. */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const target = connectionFields(url);
  const admin = new pg.Client({ ...target, database: "postgres" });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [target.database]);
    if (found.rowCount === 0)
      await admin.query(`CREATE DATABASE "${String(target.database).replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}
