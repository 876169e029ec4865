import type { Db } from "../client";

/**
 * Schemas whose every table counts: the console's data (all teams) and the job queue, so a read that writes a
 * row anywhere, or queues a job, changes the checksum.
 */
const CHECKED_SCHEMAS = ["public", "graphile_worker"] as const;

/**
 * md5 over every row of every table of {@link CHECKED_SCHEMAS} (each table's rows as text, in a stable order),
 * one line per table: `schema.table:rows:md5`. Tables are found in the catalog, so a table added later is
 * covered without editing this list. Sequences are left out: a rolled-back insert advances one without
 * changing any data.
 */
export async function databaseChecksum(db: Db): Promise<string> {
  const tables = await db.$queryRawUnsafe<{ schema: string; name: string }[]>(
    `SELECT table_schema::text AS schema, table_name::text AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema = ANY($1::text[])
     ORDER BY table_schema, table_name`,
    [...CHECKED_SCHEMAS],
  );
  if (tables.length === 0) throw new Error("No tables found: is this a migrated database?");
  const parts = tables.map(
    ({ schema, name }) =>
      `SELECT '${schema}.${name}' AS t, count(*) AS n, coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '-') AS h FROM "${schema}"."${name}" r`,
  );
  const rows = await db.$queryRawUnsafe<{ t: string; n: bigint; h: string }[]>(parts.join(" UNION ALL "));
  return rows
    .map((row) => `${row.t}:${row.n}:${row.h}`)
    .sort()
    .join("\n");
}
