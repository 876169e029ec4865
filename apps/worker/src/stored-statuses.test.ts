import { parseCronItems } from "graphile-worker";
import { describe, expect, it } from "vitest";
import {
  createAgent,
  createGateway,
  createProfile,
  createTeam,
  fakeApiKey,
} from "@clawfleet/db/testing/factories";
import { readBulkEditRun, requestBulkEdit } from "@clawfleet/services/bulk-edits/bulk-edit-runs";
import { refreshGatewayStatuses } from "@clawfleet/services/statuses/stored-statuses";
import { testCaller, testSecretBox, useServiceTestDeps } from "@clawfleet/services/testing/service-test-deps";
import { WORKER_CRON_ITEMS } from "./task-list";
import { TEST_POLL_MS, useTestJobRunner } from "./testing/test-job-runner";

const deps = useServiceTestDeps();
const startWorker = useTestJobRunner(deps);
const { db } = deps;

async function gatewayWithAgents(usage?: { cooldownUntil: Date }) {
  const team = await createTeam(db);
  const gateway = await createGateway(db, { teamId: team.id });
  await createProfile(db, testSecretBox, {
    teamId: team.id,
    gatewayId: gateway.id,
    secrets: { key: fakeApiKey() },
    ...(usage ? { usage: { ...usage, cooldownReason: "rate_limit" } } : {}),
  });
  const agents = [
    await createAgent(db, { teamId: team.id, gatewayId: gateway.id, agentKey: "main" }),
    await createAgent(db, { teamId: team.id, gatewayId: gateway.id, agentKey: "work" }),
  ];
  await db.gateway.update({
    where: { id: gateway.id },
    data: { extraConfig: { agents: { ownership: "explicit" } } },
  });
  return { teamId: team.id, gatewayId: gateway.id, agents };
}

const rowOf = (agentId: string) => db.agentStatus.findUniqueOrThrow({ where: { agentId } });

describe("stored statuses on the worker", () => {
  it("recomputes an agent's row after a bulk edit changes it (the edit only marks it stale)", async () => {
    const { teamId, gatewayId, agents } = await gatewayWithAgents();
    await refreshGatewayStatuses(deps, { teamId, gatewayId });
    const [, work] = agents;
    if (!work) throw new Error("fixture");
    expect((await rowOf(work.id)).verdict).toBe("ok");

    await startWorker();
    const caller = testCaller(teamId);
    const { bulkEditRunId } = await requestBulkEdit(deps, caller, {
      action: { kind: "model", choice: { mode: "strict", primary: "openai/gpt-5.4" } },
      items: [{ agentId: work.id, expectedVersion: 1 }],
    });
    await expect
      .poll(async () => (await readBulkEditRun(deps, caller, { bulkEditRunId })).status, { timeout: 15_000 })
      .toBe("succeeded");
    await expect
      .poll(
        async () => {
          const row = await rowOf(work.id);
          return [row.verdict, row.stale];
        },
        { timeout: 10_000, interval: 100 },
      )
      .toEqual(["failing", false]);
  });

  it("flips a row at the instant a cooldown ends, with nobody reading it", async () => {
    const cooldownEnds = new Date(Date.now() + 2_000);
    const { teamId, gatewayId, agents } = await gatewayWithAgents({ cooldownUntil: cooldownEnds });
    await refreshGatewayStatuses(deps, { teamId, gatewayId });
    const [main] = agents;
    if (!main) throw new Error("fixture");
    const before = await rowOf(main.id);
    expect(before.verdict).toBe("failing");
    expect(before.validUntil).toEqual(cooldownEnds);

    await startWorker();
    await expect
      .poll(async () => (await rowOf(main.id)).verdict, { timeout: 10_000, interval: 50 })
      .toBe("ok");
    const after = await rowOf(main.id);
    expect(after.computedAt.getTime()).toBeGreaterThanOrEqual(cooldownEnds.getTime());
    expect(after.computedAt.getTime() - cooldownEnds.getTime()).toBeLessThan(TEST_POLL_MS + 1_000);
  });

  it("sweeps every minute, not retried", () => {
    const [sweep] = parseCronItems(WORKER_CRON_ITEMS).filter((item) => item.task === "statuses.sweep");
    expect(sweep?.options.maxAttempts).toBe(1);
    for (const min of [0, 1, 37])
      expect(sweep?.match({ min, hour: 3, date: 1, month: 1, dow: 1 })).toBe(true);
  });
});
