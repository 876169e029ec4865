// The paths of config.patch the real Gateway only takes now and then (a reload that a busy plugin refused), with a
// scripted Gateway; the common paths run against the real one in executors.gateway.test.ts.
import { describe, expect, test } from "vitest";
import type { HostJobPayloadOf } from "@clawfleet/core/connector/host-jobs";
import { GatewayRequestError } from "@clawfleet/openclaw-gateway/gateway-client";
import { JobProblem } from "../job-outcome";
import { mergePatchChangesNothing, patchConfig } from "./config-patch";
import type { ExecutorContext, GatewayRequester } from "./executor-context";

const job: HostJobPayloadOf<"config.patch"> = {
  kind: "config.patch",
  patch: { agents: { entries: { ops: { params: { cacheRetention: "long" } } } } },
  replacePaths: [],
  note: "test",
  affectedAgentKeys: ["ops"],
};

/** A Gateway whose `config.get` answers come from `snapshots` in turn (the last one repeats). */
function scripted(snapshots: Record<string, unknown>[], onPatch: () => unknown) {
  const calls: string[] = [];
  let read = 0;
  const gateway: GatewayRequester = {
    request: (method) => {
      calls.push(method);
      if (method === "config.get") return Promise.resolve(snapshots[Math.min(read++, snapshots.length - 1)]);
      if (method === "config.patch") return Promise.resolve(onPatch());
      return Promise.resolve({ ok: true });
    },
  };
  const context: ExecutorContext = {
    gateway: () => Promise.resolve(gateway),
    openclaw: () => Promise.reject(new Error("unused")),
    now: () => 0,
    sleep: () => Promise.resolve(),
    reportStatuses: () => Promise.resolve(0),
  };
  return { context, calls };
}

const before = {
  hash: "h1",
  configRevisionHash: "r1",
  appliedConfigHash: "r1",
  parsed: { agents: { entries: {} } },
};

describe("config.patch on a Gateway that persisted the change but did not apply it", () => {
  test("re-reads until the saved config is the applied one, asking for config.apply once, then reports applied", async () => {
    const pending = { ...before, hash: "h2", configRevisionHash: "r2", appliedConfigHash: "r1", raw: "{…}" };
    const settled = { ...pending, appliedConfigHash: "r2" };
    const { context, calls } = scripted([before, pending, pending, settled], () => {
      throw new GatewayRequestError("config.patch", {
        code: "UNAVAILABLE",
        message:
          "config.patch persisted but was not applied to the active Gateway (failed); run config.get, then use config.apply to reapply the saved config or restart the Gateway",
      });
    });
    const result = await patchConfig(job, context, undefined);
    expect(result).toEqual({
      summary: "Config saved; the Gateway applied it after a second reload",
      changedPaths: ["agents.entries.ops.params.cacheRetention"],
    });
    expect(calls.filter((method) => method === "config.apply")).toHaveLength(1);
  });
});

describe("config.patch on a host that still lists agents in the legacy agents.list", () => {
  test("fails with a message that says what to do, without writing", async () => {
    const legacy = { ...before, parsed: { agents: { list: [{ id: "ops" }] } } };
    const { context, calls } = scripted([legacy], () => ({ ok: true }));
    const error = await patchConfig(job, context, undefined).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JobProblem);
    expect((error as JobProblem).status).toBe("failed");
    expect((error as JobProblem).message).toContain("legacy `agents.list`");
    expect(calls).not.toContain("config.patch");
  });
});

describe("mergePatchChangesNothing", () => {
  test.each([
    [{ a: { b: 1 } }, { a: { b: 1 } }, true],
    [{ a: { b: 1 } }, { a: { b: 2 } }, false],
    [{ a: { b: 1 } }, { a: { c: null } }, true],
    [{ a: { b: 1 } }, { a: { b: null } }, false],
    [{ a: [1, 2] }, { a: [1, 2] }, true],
    [{}, { a: { b: 1 } }, false],
  ])("%j patched with %j changes nothing: %s", (current, patch, expected) => {
    expect(mergePatchChangesNothing(current, patch)).toBe(expected);
  });
});
