/**
 * Seeds the load benchmark's fleet into DATABASE_URL (a dedicated, freshly migrated database): one team,
 * an admin who can sign in, 100 gateways × 100 agents = 10,000 agents, a shared API key and setup-token per
 * gateway (encrypted with CLAWFLEET_SECRET_KEY, as the server will read them), and one ingest token per
 * gateway. Prints a JSON line for the bench driver: the admin's credentials, and each gateway's token.
 * Run by scripts/bench-load.mjs: `tsx bench/load/seed-bench-fleet.ts`.
 */
import { createDbClient } from "@clawfleet/db/client";
import { rotateIngestToken } from "@clawfleet/db/ingest-token.repository";
import { openSecretBox } from "@clawfleet/db/secret-box";
import { createGateway, createMember, createProfile, createTeam } from "@clawfleet/db/testing/factories";
import { refreshDueStatuses } from "@clawfleet/services/statuses/stored-statuses";

const GATEWAYS = 100;
const AGENTS_PER_GATEWAY = 100;
const ADMIN_EMAIL = "bench-admin@bench.clawfleet.dev";
const ADMIN_PASSWORD = "bench-password-not-secret";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is not set.");
const db = createDbClient(databaseUrl, { maxConnections: 4 });
const box = openSecretBox(process.env.CLAWFLEET_SECRET_KEY);
const started = performance.now();

try {
  const team = await createTeam(db, "Bench Fleet");
  await createMember(db, { teamId: team.id, role: "admin", email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  const gateways: { gatewayId: string; token: string; agentKeys: string[] }[] = [];
  for (let index = 0; index < GATEWAYS; index += 1) {
    const gateway = await createGateway(db, {
      teamId: team.id,
      name: `bench-${String(index).padStart(3, "0")}`,
    });
    const agentKeys = Array.from({ length: AGENTS_PER_GATEWAY }, (_, agent) => `agent-${agent}`);
    await db.agent.createMany({
      data: agentKeys.map((agentKey, position) => ({
        teamId: team.id,
        gatewayId: gateway.id,
        agentKey,
        name: `Bench agent ${index}-${position}`,
        position,
        isDefault: position === 0,
        model: position % 3 === 1 ? "anthropic/claude-sonnet-5" : undefined,
        tags: [position % 2 ? "odd" : "even", `gw-${index % 10}`],
      })),
    });
    await createProfile(db, box, {
      teamId: team.id,
      gatewayId: gateway.id,
      profileId: "anthropic:default",
      secrets: { key: `sk-ant-api03-BENCH${String(index).padStart(3, "0")}${"x".repeat(80)}` },
    });
    await createProfile(db, box, {
      teamId: team.id,
      gatewayId: gateway.id,
      type: "token",
      profileId: "anthropic:sub",
      secrets: { token: `sk-ant-oat01-BENCH${String(index).padStart(3, "0")}${"t".repeat(80)}` },
    });
    const { token } = await rotateIngestToken(db, {
      teamId: team.id,
      gatewayId: gateway.id,
      expectedVersion: 1,
    });
    gateways.push({ gatewayId: gateway.id, token, agentKeys });
  }
  // why: list pages read stored statuses, which the worker keeps; the bench runs no worker, so compute them once.
  await refreshDueStatuses({ db, now: () => new Date() });
  const agents = await db.agent.count({ where: { teamId: team.id } });
  console.log(
    JSON.stringify({
      admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      agents,
      seedMs: Math.round(performance.now() - started),
      gateways,
    }),
  );
} finally {
  await db.$disconnect();
}
