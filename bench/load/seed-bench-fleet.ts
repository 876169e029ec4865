/**
 * Seeds one benchmark team into DATABASE_URL (a dedicated, freshly migrated database): an admin who can
 * sign in, `--gateways` gateways sharing `--agents` agents, and credentials shaped like the demo fleet
 * (packages/db/src/demo/demo-fleet.ts) and the core state generator, so every `--check` verdict occurs:
 *
 * - each gateway: valid config (`agents.ownership: "explicit"`, default model with a fallback, aliases,
 *   `auth.profiles` and `auth.order`), a shared store with an API key (some disabled for billing), a team
 *   setup-token (a few gateways' expire within 24 h, a few expired), an OAuth sign-in and an OpenAI key in
 *   a rate-limit cooldown; a small minority of gateways keep a config OpenClaw refuses (no explicit
 *   ownership), so their agents are `refused`;
 * - agents: most follow the gateway's model, some pin one (a few on a provider nobody has credentials
 *   for: failing); every sixth keeps its own setup-token first in its stored order (some cooling down,
 *   some expiring within 24 h, some expired), every tenth its own OAuth sign-in.
 *
 * Rows go in bounded multi-row statements (the db package's batched writes); secrets are sealed with
 * CLAWFLEET_SECRET_KEY as the server reads them. Prints one JSON line for the bench driver: the admin's
 * credentials, the team id, each gateway's ingest token and agent keys, the counts and the time taken.
 * Run by scripts/bench-load.mjs: `tsx bench/load/seed-bench-fleet.ts --agents 10000 --gateways 100 --label 10k`.
 */
import { parseArgs } from "node:util";
import { type NewAuthProfile, sealSecrets } from "@clawfleet/db/auth-profile.repository";
import { type ColumnType, insertRows } from "@clawfleet/db/batched-writes";
import { createDbClient } from "@clawfleet/db/client";
import { rotateIngestToken } from "@clawfleet/db/ingest-token.repository";
import { openSecretBox } from "@clawfleet/db/secret-box";
import { DEMO_GATEWAY_CONFIG } from "@clawfleet/db/demo/demo-fleet";
import { AUTH_PROFILE_SECRET_COLUMNS } from "@clawfleet/db/openclaw-import.repository";
import { createMember, createTeam } from "@clawfleet/db/testing/factories";
import { refreshGatewayStatuses } from "@clawfleet/services/statuses/stored-statuses";

const { values: args } = parseArgs({
  options: {
    agents: { type: "string", default: "10000" },
    gateways: { type: "string", default: "100" },
    label: { type: "string", default: "10k" },
  },
});
const AGENTS = Number(args.agents);
const GATEWAYS = Number(args.gateways);
const LABEL = args.label;
const ADMIN_EMAIL = `bench-admin-${LABEL}@bench.clawfleet.dev`;
const ADMIN_PASSWORD = "bench-password-not-secret";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("DATABASE_URL is not set.");
const db = createDbClient(databaseUrl, { maxConnections: 4 });
const box = openSecretBox(process.env.CLAWFLEET_SECRET_KEY);
const started = performance.now();
const now = Date.now();
const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();

/** A fake secret with OpenClaw's prefix, unique per use, and visibly marked BENCH. */
function fakeSecret(prefix: string, label: string): string {
  return `${prefix}${`BENCH${label.replace(/[^A-Za-z0-9]/g, "")}`.padEnd(72, "x")}AA`;
}

const DEPARTMENTS = ["support", "sales", "research", "ops", "billing", "docs"] as const;

/** Which gateways are unusual: a config OpenClaw refuses, a team token expiring soon or already expired. */
const refusesConfig = (gateway: number) => gateway % 33 === 5;
const teamTokenExpiresSoon = (gateway: number) => gateway % 20 === 7;
const teamTokenExpired = (gateway: number) => gateway % 25 === 11;

/** Most agents follow the gateway; some pin a primary with fallbacks; about 3 % use an uncredentialed provider. */
function agentModel(index: number) {
  if (index % 31 === 13) return "google/gemini-2.5-pro";
  if (index % 5 === 0)
    return { primary: "anthropic/claude-sonnet-5", fallbacks: ["anthropic/claude-opus-4-8"] };
  return index % 7 === 0 ? "anthropic/claude-opus-4-8" : null;
}

const AGENT_COLUMNS = {
  id: "uuid",
  teamId: "uuid",
  gatewayId: "uuid",
  agentKey: "text",
  name: "text",
  isDefault: "boolean",
  position: "integer",
  model: "json",
  params: "json",
  tags: "text[]",
} as const satisfies Record<string, ColumnType>;
const STORE_COLUMNS = {
  id: "uuid",
  teamId: "uuid",
  gatewayId: "uuid",
  agentId: "uuid",
  order: "json",
} as const satisfies Record<string, ColumnType>;
const PROFILE_COLUMNS = {
  id: "uuid",
  teamId: "uuid",
  storeId: "uuid",
  profileId: "text",
  provider: "text",
  type: '"AuthProfileType"',
  expires: "timestamp(3)",
  email: "text",
  position: "integer",
  lastUsed: "timestamp(3)",
  lastFailureAt: "timestamp(3)",
  errorCount: "integer",
  failureCounts: "json",
  cooldownUntil: "timestamp(3)",
  cooldownReason: "text",
  cooldownModel: "text",
  disabledUntil: "timestamp(3)",
  disabledReason: "text",
} as const satisfies Record<string, ColumnType>;

type Row<Columns> = Partial<Record<keyof Columns, unknown>>;
const agentRows: Row<typeof AGENT_COLUMNS>[] = [];
const storeRows: Row<typeof STORE_COLUMNS>[] = [];
const profileRows: Row<typeof PROFILE_COLUMNS>[] = [];
const secretRows: Row<typeof AUTH_PROFILE_SECRET_COLUMNS>[] = [];

type ProfileSpec = Omit<Row<typeof PROFILE_COLUMNS>, "id" | "teamId" | "storeId"> & {
  profileId: string;
  secrets: NewAuthProfile["secrets"];
};

function addProfile(teamId: string, storeId: string, { secrets, ...columns }: ProfileSpec, position: number) {
  const id = crypto.randomUUID();
  profileRows.push({ id, teamId, storeId, position, errorCount: 0, failureCounts: {}, ...columns });
  for (const secret of sealSecrets(box, teamId, id, secrets))
    secretRows.push({ id: crypto.randomUUID(), authProfileId: id, ...secret });
}

/** The shared store's profiles of gateway `gateway` (demo fleet's mix). */
function sharedProfiles(gateway: number): ProfileSpec[] {
  const name = `${LABEL}gw${gateway}`;
  const teamTokenExpiry = teamTokenExpired(gateway)
    ? at(-3 * HOUR)
    : teamTokenExpiresSoon(gateway)
      ? at(20 * HOUR)
      : at(200 * DAY);
  return [
    {
      profileId: "anthropic:default",
      provider: "anthropic",
      type: "api_key",
      secrets: { key: fakeSecret("sk-ant-api03-", `${name}default`) },
      ...(gateway % 4 === 0
        ? {
            disabledUntil: at(5 * HOUR),
            disabledReason: "billing",
            errorCount: 1,
            failureCounts: { billing: 1 },
            lastFailureAt: at(-10 * MINUTE),
          }
        : { lastUsed: at(-2 * HOUR) }),
    },
    {
      profileId: "anthropic:team-sub",
      provider: "anthropic",
      type: "token",
      expires: teamTokenExpiry,
      secrets: { token: fakeSecret("sk-ant-oat01-", `${name}teamsub`) },
    },
    {
      profileId: "anthropic:ops@bench.clawfleet.dev",
      provider: "anthropic",
      type: "oauth",
      email: "ops@bench.clawfleet.dev",
      expires: at(3 * DAY),
      secrets: {
        access: fakeSecret("sk-ant-oat01-", `${name}opsaccess`),
        refresh: fakeSecret("sk-ant-ort01-", `${name}opsrefresh`),
      },
    },
    {
      profileId: "openai:default",
      provider: "openai",
      type: "api_key",
      secrets: { key: `sk-proj-BENCH${name}${"x".repeat(40)}` },
      cooldownUntil: at(2 * HOUR),
      cooldownReason: "rate_limit",
      cooldownModel: "gpt-5.5",
      errorCount: 2,
      failureCounts: { rate_limit: 2 },
      lastFailureAt: at(-MINUTE),
    },
  ];
}

/** An agent's own profile, placed first in its stored order, or null when it only uses the shared store. */
function ownProfile(index: number, agentKey: string): ProfileSpec | null {
  if (index % 6 === 3) {
    const cycle = index % 36;
    return {
      profileId: `anthropic:${agentKey}`,
      provider: "anthropic",
      type: "token",
      expires: cycle === 9 ? at(-2 * HOUR) : cycle === 15 ? at(18 * HOUR) : at(90 * DAY),
      secrets: { token: fakeSecret("sk-ant-oat01-", `${LABEL}${agentKey}`) },
      ...(index % 12 === 3
        ? {
            cooldownUntil: at(3 * HOUR),
            cooldownReason: "overloaded",
            errorCount: 3,
            failureCounts: { overloaded: 3 },
            lastFailureAt: at(-5 * MINUTE),
          }
        : { lastUsed: at(-30 * MINUTE) }),
    };
  }
  if (index % 10 === 7)
    return {
      profileId: `anthropic:${agentKey}@bench.clawfleet.dev`,
      provider: "anthropic",
      type: "oauth",
      email: `${agentKey}@bench.clawfleet.dev`,
      expires: index % 40 === 17 ? at(10 * HOUR) : at(5 * DAY),
      secrets: {
        access: fakeSecret("sk-ant-oat01-", `${LABEL}${agentKey}access`),
        refresh: fakeSecret("sk-ant-ort01-", `${LABEL}${agentKey}refresh`),
      },
      lastUsed: at(-HOUR),
    };
  return null;
}

/** fleet.status and the lists read stored `AgentStatus` rows: compute them once, so the bench measures a settled fleet. */
async function refreshStoredStatuses(teamId: string, gatewayIds: readonly string[]): Promise<string> {
  const deps = { db, now: () => new Date() };
  for (const gatewayId of gatewayIds) await refreshGatewayStatuses(deps, { teamId, gatewayId });
  return "computed";
}

try {
  const team = await createTeam(db, `Bench Fleet ${LABEL}`);
  const teamId = team.id;
  await createMember(db, { teamId, role: "admin", email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  const perGateway = Math.ceil(AGENTS / GATEWAYS);
  const gateways: { gatewayId: string; token: string; agentKeys: string[] }[] = [];
  for (let gateway = 0; gateway < GATEWAYS; gateway += 1) {
    const created = await db.gateway.create({
      data: {
        teamId,
        name: `bench-${LABEL}-${String(gateway).padStart(3, "0")}`,
        homeDir: "/home/openclaw",
        stateDir: "/home/openclaw/.openclaw",
        ...DEMO_GATEWAY_CONFIG,
        // OpenClaw 2026.9 requires explicit ownership with several agents (facts §3.2); a few gateways lack it.
        ...(refusesConfig(gateway) ? { extraConfig: {} } : {}),
      },
    });
    const gatewayId = created.id;
    const sharedStoreId = crypto.randomUUID();
    storeRows.push({ id: sharedStoreId, teamId, gatewayId, agentId: null, order: {} });
    for (const [position, profile] of sharedProfiles(gateway).entries())
      addProfile(teamId, sharedStoreId, profile, position);

    const agentKeys: string[] = [];
    const count = Math.min(perGateway, AGENTS - gateway * perGateway);
    for (let index = 0; index < count; index += 1) {
      const department = DEPARTMENTS[index % DEPARTMENTS.length] ?? "ops";
      const agentKey = index === 0 ? "main" : `${department}-${index}`;
      const agentId = crypto.randomUUID();
      agentKeys.push(agentKey);
      agentRows.push({
        id: agentId,
        teamId,
        gatewayId,
        agentKey,
        name: index === 0 ? `Main ${gateway}` : `Bench agent ${gateway}-${index}`,
        isDefault: index === 0,
        position: index,
        model: agentModel(index),
        params: index % 4 === 0 ? { cacheRetention: "short" } : {},
        tags: [index % 2 ? "odd" : "even", department, `gw-${gateway % 10}`],
      });
      const own = ownProfile(index, agentKey);
      if (own) {
        const storeId = crypto.randomUUID();
        storeRows.push({
          id: storeId,
          teamId,
          gatewayId,
          agentId,
          // Its stored order puts its own profile first; it beats the gateway's auth.order (facts §2.4).
          order: { anthropic: [own.profileId, "anthropic:team-sub", "anthropic:default"] },
        });
        addProfile(teamId, storeId, own, 0);
      }
    }
    const { token } = await rotateIngestToken(db, { teamId, gatewayId, expectedVersion: 1 });
    gateways.push({ gatewayId, token, agentKeys });
  }
  await insertRows(db, { table: "Agent", columns: AGENT_COLUMNS, rows: agentRows });
  await insertRows(db, { table: "CredentialStore", columns: STORE_COLUMNS, rows: storeRows });
  await insertRows(db, { table: "AuthProfile", columns: PROFILE_COLUMNS, rows: profileRows });
  await insertRows(db, {
    table: "AuthProfileSecret",
    columns: AUTH_PROFILE_SECRET_COLUMNS,
    rows: secretRows,
  });
  const rowsMs = Math.round(performance.now() - started);
  const storedStatuses = await refreshStoredStatuses(
    teamId,
    gateways.map((gateway) => gateway.gatewayId),
  );
  console.log(
    JSON.stringify({
      label: LABEL,
      teamId,
      admin: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      agents: await db.agent.count({ where: { teamId } }),
      profiles: profileRows.length,
      ownStores: storeRows.length - GATEWAYS,
      seedMs: rowsMs,
      statusRefreshMs: Math.round(performance.now() - started) - rowsMs,
      storedStatuses,
      gateways,
    }),
  );
} finally {
  await db.$disconnect();
}
