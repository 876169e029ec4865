import { parseCronItems } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { removeJob } from "@clawfleet/db/job-queue";
import { queueJob } from "@clawfleet/services/jobs/job-catalog";
import { reauthTeam, requestForFreshProfile } from "@clawfleet/services/testing/reauth-fixtures";
import { testCaller, useServiceTestDeps } from "@clawfleet/services/testing/service-test-deps";
import { saveWebhook } from "@clawfleet/services/webhooks/team-webhook";
import { WORKER_CRON_ITEMS } from "./task-list";
import { startWebhookReceiver } from "./testing/local-webhook-receiver";
import { TEST_POLL_MS, useTestJobRunner } from "./testing/test-job-runner";

const deps = useServiceTestDeps();
const startWorker = useTestJobRunner(deps);

const stateOf = async (requestId: string) =>
  (await deps.db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } })).state;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("re-auth on the worker's schedule", () => {
  it("reminds at once of a deadline less than a day away and expires the request at it, calling the webhook, with nobody using the console", async () => {
    const hook = await startWebhookReceiver();
    try {
      const team = await reauthTeam(deps.db);
      await saveWebhook(deps, testCaller(team.team.id), {
        url: hook.url,
        expectedVersion: null,
        rotateSecret: false,
        allowedNetworks: hook.allowedNetworks,
      });
      const deadline = new Date(Date.now() + 2_500);
      const { requestId } = await requestForFreshProfile(deps, team, { deadline });
      await startWorker();

      await expect
        .poll(() => hook.events(), { timeout: 2_000, interval: 100 })
        .toContain("reauth.deadline_near");
      expect(await stateOf(requestId)).toBe("link_issued");

      await expect.poll(() => stateOf(requestId), { timeout: 10_000, interval: 50 }).toBe("expired");
      const expired = await deps.db.reauthRequest.findUniqueOrThrow({ where: { id: requestId } });
      // The lapse job runs at the deadline (not before), within a poll interval plus scheduling slack.
      expect(expired.expiredAt?.getTime()).toBeGreaterThanOrEqual(deadline.getTime());
      expect((expired.expiredAt?.getTime() ?? 0) - deadline.getTime()).toBeLessThan(TEST_POLL_MS + 1_000);

      await expect
        .poll(() => [...hook.events()].sort(), { timeout: 5_000, interval: 100 })
        .toEqual(["reauth.deadline_near", "reauth.expired", "reauth.requested"]);
      const timeline = await deps.db.reauthEvent.findMany({ where: { requestId }, orderBy: { id: "asc" } });
      expect(timeline.map((entry) => entry.kind)).toEqual([
        "requested",
        "link_issued",
        "reminded",
        "expired",
      ]);
    } finally {
      await hook.close();
    }
  });

  it("runs the cron backstop's task, which expires a lapsed request whose lapse job was lost", async () => {
    const team = await reauthTeam(deps.db);
    const { requestId } = await requestForFreshProfile(deps, team, { deadline: new Date(Date.now() + 300) });
    await removeJob(deps.db, `reauth.lapse:${requestId}`);
    await startWorker();
    await sleep(1_000);
    expect(await stateOf(requestId)).toBe("link_issued");

    await queueJob(deps.db, "reauth.sweep", {});
    await expect.poll(() => stateOf(requestId), { timeout: 5_000, interval: 100 }).toBe("expired");
  });

  it("sweeps every minute, not retried (the next minute's run is)", () => {
    const items = parseCronItems(WORKER_CRON_ITEMS).filter((item) => item.task.endsWith(".sweep"));
    const everyMinute = items.filter((item) => item.task === "reauth.sweep" || item.task === "webhook.sweep");
    expect(everyMinute.map((item) => item.task).sort()).toEqual(["reauth.sweep", "webhook.sweep"]);
    for (const item of everyMinute) {
      expect(item.options.maxAttempts).toBe(1);
      for (const min of [0, 1, 17, 59])
        expect(item.match({ min, hour: 13, date: 5, month: 6, dow: 2 }), `${item.task} at :${min}`).toBe(
          true,
        );
    }
  });

  it("starts with the default backstops (a worker that cannot parse its schedule does not start)", async () => {
    await startWorker({ cronItems: WORKER_CRON_ITEMS });
    // The running cron scheduler records each item it schedules.
    const known = () =>
      deps.db.$queryRaw<{ identifier: string }[]>`
        SELECT identifier FROM graphile_worker._private_known_crontabs ORDER BY identifier`;
    await expect
      .poll(async () => (await known()).map((row) => row.identifier), { timeout: 5_000 })
      .toEqual(WORKER_CRON_ITEMS.map((item) => item.task).sort());
  });
});
