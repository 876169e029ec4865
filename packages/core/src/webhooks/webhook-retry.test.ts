import { describe, expect, it } from "vitest";
import { DEFAULT_WEBHOOK_RETRY, nextWebhookAttemptAt } from "./webhook-retry";

const failedAt = new Date("2026-11-30T10:00:00Z");
const delayAfter = (failures: number) => {
  const next = nextWebhookAttemptAt(failures, failedAt);
  return next ? (next.getTime() - failedAt.getTime()) / 1000 : null;
};

describe("nextWebhookAttemptAt", () => {
  it.each([
    { failures: 1, seconds: 30 },
    { failures: 2, seconds: 60 },
    { failures: 3, seconds: 120 },
    { failures: 6, seconds: 960 },
    { failures: 7, seconds: 1920 },
  ])("retries $seconds s after failure $failures", ({ failures, seconds }) => {
    expect(delayAfter(failures)).toBe(seconds);
  });

  it("caps the wait at an hour and gives up after the eighth attempt", () => {
    expect(nextWebhookAttemptAt(7, failedAt, { ...DEFAULT_WEBHOOK_RETRY, maxAttempts: 20 })).toEqual(
      new Date(failedAt.getTime() + 1_920_000),
    );
    expect(nextWebhookAttemptAt(12, failedAt, { ...DEFAULT_WEBHOOK_RETRY, maxAttempts: 20 })).toEqual(
      new Date(failedAt.getTime() + 3_600_000),
    );
    expect(delayAfter(8)).toBeNull();
  });

  it("follows a shortened schedule for tests of the whole path", () => {
    const quick = { firstRetryMs: 200, maxRetryMs: 1_000, maxAttempts: 3 };
    expect(nextWebhookAttemptAt(1, failedAt, quick)).toEqual(new Date(failedAt.getTime() + 200));
    expect(nextWebhookAttemptAt(2, failedAt, quick)).toEqual(new Date(failedAt.getTime() + 400));
    expect(nextWebhookAttemptAt(3, failedAt, quick)).toBeNull();
  });
});
