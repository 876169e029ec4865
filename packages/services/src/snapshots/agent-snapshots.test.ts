import { describe, expect, it } from "vitest";
import { listSnapshots } from "@clawfleet/db/status-snapshot.repository";
import { createAgent, createGateway, createTeam } from "@clawfleet/db/testing/factories";
import { useServiceTestDeps } from "../testing/service-test-deps";
import { refreshComputedSnapshot } from "./agent-snapshots";

const { db } = useServiceTestDeps();
const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute));

async function agentOfNewTeam() {
  const team = await createTeam(db);
  const gateway = await createGateway(db, { teamId: team.id });
  const agent = await createAgent(db, { teamId: team.id, gatewayId: gateway.id, agentKey: "main" });
  await db.agent.update({ where: { id: agent.id }, data: { isDefault: true } });
  return { gateway, scope: { teamId: team.id, agentId: agent.id } };
}

describe("refreshComputedSnapshot", () => {
  it("records a computed snapshot on the first refresh and again only when the state changes", async () => {
    const { scope, gateway } = await agentOfNewTeam();
    const first = await refreshComputedSnapshot(db, { ...scope, now: at(0) });
    expect(first.recorded).toBe(true);
    expect(first.snapshot.body).toMatchObject({ defaultModel: "anthropic/claude-opus-4-8" });

    const later = await refreshComputedSnapshot(db, { ...scope, now: at(30) });
    expect(later).toEqual({ snapshot: first.snapshot, recorded: false });

    await db.gateway.update({
      where: { id: gateway.id },
      data: { defaultModel: { primary: "anthropic/claude-sonnet-5", fallbacks: [] } },
    });
    const changed = await refreshComputedSnapshot(db, { ...scope, now: at(31) });
    expect(changed.recorded).toBe(true);
    expect(changed.snapshot.body).toMatchObject({ defaultModel: "anthropic/claude-sonnet-5", fallbacks: [] });
    expect((await listSnapshots(db, { ...scope, source: "computed", page: 1, pageSize: 10 })).total).toBe(2);
  });

  it("refuses to compute for another team's agent", async () => {
    const { scope } = await agentOfNewTeam();
    const other = await createTeam(db);
    await expect(
      refreshComputedSnapshot(db, { teamId: other.id, agentId: scope.agentId, now: at(0) }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
