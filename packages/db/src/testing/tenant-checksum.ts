import type { Db } from "../client";

/**
 * Tables holding a team's rows, with the column that names the team. Every tenant table is listed, so a
 * write anywhere in the team shows up as a changed checksum.
 */
const TENANT_TABLES = [
  ["Team", "id"],
  ["Membership", "teamId"],
  ["Invitation", "teamId"],
  ["Gateway", "teamId"],
  ["Agent", "teamId"],
  ["CredentialStore", "teamId"],
  ["AuthProfile", "teamId"],
  ["AuthProfileSecret", "teamId"],
  ["StatusSnapshot", "teamId"],
  ["ReauthRequest", "teamId"],
  ["ReauthRequestAgent", "teamId"],
  ["OutboxJob", "teamId"],
  ["ImportRun", "teamId"],
  ["ImportUpload", "teamId"],
  ["BulkEditRun", "teamId"],
  ["BulkEditRunItem", "teamId"],
  ["AuditEvent", "teamId"],
] as const;

/** md5 over every row of every tenant table of `teamId` (rows as JSON, in a stable order). */
export async function tenantDataChecksum(db: Db, teamId: string): Promise<string> {
  const parts = TENANT_TABLES.map(
    ([table, column]) =>
      `SELECT '${table}' AS t, coalesce(md5(string_agg(row_to_json(r)::text, '|' ORDER BY row_to_json(r)::text)), '-') AS h, count(*) AS n FROM "${table}" r WHERE r."${column}" = $1::uuid`,
  );
  const rows = await db.$queryRawUnsafe<{ t: string; h: string; n: bigint }[]>(
    parts.join(" UNION ALL "),
    teamId,
  );
  return rows
    .map((row) => `${row.t}:${row.n}:${row.h}`)
    .sort()
    .join("\n");
}
