import { describe, expect, it } from "vitest";
import { createAgent, createGateway, createSnapshot } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { refreshComputedSnapshot } from "@clawfleet/services/snapshots/agent-snapshots";
import { teamWithMembers } from "../../testing/caller";

const db = useTestDb();

async function teamWithAgent() {
  const members = await teamWithMembers(db);
  const gateway = await createGateway(db, { teamId: members.team.id });
  const agent = await createAgent(db, { teamId: members.team.id, gatewayId: gateway.id, agentKey: "main" });
  await db.agent.update({ where: { id: agent.id }, data: { isDefault: true } });
  return { ...members, gateway, agent, scope: { teamId: members.team.id, agentId: agent.id } };
}

/** What the host would print if it agreed with the console's `computed` body (then edited by `edit`). */
function agreeingReport(
  scope: { teamId: string; agentId: string },
  computed: unknown,
  edit?: (body: Record<string, unknown>) => void,
) {
  const body = structuredClone(computed) as Record<string, unknown>;
  body.configPath = "/home/other-host/.openclaw/openclaw.json";
  edit?.(body);
  return createSnapshot(db, { ...scope, source: "reported", takenAt: new Date(), body });
}

const computedCount = (agentId: string) =>
  db.statusSnapshot.count({ where: { agentId, source: "computed" } });

describe("snapshots router", () => {
  it("computes the status for a read without storing it, shows no drift for an agreeing report, and lists the fields that drift", async () => {
    const { as, agent, scope } = await teamWithAgent();
    const first = await as("viewer").snapshots.latest({ agentId: agent.id });
    expect(first).toMatchObject({ agentKey: "main", reported: null, drift: [] });
    expect(first.computed).toMatchObject({ id: null, source: "computed" });
    expect(first.computed.view).toMatchObject({ kind: "status", version: "2026.9.6" });
    expect(await computedCount(agent.id)).toBe(0);

    await agreeingReport(scope, first.computed.body);
    const agreeing = await as("viewer").snapshots.latest({ agentId: agent.id });
    expect(agreeing.reported).not.toBeNull();
    expect(agreeing.drift).toEqual([]);

    await agreeingReport(scope, first.computed.body, (body) => {
      body.fallbacks = [];
      body.defaultModel = "anthropic/claude-sonnet-5";
    });
    const drifting = await as("viewer").snapshots.latest({ agentId: agent.id });
    expect(drifting.drift).toEqual([
      {
        path: "defaultModel",
        kind: "changed",
        left: "anthropic/claude-opus-4-8",
        right: "anthropic/claude-sonnet-5",
      },
      { path: "fallbacks[0]", kind: "removed", left: "anthropic/claude-sonnet-5" },
    ]);
    expect(await computedCount(agent.id)).toBe(0);
  });

  it("shows a stored computed snapshot under a minute old, and otherwise the state now, without storing it", async () => {
    const { as, agent, gateway, scope } = await teamWithAgent();
    const recent = await createSnapshot(db, {
      ...scope,
      source: "computed",
      takenAt: new Date(Date.now() - 30_000),
      status: { ok: false, error: { type: "cli_error", message: "stored a moment ago" } },
    });
    const shown = await as("viewer").snapshots.latest({ agentId: agent.id });
    expect(shown.computed.id).toBe(recent.id);
    expect(shown.computed.view.kind).toBe("cli-error");

    await db.statusSnapshot.update({
      where: { id: recent.id },
      data: { takenAt: new Date(Date.now() - 5 * 60_000) },
    });
    await db.gateway.update({
      where: { id: gateway.id },
      data: { defaultModel: { primary: "openai/gpt-5.5" } },
    });
    const current = await as("viewer").snapshots.latest({ agentId: agent.id });
    expect(current.computed).toMatchObject({ id: null, body: { defaultModel: "openai/gpt-5.5" } });
    expect(current.computed.view.kind).toBe("status");
    expect(await computedCount(agent.id)).toBe(1);
  });

  it("pages history newest first, filters by source, and diffs any two snapshots", async () => {
    const { as, agent, scope } = await teamWithAgent();
    const { snapshot: computed } = await refreshComputedSnapshot(db, { ...scope, now: new Date() });
    const report = await agreeingReport(scope, computed.body, (body) => {
      body.allowed = ["anthropic/claude-opus-4-8"];
    });

    const history = await as("viewer").snapshots.history({ agentId: agent.id });
    expect(history.total).toBe(2);
    expect(history.items.map((item) => [item.source, item.kind, item.version])).toEqual([
      ["reported", "status", "2026.9.6"],
      ["computed", "status", "2026.9.6"],
    ]);
    expect(history.items[0]).not.toHaveProperty("body");
    const reportedOnly = await as("viewer").snapshots.history({ agentId: agent.id, source: "reported" });
    expect(reportedOnly.items.map((item) => item.id)).toEqual([report.id]);

    const computedId = history.items[1]?.id ?? "";
    const diff = await as("viewer").snapshots.diff({ leftId: computedId, rightId: report.id });
    expect(diff.left.id).toBe(computedId);
    expect(diff.differences.map((entry) => `${entry.kind} ${entry.path}`)).toEqual(
      expect.arrayContaining(["added allowed[anthropic/claude-opus-4-8]"]) as unknown,
    );
    expect(
      (await as("viewer").snapshots.diff({ leftId: report.id, rightId: report.id })).differences,
    ).toEqual([]);
  });

  it("answers NOT_FOUND for another team's agent or snapshot ids, and BAD_REQUEST for malformed ids", async () => {
    const mine = await teamWithAgent();
    const theirs = await teamWithAgent();
    const theirReport = await createSnapshot(db, {
      ...theirs.scope,
      source: "reported",
      takenAt: new Date(),
      body: {},
    });
    const myReport = await createSnapshot(db, {
      ...mine.scope,
      source: "reported",
      takenAt: new Date(),
      body: {},
    });
    const viewer = mine.as("viewer");

    for (const call of [
      () => viewer.snapshots.latest({ agentId: theirs.agent.id }),
      () => viewer.snapshots.history({ agentId: theirs.agent.id }),
      () => viewer.snapshots.diff({ leftId: myReport.id, rightId: theirReport.id }),
      () => viewer.snapshots.diff({ leftId: theirReport.id, rightId: myReport.id }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(viewer.snapshots.diff({ leftId: "nope", rightId: myReport.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    // Reading another team's agent computed nothing for it.
    expect(await db.statusSnapshot.count({ where: { agentId: theirs.agent.id, source: "computed" } })).toBe(
      0,
    );
  });

  it("shows an unreadable stored body as such instead of failing", async () => {
    const { as, agent, scope } = await teamWithAgent();
    await createSnapshot(db, {
      ...scope,
      source: "reported",
      takenAt: new Date(),
      body: { configPath: 1 },
    });
    const latest = await as("viewer").snapshots.latest({ agentId: agent.id });
    expect(latest.reported?.view).toEqual({
      kind: "unreadable",
      problem: { path: "configPath", message: "expected string" },
    });
  });
});
