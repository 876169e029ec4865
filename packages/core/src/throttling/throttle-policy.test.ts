import { describe, expect, it } from "vitest";
import {
  burstAllowance,
  describeRetryDelay,
  fixedWindowPolicy,
  progressivePolicy,
  retryAfterSeconds,
  waitAfterHit,
} from "./throttle-policy";

describe("throttle policies", () => {
  it("a fixed window lets `limit` hits through, then waits out the window", () => {
    const policy = fixedWindowPolicy(3, 60_000);
    expect(policy.waitsMs).toEqual([0, 0, 60_000]);
    expect(burstAllowance(policy)).toBe(3);
    expect(waitAfterHit(policy, 2)).toBe(0);
    expect(waitAfterHit(policy, 3)).toBe(60_000);
    expect(waitAfterHit(policy, 50)).toBe(60_000);
  });

  it("a progressive delay doubles after the free hits and stops growing at the cap", () => {
    const policy = progressivePolicy({
      freeHits: 3,
      firstWaitMs: 1_000,
      maxWaitMs: 5_000,
      windowMs: 86_400_000,
    });
    expect(policy.waitsMs).toEqual([0, 0, 1_000, 2_000, 4_000, 5_000]);
    expect(burstAllowance(policy)).toBe(3);
    expect(waitAfterHit(policy, 6)).toBe(5_000);
    expect(waitAfterHit(policy, 600)).toBe(5_000);
  });

  it("refuses policies that would never throttle or never let anyone in", () => {
    expect(() => fixedWindowPolicy(0, 1_000)).toThrow(RangeError);
    expect(() => progressivePolicy({ freeHits: 0, firstWaitMs: 1, maxWaitMs: 2, windowMs: 10 })).toThrow(
      RangeError,
    );
    expect(() => progressivePolicy({ freeHits: 1, firstWaitMs: 5, maxWaitMs: 2, windowMs: 10 })).toThrow(
      RangeError,
    );
  });

  it("says when to retry in whole seconds or minutes, rounding up", () => {
    const now = new Date("2026-11-30T10:00:00Z");
    expect(retryAfterSeconds(new Date(now.getTime() + 200), now)).toBe(1);
    expect(retryAfterSeconds(new Date(now.getTime() - 5_000), now)).toBe(1);
    expect(retryAfterSeconds(new Date(now.getTime() + 61_500), now)).toBe(62);
    expect(describeRetryDelay(1)).toBe("1 second");
    expect(describeRetryDelay(45)).toBe("45 seconds");
    expect(describeRetryDelay(60)).toBe("1 minute");
    expect(describeRetryDelay(62)).toBe("2 minutes");
    expect(describeRetryDelay(900)).toBe("15 minutes");
  });
});
