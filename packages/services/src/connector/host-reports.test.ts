import { readFileSync } from "node:fs";
import path from "node:path";
import { fixturesRoot } from "@clawfleet/db/testing/openclaw-fixtures";
import { describe, expect, it } from "vitest";
import { connectorTeam, enrolHostAgent } from "../testing/host-agent-fixtures";
import { useServiceTestClock } from "../testing/service-test-deps";
import { recordHostReports } from "./host-reports";

const T0 = new Date("2026-12-01T09:00:00Z");
const { deps, setNow, at } = useServiceTestClock(T0);
const { db } = deps;

const realStatus = JSON.parse(
  readFileSync(path.join(fixturesRoot, "01-anthropic-api-key", "output", "stdout.json"), "utf8"),
) as Record<string, unknown>;

const gatewayState = (config: Record<string, unknown>) => ({
  takenAt: T0.toISOString(),
  configHash: "hash-1",
  config,
  agents: { agents: [{ id: "main" }] },
  authStatus: null,
});

async function reportingTeam() {
  setNow(T0);
  const team = await connectorTeam(db);
  const { hostAgent } = await enrolHostAgent(deps, team);
  const snapshots = () => db.statusSnapshot.count({ where: { agentId: team.agent.id, source: "reported" } });
  return { ...team, hostAgent, snapshots };
}

describe("host reports", () => {
  it("store each agent's real status as a reported snapshot and the gateway's state", async () => {
    const team = await reportingTeam();
    const recorded = await recordHostReports(
      deps,
      team.hostAgent,
      {
        reports: [{ agentKey: "main", takenAt: T0.toISOString(), status: realStatus }],
        gatewayState: gatewayState({ agents: { defaults: { params: { cacheRetention: "long" } } } }),
      },
      { requestId: "r" },
    );
    expect(recorded).toEqual({ stored: 1, refused: [], gatewayStateStored: true });
    expect(await team.snapshots()).toBe(1);
    expect(
      await db.gatewayHostState.findUniqueOrThrow({ where: { gatewayId: team.gateway.id } }),
    ).toMatchObject({
      configHash: "hash-1",
      config: { agents: { defaults: { params: { cacheRetention: "long" } } } },
      takenAt: T0,
    });
  });

  it("refuse a malformed report or an unknown agent on its own, keeping the others", async () => {
    const team = await reportingTeam();
    const recorded = await recordHostReports(
      deps,
      team.hostAgent,
      {
        reports: [
          { agentKey: "main", takenAt: T0.toISOString(), status: { auth: "not a status" } },
          { agentKey: "ghost", takenAt: T0.toISOString(), status: realStatus },
          { agentKey: "main", takenAt: T0.toISOString(), status: { ...realStatus, agentId: "work" } },
          { agentKey: "main", takenAt: T0.toISOString(), status: realStatus },
        ],
      },
      { requestId: "r" },
    );
    expect(recorded.stored).toBe(1);
    expect(recorded.refused.map(({ index, agentKey, code }) => ({ index, agentKey, code }))).toEqual([
      { index: 0, agentKey: "main", code: "invalid_report" },
      { index: 1, agentKey: "ghost", code: "unknown_agent" },
      { index: 2, agentKey: "main", code: "invalid_report" },
    ]);
    const [malformed, unknown, mismatched] = recorded.refused.map((refusal) => refusal.message);
    expect(malformed).toContain("models status --json");
    expect(unknown).toContain('"ghost"');
    expect(mismatched).toContain("agentId (work)");
    expect(await team.snapshots()).toBe(1);
  });

  it("refuse a gateway state holding a credential-looking string, storing nothing at all", async () => {
    const team = await reportingTeam();
    const leaked = `sk-ant-api03-${"Q".repeat(90)}`;
    await expect(
      recordHostReports(
        deps,
        team.hostAgent,
        {
          reports: [{ agentKey: "main", takenAt: T0.toISOString(), status: realStatus }],
          gatewayState: gatewayState({ models: { providers: { anthropic: { apiKey: leaked } } } }),
        },
        { requestId: "r" },
      ),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", location: "gatewayState" });
    expect(await team.snapshots()).toBe(0);
    expect(await db.gatewayHostState.count({ where: { gatewayId: team.gateway.id } })).toBe(0);
  });

  it("date a report from a host whose clock runs ahead no later than now, and keep the newest state", async () => {
    const team = await reportingTeam();
    const ahead = at(60 * 60_000).toISOString();
    await recordHostReports(
      deps,
      team.hostAgent,
      {
        reports: [{ agentKey: "main", takenAt: ahead, status: realStatus }],
        gatewayState: gatewayState({ a: 1 }),
      },
      { requestId: "r" },
    );
    const snapshot = await db.statusSnapshot.findFirstOrThrow({
      where: { agentId: team.agent.id, source: "reported" },
    });
    expect(snapshot.takenAt).toEqual(T0);
    await recordHostReports(
      deps,
      team.hostAgent,
      { reports: [], gatewayState: { ...gatewayState({ a: 0 }), takenAt: at(-1000).toISOString() } },
      { requestId: "r" },
    );
    expect(
      (await db.gatewayHostState.findUniqueOrThrow({ where: { gatewayId: team.gateway.id } })).config,
    ).toEqual({
      a: 1,
    });
  });
});
