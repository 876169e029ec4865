import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseModelsStatusReport } from "@clawfleet/core/models-status/models-status-report.schema";
import { DEMO_TEAM_SLUG, DEMO_USERS } from "@clawfleet/db/demo/demo-credentials";
import { seedDemoFleet } from "@clawfleet/db/demo/demo-fleet";
import { createAgent, createGateway, createProfile, fakeApiKey } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { recordIngestReport } from "@clawfleet/services/ingest/ingest-report";
import { refreshDueStatuses, refreshGatewayStatuses } from "@clawfleet/services/statuses/stored-statuses";
import { callerFor, teamWithMembers, testSecretBox } from "../../testing/caller";

const db = useTestDb();
const deps = { db, now: () => new Date() };

async function demoViewer() {
  const email = DEMO_USERS.find((user) => user.role === "viewer")?.email ?? "";
  return callerFor(db, await db.user.findUniqueOrThrow({ where: { email } }));
}

beforeAll(async () => {
  await seedDemoFleet(db, testSecretBox, new Date());
  await refreshDueStatuses(deps);
});

describe("fleet.status on the demo fleet", () => {
  it("counts verdicts and groups attention by cause, worst first, each group paging its agents", async () => {
    const viewer = await demoViewer();
    const fleet = await viewer.fleet.status();
    const { total, ...byVerdict } = fleet.counts;
    expect(total).toBe(50);
    expect(Object.values(byVerdict).reduce((sum, count) => sum + count, 0)).toBe(50);
    expect(fleet.updating).toBe(0);

    const { groups } = fleet.attention;
    expect(groups.length).toBeGreaterThan(0);
    expect(fleet.attention.moreGroups).toBe(fleet.attention.totalGroups - groups.length);
    const rank = { refused: 0, failing: 1, expiring: 2 };
    const ranks = groups.map((group) => rank[group.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // staging's team subscription token expires within 24 h: one group, not one entry per agent.
    const teamSub = groups.find((group) => group.sentence.includes("anthropic:team-sub"));
    expect(teamSub).toMatchObject({ severity: "expiring", gatewayName: "staging" });
    expect(teamSub?.agentCount).toBeGreaterThan(1);
    expect(teamSub?.remainingMs).toBe((teamSub?.instant ?? 0) - fleet.computedAt);

    const agents = await viewer.fleet.attentionAgents({
      gatewayId: teamSub?.gatewayId ?? "",
      causeKey: teamSub?.causeKey ?? "",
    });
    expect(agents.total).toBe(teamSub?.agentCount);
    expect(agents.items.map((agent) => agent.agentName)).toEqual(
      [...agents.items.map((agent) => agent.agentName)].sort(),
    );

    expect(fleet.unusableProfiles).toContainEqual(
      expect.objectContaining({ profileId: "anthropic:default", gatewayName: "prod-eu", kind: "disabled" }),
    );
    expect(fleet.missingProviders).toContainEqual({ provider: "google", agentCount: 1 });
    expect(fleet.expiringCredentials.map((credential) => credential.profileId)).toContain(
      "anthropic:team-sub",
    );
  });

  it("counts a newer failing report of an agent computed ok as failing, and shows it as drift", async () => {
    const viewer = await demoViewer();
    const before = await viewer.fleet.status();
    const team = await db.team.findUniqueOrThrow({ where: { slug: DEMO_TEAM_SLUG } });
    // Both demo gateways have an "Ops writer 9"; staging's passes --check.
    const agent = await db.agent.findFirstOrThrow({
      where: { teamId: team.id, name: "Ops writer 9", gateway: { name: "staging" } },
    });
    expect((await db.agentStatus.findUniqueOrThrow({ where: { agentId: agent.id } })).verdict).toBe("ok");

    const body: unknown = JSON.parse(
      readFileSync(
        new URL(
          "../../../../../../fixtures/openclaw-status/03-agent-no-credentials/output/stdout.json",
          import.meta.url,
        ),
        "utf8",
      ),
    );
    const parsed = parseModelsStatusReport(body);
    if (!parsed.ok) throw new Error("fixture");
    await recordIngestReport(deps, {
      gateway: { teamId: team.id, gatewayId: agent.gatewayId, homeDir: "/home/openclaw" },
      agentKey: agent.agentKey,
      body,
      report: parsed.report,
      takenAt: new Date(),
      requestId: "test-ingest",
    });

    const after = await viewer.fleet.status();
    expect(after.counts.failing).toBe(before.counts.failing + 1);
    expect(after.counts.ok).toBe(before.counts.ok - 1);
    expect(after.drift.totalAgents).toBe(1);
    expect(after.drift.groups).toEqual([
      expect.objectContaining({
        computedVerdict: "ok",
        reportedVerdict: "failing",
        agentCount: 1,
        agents: [expect.objectContaining({ agentId: agent.id, agentName: "Ops writer 9" })],
      }),
    ]);
    const failing = await viewer.agents.list({ status: "failing", search: "Ops writer 9" });
    expect(failing.items.map((item) => item.id)).toEqual([agent.id]);
  });

  it("shows another team nothing, and refuses anonymous callers", async () => {
    const { as } = await teamWithMembers(db);
    const empty = await as("viewer").fleet.status();
    expect([empty.counts.total, empty.attention.groups, empty.drift.totalAgents]).toEqual([0, [], 0]);
    const staging = await db.gateway.findFirstOrThrow({ where: { name: "staging" } });
    const groups = (await (await demoViewer()).fleet.status()).attention.groups;
    const stagingGroup = groups.find((group) => group.gatewayId === staging.id);
    await expect(
      as("viewer").fleet.attentionAgents({ gatewayId: staging.id, causeKey: stagingGroup?.causeKey ?? "" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(db, null).fleet.status()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("a team above 32,767 agents (Postgres's bind limit) reads from stored rows", () => {
  const AGENTS = 33_000;

  it(
    "answers fleet.status, agents.list?status, authMatrix.list and credentials.usage",
    { timeout: 120_000 },
    async () => {
      const { team, as } = await teamWithMembers(db);
      const gateway = await createGateway(db, { teamId: team.id });
      await createProfile(db, testSecretBox, {
        teamId: team.id,
        gatewayId: gateway.id,
        secrets: { key: fakeApiKey() },
      });
      const template = await createAgent(db, { teamId: team.id, gatewayId: gateway.id, agentKey: "main" });
      await refreshGatewayStatuses(deps, { teamId: team.id, gatewayId: gateway.id });
      // why: set-based inserts, so seeding 33,000 agents with status rows takes a second, not minutes.
      await db.$executeRaw`
      INSERT INTO "Agent" (id, "teamId", "gatewayId", "agentKey", name, "updatedAt")
      SELECT gen_random_uuid(), ${team.id}::uuid, ${gateway.id}::uuid, 'bulk-' || i, 'Bulk ' || lpad(i::text, 5, '0'), now()
      FROM generate_series(1, ${AGENTS}) AS i`;
      await db.$executeRaw`
      INSERT INTO "AgentStatus" ("agentId", "teamId", "gatewayId", "computedAt", verdict, outcome, "contentHash",
        providers)
      SELECT a.id, a."teamId", a."gatewayId", t."computedAt",
        CASE WHEN a."agentKey" LIKE '%0' THEN 'failing' ELSE 'ok' END, t.outcome, t."contentHash", t.providers
      FROM "Agent" a CROSS JOIN (SELECT * FROM "AgentStatus" WHERE "agentId" = ${template.id}::uuid) t
      WHERE a."gatewayId" = ${gateway.id}::uuid AND a."agentKey" LIKE 'bulk-%'`;
      await db.$executeRaw`
      INSERT INTO "AgentStatusCause" ("agentId", "teamId", "gatewayId", "causeKey", kind, severity, sentence, detail)
      SELECT s."agentId", s."teamId", s."gatewayId", '["missing_provider","google"]', 'missing_provider', 'failing',
        'google is in use with no usable auth.', '{"provider":"google"}'
      FROM "AgentStatus" s WHERE s."gatewayId" = ${gateway.id}::uuid AND s.verdict = 'failing'`;
      const failing = AGENTS / 10;
      const viewer = as("viewer");

      const fleet = await viewer.fleet.status();
      expect(fleet.counts.total).toBe(AGENTS + 1);
      expect(fleet.counts.failing).toBe(failing);
      expect(fleet.attention.groups).toEqual([
        expect.objectContaining({ gatewayId: gateway.id, agentCount: failing, severity: "failing" }),
      ]);
      const page = await viewer.fleet.attentionAgents({
        gatewayId: gateway.id,
        causeKey: '["missing_provider","google"]',
        page: 3,
      });
      expect([page.total, page.items.length]).toEqual([failing, 50]);

      const list = await viewer.agents.list({ status: "failing", page: 2, pageSize: 50 });
      expect([list.total, list.items.length]).toEqual([failing, 50]);

      const matrix = await viewer.authMatrix.list({});
      expect([matrix.total, matrix.rows.length, matrix.providers]).toEqual([AGENTS + 1, 50, ["anthropic"]]);

      const usage = await viewer.credentials.usage();
      expect(usage[0]?.agentCount).toBe(AGENTS + 1);
    },
  );
});
