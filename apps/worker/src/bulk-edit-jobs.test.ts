import { Logger, type Runner } from "graphile-worker";
import { afterEach, describe, expect, it } from "vitest";
import { createAgent, createGateway, createTeam } from "@clawfleet/db/testing/factories";
import { readBulkEditRun, requestBulkEdit } from "@clawfleet/services/bulk-edits/bulk-edit-runs";
import { testCaller, useServiceTestDeps } from "@clawfleet/services/testing/service-test-deps";
import { startJobRunner } from "./job-runner";

const deps = useServiceTestDeps();

let runner: Runner | null = null;
afterEach(async () => {
  await runner?.stop();
  runner = null;
});

describe("bulk edits on the worker", () => {
  it("applies a run agent by agent and records each outcome, a stale version as a conflict", async () => {
    runner = await startJobRunner({
      connectionString: process.env.DATABASE_URL ?? "",
      concurrency: 2,
      cronItems: [],
      pollIntervalMs: 200,
      logger: new Logger(() => () => undefined),
      deps: { ...deps, webhooks: {} },
    });
    const team = await createTeam(deps.db);
    const gateway = await createGateway(deps.db, { teamId: team.id });
    const [fresh, stale] = [
      await createAgent(deps.db, { teamId: team.id, gatewayId: gateway.id }),
      await createAgent(deps.db, { teamId: team.id, gatewayId: gateway.id }),
    ];
    await deps.db.agent.update({ where: { id: stale.id }, data: { version: 2 } });
    const caller = testCaller(team.id);
    const { bulkEditRunId } = await requestBulkEdit(deps, caller, {
      action: { kind: "model", choice: { mode: "strict", primary: "anthropic/claude-opus-4-8" } },
      items: [
        { agentId: fresh.id, expectedVersion: 1 },
        { agentId: stale.id, expectedVersion: 1 },
      ],
    });
    await expect
      .poll(async () => (await readBulkEditRun(deps, caller, { bulkEditRunId })).status, { timeout: 15_000 })
      .toBe("succeeded");
    const run = await readBulkEditRun(deps, caller, { bulkEditRunId });
    expect(run.results.map((result) => [result.agentId, result.status])).toEqual([
      [fresh.id, "updated"],
      [stale.id, "conflict"],
    ]);
    expect(run.counts).toEqual({ updated: 1, unchanged: 0, conflict: 1, failed: 0 });
  });
});
