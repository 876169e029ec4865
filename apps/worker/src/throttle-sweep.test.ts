import { parseCronItems } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { fixedWindowPolicy } from "@clawfleet/core/throttling/throttle-policy";
import { takeThrottleHit, throttleKey } from "@clawfleet/db/throttle.repository";
import { queueJob } from "@clawfleet/services/jobs/job-catalog";
import { useServiceTestDeps } from "@clawfleet/services/testing/service-test-deps";
import { WORKER_CRON_ITEMS } from "./task-list";
import { useTestJobRunner } from "./testing/test-job-runner";

const deps = useServiceTestDeps();
const startWorker = useTestJobRunner(deps);

describe("the throttle sweep (finding 18: throttle rows were never cleaned)", () => {
  it("deletes spent buckets and keeps those still refusing or counting", async () => {
    const now = Date.now();
    const spent = throttleKey("test", "spent");
    const refusing = throttleKey("test", "refusing");
    await takeThrottleHit(deps.db, spent, fixedWindowPolicy(5, 1_000), new Date(now - 10_000));
    await takeThrottleHit(deps.db, refusing, fixedWindowPolicy(1, 600_000), new Date(now));
    await startWorker();
    await queueJob(deps.db, "throttles.sweep", {});
    await expect
      .poll(async () => (await deps.db.throttleBucket.findMany()).map((row) => row.key), { timeout: 5_000 })
      .toEqual([refusing]);
  });

  it("runs every ten minutes from the worker's cron, not retried", () => {
    const [sweep] = parseCronItems(WORKER_CRON_ITEMS).filter((item) => item.task === "throttles.sweep");
    expect(sweep?.options.maxAttempts).toBe(1);
    expect(sweep?.match({ min: 20, hour: 3, date: 1, month: 1, dow: 1 })).toBe(true);
    expect(sweep?.match({ min: 21, hour: 3, date: 1, month: 1, dow: 1 })).toBe(false);
  });
});
