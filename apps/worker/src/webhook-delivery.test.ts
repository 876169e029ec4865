import { describe, expect, it } from "vitest";
import { inTransaction } from "@clawfleet/db/client";
import { createTeam } from "@clawfleet/db/testing/factories";
import { useServiceTestDeps, testCaller } from "@clawfleet/services/testing/service-test-deps";
import { saveWebhook } from "@clawfleet/services/webhooks/team-webhook";
import { queueWebhookDelivery } from "@clawfleet/services/webhooks/webhook-delivery";
import {
  WEBHOOK_SIGNATURE_HEADER,
  verifyWebhookSignature,
} from "@clawfleet/services/webhooks/webhook-signature";
import { startWebhookReceiver as receiver } from "./testing/local-webhook-receiver";
import { TEST_POLL_MS, useTestJobRunner } from "./testing/test-job-runner";

const deps = useServiceTestDeps();
const QUICK_RETRY = { firstRetryMs: 1_000, maxRetryMs: 10_000, maxAttempts: 8 };
const startWorker = useTestJobRunner(deps);

describe("webhook delivery on the worker", () => {
  it("delivers on the third attempt at its scheduled time when the receiver fails twice, with nobody using the console", async () => {
    const hook = await receiver([500, 503]);
    try {
      const team = await createTeam(deps.db);
      const { signingSecret } = await saveWebhook(deps, testCaller(team.id), {
        url: hook.url,
        expectedVersion: null,
        rotateSecret: false,
        allowedNetworks: hook.allowedNetworks,
      });
      const queuedAt = Date.now();
      await inTransaction(deps.db, (tx) =>
        queueWebhookDelivery(tx, {
          teamId: team.id,
          payload: { event: "reauth.requested", request: { id: "r-1" } },
          dedupeKey: `test:${team.id}`,
          now: new Date(),
        }),
      );
      await startWorker({ webhooks: { retry: QUICK_RETRY } });

      await expect.poll(() => hook.received.length, { timeout: 15_000, interval: 100 }).toBe(3);
      const [first, second, third] = hook.received.map((request) => request.at);
      // The first attempt runs as soon as the job is queued; each retry waits its backoff (1 s, then 2 s),
      // and starts within a poll interval (plus scheduling slack) of its time.
      expect((first ?? 0) - queuedAt).toBeLessThan(2_000);
      expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(1_000);
      expect((second ?? 0) - (first ?? 0)).toBeLessThan(1_000 + TEST_POLL_MS + 800);
      expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(2_000);
      expect((third ?? 0) - (second ?? 0)).toBeLessThan(2_000 + TEST_POLL_MS + 800);

      const delivered = hook.received[2];
      expect(
        verifyWebhookSignature(
          signingSecret ?? "",
          String(delivered?.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()]),
          delivered?.body ?? "",
          { nowSeconds: Math.floor(Date.now() / 1000) },
        ),
      ).toBe(true);
      expect(JSON.parse(delivered?.body ?? "{}")).toMatchObject({ event: "reauth.requested" });

      await expect
        .poll(async () => (await deps.db.outboxJob.findFirst({ where: { teamId: team.id } }))?.doneAt, {
          timeout: 5_000,
        })
        .not.toBeNull();
      const row = await deps.db.outboxJob.findFirstOrThrow({ where: { teamId: team.id } });
      expect(row).toMatchObject({ attempts: 3, lastError: null, failedAt: null });
    } finally {
      await hook.close();
    }
  });

  it("gives up after the last attempt and records why, without queuing more", async () => {
    const hook = await receiver([500, 500, 500, 500]);
    try {
      const team = await createTeam(deps.db);
      await saveWebhook(deps, testCaller(team.id), {
        url: hook.url,
        expectedVersion: null,
        rotateSecret: false,
        allowedNetworks: hook.allowedNetworks,
      });
      await queueWebhookDelivery(deps.db, {
        teamId: team.id,
        payload: { event: "reauth.expired" },
        dedupeKey: `test:${team.id}`,
        now: new Date(),
      });
      await startWorker({
        concurrency: 1,
        webhooks: { retry: { firstRetryMs: 200, maxRetryMs: 200, maxAttempts: 2 } },
      });
      await expect
        .poll(async () => (await deps.db.outboxJob.findFirst({ where: { teamId: team.id } }))?.failedAt, {
          timeout: 10_000,
        })
        .not.toBeNull();
      expect(hook.received).toHaveLength(2);
      expect(await deps.db.outboxJob.findFirstOrThrow({ where: { teamId: team.id } })).toMatchObject({
        attempts: 2,
        lastError: "receiver answered 5xx",
      });
    } finally {
      await hook.close();
    }
  });
});
