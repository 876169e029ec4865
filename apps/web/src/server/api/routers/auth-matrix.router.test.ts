import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_TEAM_SLUG, DEMO_USERS } from "@clawfleet/db/demo/demo-credentials";
import { seedDemoFleet } from "@clawfleet/db/demo/demo-fleet";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { refreshDueStatuses } from "@clawfleet/services/statuses/stored-statuses";
import { callerFor, teamWithMembers, testSecretBox } from "../../testing/caller";

const db = useTestDb();

async function demoCaller(role: "viewer" | "operator" | "admin") {
  const email = DEMO_USERS.find((user) => user.role === role)?.email ?? "";
  return callerFor(db, await db.user.findUniqueOrThrow({ where: { email } }));
}

let stagingId = "";

beforeAll(async () => {
  await seedDemoFleet(db, testSecretBox, new Date());
  await refreshDueStatuses({ db, now: () => new Date() });
  const team = await db.team.findUniqueOrThrow({ where: { slug: DEMO_TEAM_SLUG } });
  stagingId = (await db.gateway.findFirstOrThrow({ where: { teamId: team.id, name: "staging" } })).id;
});

describe("authMatrix.list on the demo fleet", () => {
  it("pages 50 rows with every provider of the team as a column", async () => {
    const viewer = await demoCaller("viewer");
    const first = await viewer.authMatrix.list({});
    expect([first.total, first.page, first.pageSize, first.rows.length]).toEqual([50, 1, 50, 50]);
    expect(first.providers).toEqual(["anthropic", "google", "openai"]);
    const second = await viewer.authMatrix.list({ pageSize: 20, page: 3 });
    expect(second.rows.map((row) => row.agentName)).toEqual(
      first.rows.slice(40, 50).map((row) => row.agentName),
    );
  });

  it("filters expiring to staging's agents whose selected anthropic profile is the shared team-sub token", async () => {
    const viewer = await demoCaller("viewer");
    const expiring = await viewer.authMatrix.list({ filter: "expiring" });
    // staging's 14 agents, less "Ops writer 9", whose own 90-day token leads its order; "Ops triage 3"'s own
    // token is cooling down, so it falls through to team-sub too.
    expect(expiring.total).toBe(13);
    expect(expiring.rows.every((row) => row.gatewayName === "staging")).toBe(true);
    expect(expiring.rows.map((row) => row.agentName)).not.toContain("Ops writer 9");
    for (const row of expiring.rows) {
      const anthropic = row.cells.find((cell) => cell.provider === "anthropic");
      expect(anthropic).toMatchObject({
        profile: { profileId: "anthropic:team-sub", type: "token" },
        state: "expiring",
        matches: { expiring: true },
      });
    }
    const triage = expiring.rows.find((row) => row.agentName === "Ops triage 3");
    expect(triage?.cells[0]?.skipped).toEqual([
      expect.objectContaining({
        profileId: "anthropic:ops-triage-3",
        kind: "cooldown",
        reason: "overloaded",
      }),
    ]);
  });

  it("counts each filter within the search and gateway, and searches by name", async () => {
    const viewer = await demoCaller("viewer");
    const staging = await viewer.authMatrix.list({ gatewayId: stagingId });
    expect(staging.total).toBe(14);
    // openai's only key cools down on both gateways; only prod's shared API key is disabled (billing).
    expect(staging.counts).toEqual({ expiring: 13, cooldown: 14, disabled: 0 });
    expect((await viewer.authMatrix.list({})).counts).toEqual({ expiring: 13, cooldown: 50, disabled: 36 });
    const search = await viewer.authMatrix.list({ search: "OPS WRITER", gatewayId: stagingId });
    expect(search.rows.map((row) => [row.agentName, row.verdict])).toEqual([["Ops writer 9", "ok"]]);
    const failing = await viewer.authMatrix.list({ search: "Sales reviewer 13", gatewayId: stagingId });
    expect(failing.rows[0]?.cells.find((cell) => cell.provider === "google")).toMatchObject({
      source: "missing",
      state: "missing",
      missingInUse: true,
    });
  });

  it("selects all matching for operators only, capped with the total", async () => {
    await expect(
      (await demoCaller("viewer")).authMatrix.matchingAgents({ filter: "expiring" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const matching = await (await demoCaller("operator")).authMatrix.matchingAgents({ filter: "disabled" });
    expect([matching.total, matching.cap, matching.agents.length]).toEqual([36, 1000, 36]);
  });

  it("shows another team nothing of the demo fleet", async () => {
    const { as } = await teamWithMembers(db);
    const empty = await as("admin").authMatrix.list({});
    expect([empty.total, empty.rows, empty.providers]).toEqual([0, [], []]);
    expect((await as("admin").authMatrix.list({ gatewayId: stagingId })).total).toBe(0);
    expect((await as("operator").authMatrix.matchingAgents({ gatewayId: stagingId })).agents).toEqual([]);
  });

  it("refuses anonymous callers and bad input", async () => {
    await expect(callerFor(db, null).authMatrix.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(
      (await demoCaller("viewer")).authMatrix.list({ filter: "soon" as never }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("authMatrix.reauthTargets on the demo fleet", () => {
  it("resolves the expiring agents' anthropic profile to the one shared team-sub row", async () => {
    const operator = await demoCaller("operator");
    const expiring = await operator.authMatrix.list({ filter: "expiring" });
    const targets = await operator.authMatrix.reauthTargets({
      agentIds: expiring.rows.map((row) => row.agentId),
      provider: "anthropic",
    });
    const teamSub = await db.authProfile.findFirstOrThrow({
      where: { profileId: "anthropic:team-sub", store: { gatewayId: stagingId, agentId: null } },
    });
    expect(targets).toEqual({ authProfileIds: [teamSub.id], skipped: [] });
  });

  it("lists agents without a stored profile for the provider as skipped, and refuses viewers", async () => {
    const operator = await demoCaller("operator");
    const all = await operator.authMatrix.list({});
    const targets = await operator.authMatrix.reauthTargets({
      agentIds: all.rows.map((row) => row.agentId),
      provider: "google",
    });
    expect(targets.authProfileIds).toEqual([]);
    expect(targets.skipped.length).toBe(all.rows.length);
    await expect(
      (await demoCaller("viewer")).authMatrix.reauthTargets({
        agentIds: [all.rows[0]?.agentId ?? ""],
        provider: "anthropic",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
