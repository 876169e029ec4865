import { describe, expect, it } from "vitest";
import { createAgent, createGateway, createSnapshot } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import { teamWithMembers } from "../../testing/caller";

const db = useTestDb();

async function teamWithAgent() {
  const members = await teamWithMembers(db);
  const gateway = await createGateway(db, { teamId: members.team.id });
  const agent = await createAgent(db, { teamId: members.team.id, gatewayId: gateway.id, agentKey: "main" });
  await db.agent.update({ where: { id: agent.id }, data: { isDefault: true } });
  return { ...members, gateway, agent, scope: { teamId: members.team.id, agentId: agent.id } };
}

/** What the host would print if it agreed with the console, taken `secondsLater` after the computed one. */
async function agreeingReport(
  scope: { teamId: string; agentId: string },
  edit?: (body: Record<string, unknown>) => void,
) {
  const computed = await db.statusSnapshot.findFirst({
    where: { ...scope, source: "computed" },
    orderBy: [{ takenAt: "desc" }, { createdAt: "desc" }],
  });
  // The body is stored as the CLI's JSON text (see the snapshot repository), so it parses back as printed.
  if (typeof computed?.body !== "string") throw new Error("compute first");
  const body = JSON.parse(computed.body) as Record<string, unknown>;
  body.configPath = "/home/other-host/.openclaw/openclaw.json";
  edit?.(body);
  return createSnapshot(db, { ...scope, source: "reported", takenAt: new Date(), body });
}

describe("snapshots router", () => {
  it("computes on first read, shows no drift for an agreeing report, and lists the fields that drift", async () => {
    const { as, agent, scope } = await teamWithAgent();
    const first = await as("viewer").snapshots.latest({ agentId: agent.id });
    expect(first).toMatchObject({ agentKey: "main", reported: null, drift: [] });
    expect(first.computed.view).toMatchObject({ kind: "status", version: "2026.9.6" });

    await agreeingReport(scope);
    const agreeing = await as("viewer").snapshots.latest({ agentId: agent.id });
    expect(agreeing.reported).not.toBeNull();
    expect(agreeing.drift).toEqual([]);

    await agreeingReport(scope, (body) => {
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
    // Reads within a minute reuse the stored computed snapshot.
    expect(drifting.computed.id).toBe(first.computed.id);
  });

  it("recomputes a computed snapshot older than a minute and stores it only if the state changed", async () => {
    const { as, agent, gateway, scope } = await teamWithAgent();
    const stale = await createSnapshot(db, {
      ...scope,
      source: "computed",
      takenAt: new Date(Date.now() - 5 * 60_000),
      status: { ok: false, error: { type: "cli_error", message: "old state" } },
    });
    const refreshed = await as("viewer").snapshots.latest({ agentId: agent.id });
    expect(refreshed.computed.id).not.toBe(stale.id);
    expect(refreshed.computed.view.kind).toBe("status");

    await db.statusSnapshot.update({
      where: { id: refreshed.computed.id },
      data: { takenAt: new Date(Date.now() - 5 * 60_000) },
    });
    const unchanged = await as("viewer").snapshots.latest({ agentId: agent.id });
    expect(unchanged.computed.id).toBe(refreshed.computed.id);
    expect(await db.statusSnapshot.count({ where: { agentId: agent.id, source: "computed" } })).toBe(2);

    await db.gateway.update({
      where: { id: gateway.id },
      data: { defaultModel: { primary: "openai/gpt-5.5" } },
    });
    await db.statusSnapshot.updateMany({
      where: { agentId: agent.id },
      data: { takenAt: new Date(Date.now() - 120_000) },
    });
    const changed = await as("viewer").snapshots.latest({ agentId: agent.id });
    expect(changed.computed.body).toMatchObject({ defaultModel: "openai/gpt-5.5" });
    expect(await db.statusSnapshot.count({ where: { agentId: agent.id, source: "computed" } })).toBe(3);
  });

  it("pages history newest first, filters by source, and diffs any two snapshots", async () => {
    const { as, agent, scope } = await teamWithAgent();
    await as("viewer").snapshots.latest({ agentId: agent.id });
    const report = await agreeingReport(scope, (body) => {
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
