import { describe, expect, it } from "vitest";
import { fixedWindowPolicy, progressivePolicy } from "@clawfleet/core/throttling/throttle-policy";
import { useTestDb } from "./testing/test-db";
import {
  deleteSpentThrottles,
  findThrottleRetryAt,
  resetThrottle,
  takeThrottleHit,
  throttleKey,
} from "./throttle.repository";

const db = useTestDb();
const start = new Date("2026-11-30T10:00:00.000Z");
const at = (ms: number) => new Date(start.getTime() + ms);
const freshKey = () => throttleKey("test", crypto.randomUUID());

describe("throttle buckets", () => {
  it("keys hold the scope in clear and the subject only as a hash", () => {
    const key = throttleKey("sign-in-account", "admin@example.test");
    expect(key).toMatch(/^sign-in-account:[0-9a-f]{64}$/);
    expect(key).not.toContain("admin");
  });

  it("a fixed window passes `limit` hits, refuses until the window ends, then starts over", async () => {
    const key = freshKey();
    const policy = fixedWindowPolicy(3, 60_000);
    for (const hit of [1, 2]) {
      expect(await takeThrottleHit(db, key, policy, at(hit - 1))).toEqual({
        allowed: true,
        hit,
        nextAllowedAt: null,
      });
    }
    expect(await takeThrottleHit(db, key, policy, at(10))).toEqual({
      allowed: true,
      hit: 3,
      nextAllowedAt: at(60_000),
    });
    expect(await takeThrottleHit(db, key, policy, at(59_999))).toEqual({
      allowed: false,
      retryAt: at(60_000),
    });
    expect(await takeThrottleHit(db, key, policy, at(60_000))).toMatchObject({ allowed: true, hit: 1 });
  });

  it("a hit that sets no wait never refuses a caller whose clock reads a moment earlier", async () => {
    const key = freshKey();
    const policy = fixedWindowPolicy(3, 60_000);
    // why: concurrent requests read the clock before they reach the database, in any order.
    await takeThrottleHit(db, key, policy, at(5));
    expect(await findThrottleRetryAt(db, key, at(0))).toBeNull();
    expect(await takeThrottleHit(db, key, policy, at(0))).toEqual({
      allowed: true,
      hit: 2,
      nextAllowedAt: null,
    });
    expect(await takeThrottleHit(db, key, policy, at(1))).toEqual({
      allowed: true,
      hit: 3,
      nextAllowedAt: at(60_001),
    });
  });

  it("a progressive delay refuses until each wait is over, the wait doubling each time", async () => {
    const key = freshKey();
    const policy = progressivePolicy({
      freeHits: 2,
      firstWaitMs: 1_000,
      maxWaitMs: 4_000,
      windowMs: 3_600_000,
    });
    await takeThrottleHit(db, key, policy, at(0));
    expect(await takeThrottleHit(db, key, policy, at(0))).toMatchObject({ nextAllowedAt: at(1_000) });
    expect(await takeThrottleHit(db, key, policy, at(999))).toEqual({ allowed: false, retryAt: at(1_000) });
    expect(await takeThrottleHit(db, key, policy, at(1_000))).toMatchObject({
      hit: 3,
      nextAllowedAt: at(3_000),
    });
    expect(await takeThrottleHit(db, key, policy, at(3_000))).toMatchObject({
      hit: 4,
      nextAllowedAt: at(7_000),
    });
    expect(await takeThrottleHit(db, key, policy, at(7_000))).toMatchObject({
      hit: 5,
      nextAllowedAt: at(11_000),
    });
    await resetThrottle(db, key);
    expect(await findThrottleRetryAt(db, key, at(7_001))).toBeNull();
    expect(await takeThrottleHit(db, key, policy, at(7_001))).toMatchObject({ allowed: true, hit: 1 });
  });

  it("lets exactly the burst allowance through when 100 takers race for one bucket", async () => {
    const key = freshKey();
    const policy = progressivePolicy({
      freeHits: 5,
      firstWaitMs: 30_000,
      maxWaitMs: 900_000,
      windowMs: 3_600_000,
    });
    const decisions = await Promise.all(
      Array.from({ length: 100 }, () => takeThrottleHit(db, key, policy, at(0))),
    );
    const allowed = decisions.filter((decision) => decision.allowed);
    expect(allowed).toHaveLength(5);
    expect(allowed.map((decision) => decision.hit).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(decisions.filter((decision) => !decision.allowed)).toHaveLength(95);
  });

  it("sweeps only buckets whose window and wait are both over", async () => {
    const spent = freshKey();
    const waiting = freshKey();
    await takeThrottleHit(db, spent, fixedWindowPolicy(5, 1_000), at(0));
    await takeThrottleHit(db, waiting, fixedWindowPolicy(1, 60_000), at(0));
    await deleteSpentThrottles(db, at(1_000));
    const left = await db.throttleBucket.findMany({ where: { key: { in: [spent, waiting] } } });
    expect(left.map((row) => row.key)).toEqual([waiting]);
  });
});
