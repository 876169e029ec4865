/**
 * Writes of many rows in bounded statements: at most {@link WRITE_BATCH_ROWS} rows per statement, so no
 * statement binds a list that grows with the fleet (Postgres caps a statement at 65,535 parameters, and a
 * 100,000-agent import must not come near it).
 */
import { DomainError } from "@clawfleet/core/domain-error";
import { type Db, Prisma } from "./client";

export const WRITE_BATCH_ROWS = 1_000;

/** `rows` cut into slices of at most `size`. */
export function inBatches<T>(rows: readonly T[], size = WRITE_BATCH_ROWS): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < rows.length; start += size) batches.push(rows.slice(start, start + size));
  return batches;
}

/** Postgres types of the columns a batched write sets (`json`, not `jsonb`: config keeps its key order). */
export type ColumnType =
  | "uuid"
  | "text"
  | "text[]"
  | "integer"
  | "boolean"
  | "json"
  | "timestamp(3)"
  | '"AuthProfileType"'
  | '"SecretField"';

/** Tables written in batches by the import. */
export type BatchedTable = "Agent" | "CredentialStore" | "AuthProfile" | "AuthProfileSecret";

export type VersionedRow = { id: string; version: number } & Record<string, unknown>;

/** `"name" type, …` for a `json_to_recordset` row definition. */
function recordDefinition(columns: Readonly<Record<string, ColumnType>>) {
  return Prisma.raw(
    Object.entries(columns)
      .map(([name, type]) => `"${name}" ${type}`)
      .join(", "),
  );
}

// why: `timestamp(3)` columns hold UTC (as Prisma writes them), whatever the session's time zone.
const NOW_UTC = Prisma.raw(`(now() AT TIME ZONE 'UTC')`);

/**
 * Inserts rows in batches, each batch one statement with the rows as one JSON parameter: Postgres unpacks
 * them (`json_to_recordset`), so a batch costs one bind, not one per value. `createdAt`/`updatedAt` are now.
 */
export async function insertRows(
  tx: Db,
  {
    table,
    columns,
    rows,
  }: {
    table: BatchedTable;
    columns: Readonly<Record<string, ColumnType>>;
    rows: readonly Record<string, unknown>[];
  },
): Promise<void> {
  const names = Object.keys(columns);
  // why: identifiers come from this module's callers (constants), never from input; values go as one parameter.
  const target = Prisma.raw(
    `"${table}" (${[...names, "createdAt", "updatedAt"].map((name) => `"${name}"`).join(", ")})`,
  );
  const values = Prisma.raw(names.map((name) => `v."${name}"`).join(", "));
  for (const batch of inBatches(rows)) {
    await tx.$executeRaw`
      INSERT INTO ${target}
      SELECT ${values}, ${NOW_UTC}, ${NOW_UTC}
      FROM json_to_recordset(${JSON.stringify(batch)}::json) AS v(${recordDefinition(columns)})`;
  }
}

/**
 * Updates each row to its values if it is still at its version (and bumps the version), one statement per
 * batch with the rows as one JSON parameter. A row that moved on since it was read makes the whole write a
 * CONFLICT: the caller's transaction rolls back, so no concurrent edit is lost.
 */
export async function updateVersionedRows(
  tx: Db,
  {
    table,
    teamId,
    columns,
    rows,
    conflictMessage,
  }: {
    table: BatchedTable;
    teamId: string;
    columns: Readonly<Record<string, ColumnType>>;
    rows: readonly VersionedRow[];
    conflictMessage: string;
  },
): Promise<void> {
  const names = Object.keys(columns);
  const assignments = Prisma.raw(names.map((name) => `"${name}" = v."${name}"`).join(", "));
  const recordType = recordDefinition({ id: "uuid", version: "integer", ...columns });
  const target = Prisma.raw(`"${table}"`);
  for (const batch of inBatches(rows)) {
    const updated = await tx.$executeRaw`
      UPDATE ${target} AS t
      SET ${assignments}, "version" = t."version" + 1, "updatedAt" = ${NOW_UTC}
      FROM json_to_recordset(${JSON.stringify(batch)}::json) AS v(${recordType})
      WHERE t."id" = v."id" AND t."teamId" = ${teamId}::uuid AND t."version" = v."version"`;
    if (updated !== batch.length) throw new DomainError("CONFLICT", conflictMessage);
  }
}
