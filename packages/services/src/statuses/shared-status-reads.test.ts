import { describe, expect, it } from "vitest";
import { STATUS_READ_REUSE_MS, forgetTeamStatusReads, sharedStatusRead } from "./shared-status-reads";

/** A read that counts its calls and answers when told to. */
function controlledRead() {
  let calls = 0;
  let settle: (value: number) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const read = () => {
    calls += 1;
    return new Promise<number>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
  };
  return {
    read,
    calls: () => calls,
    settle: (value: number) => settle(value),
    fail: (error: Error) => fail(error),
  };
}

describe("shared status reads", () => {
  it("runs one read for sixteen identical concurrent requests, and each gets its answer", async () => {
    const source = controlledRead();
    const scope = { teamId: "team-concurrent", key: "fleet.status", now: 1_000 };
    const answers = Array.from({ length: 16 }, () => sharedStatusRead(scope, source.read));
    source.settle(42);
    expect(await Promise.all(answers)).toEqual(Array.from({ length: 16 }, () => 42));
    expect(source.calls()).toBe(1);
  });

  it("reuses a settled answer within the reuse window only", async () => {
    const source = controlledRead();
    const scope = { teamId: "team-window", key: "fleet.status" };
    const first = sharedStatusRead({ ...scope, now: 5_000 }, source.read);
    source.settle(1);
    await first;
    await sharedStatusRead({ ...scope, now: 5_000 + STATUS_READ_REUSE_MS - 1 }, source.read);
    expect(source.calls()).toBe(1);
    const later = sharedStatusRead({ ...scope, now: 5_000 + STATUS_READ_REUSE_MS }, source.read);
    source.settle(2);
    expect(await later).toBe(2);
    expect(source.calls()).toBe(2);
  });

  it("keeps teams and keys apart", async () => {
    const source = controlledRead();
    const reads = [
      sharedStatusRead({ teamId: "team-a", key: "fleet.status", now: 0 }, source.read),
      sharedStatusRead({ teamId: "team-b", key: "fleet.status", now: 0 }, source.read),
      sharedStatusRead({ teamId: "team-a", key: "authMatrix.list page 2", now: 0 }, source.read),
    ];
    source.settle(0);
    expect(source.calls()).toBe(3);
    await Promise.race(reads);
  });

  it("reads afresh after a change in this process forgets the team", async () => {
    const source = controlledRead();
    const scope = { teamId: "team-forget", key: "fleet.status", now: 9_000 };
    const first = sharedStatusRead(scope, source.read);
    source.settle(1);
    await first;
    forgetTeamStatusReads("team-forget");
    const second = sharedStatusRead(scope, source.read);
    source.settle(2);
    expect(await second).toBe(2);
  });

  it("does not reuse a failed read", async () => {
    const source = controlledRead();
    const scope = { teamId: "team-failure", key: "fleet.status", now: 20_000 };
    const failed = sharedStatusRead(scope, source.read);
    source.fail(new Error("connection reset"));
    await expect(failed).rejects.toThrow("connection reset");
    const retried = sharedStatusRead(scope, source.read);
    source.settle(7);
    expect(await retried).toBe(7);
    expect(source.calls()).toBe(2);
  });
});
