import { describe, expect, it } from "vitest";
import { hostJobRetryDelayMs, reconnectDelayMs } from "./host-job-backoff";

describe("connector backoff", () => {
  it("doubles the job retry delay per failure, from 5 s up to 5 min, within equal jitter", () => {
    expect([1, 2, 3].map((failures) => hostJobRetryDelayMs(failures, 1))).toEqual([5_000, 10_000, 20_000]);
    expect(hostJobRetryDelayMs(1, 0)).toBe(2_500);
    expect(hostJobRetryDelayMs(30, 1)).toBe(300_000);
    expect(hostJobRetryDelayMs(30, 0)).toBe(150_000);
  });

  it("caps the agent's reconnect delay at a minute and never retries at once", () => {
    expect(reconnectDelayMs(1, 0)).toBe(500);
    expect(reconnectDelayMs(7, 1)).toBe(60_000);
    expect(reconnectDelayMs(100, 0.5)).toBe(45_000);
    expect(reconnectDelayMs(0, 0)).toBeGreaterThan(0);
  });
});
