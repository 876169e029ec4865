import { describe, expect, it } from "vitest";
import {
  findSnapshot,
  latestSnapshots,
  listSnapshots,
  recordComputedSnapshot,
  recordReportedSnapshot,
} from "./status-snapshot.repository";
import { createAgent, createGateway, createTeam } from "./testing/factories";
import { useTestDb } from "./testing/test-db";

const db = useTestDb();
const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute));

async function agentOfNewTeam() {
  const team = await createTeam(db);
  const gateway = await createGateway(db, { teamId: team.id });
  const agent = await createAgent(db, { teamId: team.id, gatewayId: gateway.id, agentKey: "main" });
  await db.agent.update({ where: { id: agent.id }, data: { isDefault: true } });
  return { team, gateway, agent, scope: { teamId: team.id, agentId: agent.id } };
}

describe("status snapshots", () => {
  it("keeps the latest of each source apart and the history newest first, paged and filtered", async () => {
    const { scope } = await agentOfNewTeam();
    await recordReportedSnapshot(db, { ...scope, takenAt: at(1), body: { n: 1 } });
    const computed = await recordComputedSnapshot(db, {
      ...scope,
      takenAt: at(2),
      status: { ok: false, error: { type: "cli_error", message: "no agent" } },
    });
    const newest = await recordReportedSnapshot(db, { ...scope, takenAt: at(3), body: { n: 3 } });

    const latest = await latestSnapshots(db, scope);
    expect(latest.reported?.id).toBe(newest.id);
    expect(latest.computed).toMatchObject({
      id: computed.id,
      source: "computed",
      body: { ok: false, error: { type: "cli_error", message: "no agent" } },
    });

    const firstPage = await listSnapshots(db, { ...scope, page: 1, pageSize: 2 });
    expect(firstPage.total).toBe(3);
    expect(firstPage.items.map((item) => item.takenAt)).toEqual([at(3), at(2)]);
    const reportedOnly = await listSnapshots(db, { ...scope, source: "reported", page: 1, pageSize: 10 });
    expect(reportedOnly.items.map((item) => item.body)).toEqual([{ n: 3 }, { n: 1 }]);
  });

  it("finds a snapshot only inside its team", async () => {
    const { scope } = await agentOfNewTeam();
    const other = await createTeam(db);
    const snapshot = await recordReportedSnapshot(db, { ...scope, takenAt: at(1), body: {} });
    expect(await findSnapshot(db, { teamId: scope.teamId, snapshotId: snapshot.id })).toMatchObject({
      id: snapshot.id,
    });
    expect(await findSnapshot(db, { teamId: other.id, snapshotId: snapshot.id })).toBeNull();
    expect(await latestSnapshots(db, { teamId: other.id, agentId: scope.agentId })).toEqual({
      computed: null,
      reported: null,
    });
  });
});

describe("stored bodies", () => {
  it("come back with the key order the CLI printed (jsonb alone would sort keys by length)", async () => {
    const { scope } = await agentOfNewTeam();
    const body = { configPath: "/x", aliases: { opus: "a/b", gpt: "c/d" }, auth: {} };
    const stored = await recordReportedSnapshot(db, { ...scope, takenAt: at(1), body });
    const read = await findSnapshot(db, { teamId: scope.teamId, snapshotId: stored.id });
    expect(JSON.stringify(read?.body)).toBe(JSON.stringify(body));
  });
});
