import { describe, expect, it } from "vitest";
import type { BulkEditAction } from "@clawfleet/core/fleet/bulk-edit.schema";
import { recordBulkEditOutcome } from "@clawfleet/db/bulk-edit-run.repository";
import { listPendingJobs } from "@clawfleet/db/job-queue";
import { createAgent, createGateway, createTeam } from "@clawfleet/db/testing/factories";
import { runQueuedJobsNow } from "../testing/run-queued-jobs";
import { testCaller, useServiceTestDeps } from "../testing/service-test-deps";
import { readBulkEditRun, requestBulkEdit, runBulkEdit } from "./bulk-edit-runs";

const deps = useServiceTestDeps();
const { db } = deps;

const setShort: BulkEditAction = {
  kind: "params",
  change: { layer: { kind: "agent" }, set: { cacheRetention: "short" }, clear: [] },
};

async function teamWithAgents(count: number) {
  const team = await createTeam(db);
  const gateway = await createGateway(db, { teamId: team.id });
  const agents: string[] = [];
  for (let index = 0; index < count; index += 1)
    agents.push((await createAgent(db, { teamId: team.id, gatewayId: gateway.id, name: `A${index}` })).id);
  return { teamId: team.id, agents };
}

describe("bulk edit runs", () => {
  it("queue one job naming the run only, and audit each agent as the person who asked", async () => {
    const { teamId, agents } = await teamWithAgents(2);
    const caller = testCaller(teamId, { id: crypto.randomUUID(), label: "operator@example.test" });
    const { bulkEditRunId } = await requestBulkEdit(deps, caller, {
      action: setShort,
      items: agents.map((agentId) => ({ agentId, expectedVersion: 1 })),
    });
    expect(await listPendingJobs(db, { task: "bulk_edits.apply" })).toEqual([
      expect.objectContaining({ payload: { bulkEditRunId } }),
    ]);
    await runQueuedJobsNow(deps);
    expect(await readBulkEditRun(deps, caller, { bulkEditRunId })).toMatchObject({
      status: "succeeded",
      counts: { updated: 2, unchanged: 0, conflict: 0, failed: 0 },
    });
    const audit = await db.auditEvent.findMany({ where: { teamId }, orderBy: { id: "asc" } });
    expect(audit.map((event) => [event.targetId, event.actorLabel, event.requestId])).toEqual(
      agents.map((agentId) => [agentId, "operator@example.test", caller.requestId]),
    );
  });

  it("pick up where a dead attempt stopped: agents with an outcome are not applied again", async () => {
    const { teamId, agents } = await teamWithAgents(3);
    const caller = testCaller(teamId);
    const { bulkEditRunId } = await requestBulkEdit(deps, caller, {
      action: setShort,
      items: agents.map((agentId) => ({ agentId, expectedVersion: 1 })),
    });
    // An earlier attempt recorded the first agent's outcome, then its worker died.
    await db.bulkEditRun.update({ where: { id: bulkEditRunId }, data: { status: "running" } });
    await recordBulkEditOutcome(db, {
      bulkEditRunId,
      position: 0,
      outcome: "failed",
      message: "earlier attempt",
      version: null,
    });
    await runBulkEdit(deps, { bulkEditRunId });
    const run = await readBulkEditRun(deps, caller, { bulkEditRunId });
    expect(run).toMatchObject({ status: "succeeded", doneItems: 3 });
    expect(run.results.map((result) => result.status)).toEqual(["failed", "updated", "updated"]);
    expect((await db.agent.findUniqueOrThrow({ where: { id: agents[0] } })).version).toBe(1);
    // A finished run is not applied again by a stray job.
    await runBulkEdit(deps, { bulkEditRunId });
    expect(await db.auditEvent.count({ where: { teamId } })).toBe(2);
  });

  it("refuse a selection with none of the team's agents, and another team's run", async () => {
    const mine = await teamWithAgents(1);
    const theirs = await teamWithAgents(1);
    await expect(
      requestBulkEdit(deps, testCaller(mine.teamId), {
        action: setShort,
        items: [{ agentId: theirs.agents[0] ?? "", expectedVersion: 1 }],
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { bulkEditRunId } = await requestBulkEdit(deps, testCaller(theirs.teamId), {
      action: setShort,
      items: [{ agentId: theirs.agents[0] ?? "", expectedVersion: 1 }],
    });
    await expect(readBulkEditRun(deps, testCaller(mine.teamId), { bulkEditRunId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db.bulkEditRun.count({ where: { teamId: mine.teamId } })).toBe(0);
  });
});
