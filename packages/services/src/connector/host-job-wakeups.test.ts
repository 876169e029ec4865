/**
 * Several console instances behind a load balancer: an agent's poll may be held by any of them, and a job queued
 * through any other must wake it. Two separate Node processes, each with its own LISTEN connection, wait for one
 * gateway; a job queued from this process wakes both.
 */
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { connectorTeam, enrolHostAgent } from "../testing/host-agent-fixtures";
import { useServiceTestDeps } from "../testing/service-test-deps";
import { queueHostJob } from "./host-job-queue";
import { createHostJobWakeups } from "./host-job-wakeups";
import { deliverHostJobs, recordHostJobOutcome, sweepHostConnector } from "./host-jobs";

const deps = useServiceTestDeps();
const listenerScript = fileURLToPath(new URL("../testing/host-job-listener-process.ts", import.meta.url));
const children: ChildProcessByStdio<null, Readable, Readable>[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill();
});

/** Starts a listener process; resolves its output lines one by one. */
function startListener(gatewayId: string, hostAgentId: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", listenerScript, process.env.DATABASE_URL ?? "", gatewayId, hostAgentId],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(child);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const stderr: string[] = [];
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  return {
    nextLine: async () => {
      const line = await lines.next();
      if (line.done) throw new Error(`listener exited: ${stderr.join("")}`);
      return line.value;
    },
  };
}

describe("waking held polls across console processes", () => {
  it("a job queued in one process wakes the waits of two other processes", async () => {
    const team = await connectorTeam(deps.db);
    const { hostAgent } = await enrolHostAgent(deps, team);
    const listeners = [
      startListener(team.gateway.id, hostAgent.hostAgentId),
      startListener(team.gateway.id, hostAgent.hostAgentId),
    ];
    for (const listener of listeners) expect(await listener.nextLine()).toBe("ready");
    await queueHostJob(deps.db, {
      teamId: team.team.id,
      gatewayId: team.gateway.id,
      payload: { kind: "status.report", agentKeys: [] },
      origin: { type: "test", id: "two-listeners" },
      createdById: null,
      now: new Date(),
    });
    // Each wait would end with "timeout" after 30 s; "jobs" means the NOTIFY reached both processes.
    expect(await Promise.all(listeners.map((listener) => listener.nextLine()))).toEqual(["jobs", "jobs"]);
  }, 60_000);

  it("in one process, a job of another gateway does not wake a wait", async () => {
    const wakeups = createHostJobWakeups(process.env.DATABASE_URL ?? "");
    try {
      const team = await connectorTeam(deps.db);
      const other = await connectorTeam(deps.db);
      const { hostAgent } = await enrolHostAgent(deps, team);
      await enrolHostAgent(deps, other);
      await wakeups.ready;
      const mine = wakeups.subscribe(team.gateway.id, hostAgent.hostAgentId);
      const queue = (gatewayId: string, teamId: string) =>
        queueHostJob(deps.db, {
          teamId,
          gatewayId,
          payload: { kind: "status.report", agentKeys: [] },
          origin: { type: "test", id: "fan-out" },
          createdById: null,
          now: new Date(),
        });
      await queue(other.gateway.id, other.team.id);
      await queue(team.gateway.id, team.team.id);
      // The other gateway's NOTIFY was sent first; had it woken this wait, the second would still be pending.
      expect(await mine.next({ timeoutMs: 20_000 })).toBe("jobs");
      expect(await mine.next({ timeoutMs: 200 })).toBe("timeout");
      mine.cancel();
    } finally {
      await wakeups.close();
    }
  });

  it("the sweep wakes a wait once a job's backoff has elapsed", async () => {
    const wakeups = createHostJobWakeups(process.env.DATABASE_URL ?? "");
    try {
      const team = await connectorTeam(deps.db);
      const { hostAgent } = await enrolHostAgent(deps, team);
      await wakeups.ready;
      // The queuing's own NOTIFY is heard first, so that the wait below can only be woken by the sweep.
      const queued = wakeups.subscribe(team.gateway.id, hostAgent.hostAgentId);
      const job = await queueHostJob(deps.db, {
        teamId: team.team.id,
        gatewayId: team.gateway.id,
        payload: { kind: "status.report", agentKeys: [] },
        origin: { type: "test", id: "sweep" },
        createdById: null,
        now: new Date(),
      });
      await deliverHostJobs(deps, hostAgent, { resumed: false });
      await recordHostJobOutcome(deps, hostAgent, job?.id ?? "", {
        attempt: 1,
        outcome: { status: "retry", error: { code: "UNAVAILABLE", message: "gateway starting" } },
      });
      expect(await queued.next({ timeoutMs: 20_000 })).toBe("jobs");
      queued.cancel();
      const waiting = wakeups.subscribe(team.gateway.id, hostAgent.hostAgentId);
      // An hour later (the sweep's clock), the backoff is long over.
      await sweepHostConnector({ db: deps.db, now: () => new Date(Date.now() + 3_600_000) });
      expect(await waiting.next({ timeoutMs: 20_000 })).toBe("jobs");
      waiting.cancel();
    } finally {
      await wakeups.close();
    }
  });
});
