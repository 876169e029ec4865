/**
 * Seeds the fault runs' team into DATABASE_URL (a dedicated, freshly migrated database): an admin who can
 * sign in, and one gateway with a few agents (version 1) for the write load to edit.
 * Prints a JSON line for scripts/bench-faults.mjs: the team id, the admin's credentials and the agent ids.
 * Run by scripts/bench-faults.mjs: `tsx bench/faults/seed-fault-fleet.ts <agents>`.
 */
import { createDbClient } from "@clawfleet/db/client";
import { createGateway, createMember, createTeam } from "@clawfleet/db/testing/factories";

const ADMIN_EMAIL = "fault-admin@bench.clawfleet.dev";
const ADMIN_PASSWORD = "fault-password-not-secret";
const agents = Number(process.argv[2] ?? 4);

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is not set.");
const db = createDbClient(databaseUrl, { maxConnections: 2 });
try {
  const team = await createTeam(db, "Fault Fleet");
  await createMember(db, { teamId: team.id, role: "admin", email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  const gateway = await createGateway(db, { teamId: team.id, name: "fault-writes" });
  await db.agent.createMany({
    data: Array.from({ length: agents }, (_, position) => ({
      teamId: team.id,
      gatewayId: gateway.id,
      agentKey: `writer-${position}`,
      name: `Writer ${position}`,
      position,
      isDefault: position === 0,
    })),
  });
  const rows = await db.agent.findMany({
    where: { gatewayId: gateway.id },
    orderBy: { position: "asc" },
    select: { id: true },
  });
  console.log(
    JSON.stringify({
      teamId: team.id,
      admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      agentIds: rows.map((row) => row.id),
    }),
  );
} finally {
  await db.$disconnect();
}
