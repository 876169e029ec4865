/**
 * Seeds the import-jobs benchmark's team into DATABASE_URL (a dedicated, freshly migrated database): one
 * team and an admin who can sign in. Prints a JSON line with the admin's credentials.
 * Run by scripts/bench-import-jobs.mjs: `tsx bench/import/seed-import-bench.ts`.
 */
import { createDbClient } from "@clawfleet/db/client";
import { createMember, createTeam } from "@clawfleet/db/testing/factories";

const ADMIN_EMAIL = "bench-import-admin@bench.clawfleet.dev";
const ADMIN_PASSWORD = "bench-password-not-secret";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is not set.");
const db = createDbClient(databaseUrl, { maxConnections: 2 });
try {
  const team = await createTeam(db, "Import Bench");
  await createMember(db, { teamId: team.id, role: "admin", email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  console.log(JSON.stringify({ admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } }));
} finally {
  await db.$disconnect();
}
