import { Logger, parseCronItems } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { JOB_PAYLOADS } from "@clawfleet/services/jobs/job-catalog";
import { useServiceTestDeps } from "@clawfleet/services/testing/service-test-deps";
import { startJobRunner } from "./job-runner";
import { WORKER_CRON_ITEMS, createTaskList } from "./task-list";

const deps = useServiceTestDeps();

describe("the worker's task list", () => {
  it("has a task for every job of the catalog, and cron items only for those", () => {
    const tasks = Object.keys(createTaskList({ ...deps, webhooks: {} })).sort();
    expect(tasks).toEqual(Object.keys(JOB_PAYLOADS).sort());
    for (const item of WORKER_CRON_ITEMS) expect(tasks).toContain(item.task);
    expect(parseCronItems(WORKER_CRON_ITEMS)).toHaveLength(WORKER_CRON_ITEMS.length);
  });

  it("starts with its default recurring jobs (dotted task names included)", async () => {
    const runner = await startJobRunner({
      connectionString: process.env.DATABASE_URL ?? "",
      concurrency: 1,
      logger: new Logger(() => () => undefined),
      deps: { ...deps, webhooks: {} },
    });
    await runner.stop();
  });
});
