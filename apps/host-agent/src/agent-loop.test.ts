import { afterEach, describe, expect, test } from "vitest";
import { HOST_AGENT_PATHS, type HostFacts } from "@clawfleet/core/connector/host-channel";
import { reconnectDelayMs } from "@clawfleet/core/connector/host-job-backoff";
import type { HostJobDelivery, HostJobOutcome } from "@clawfleet/core/connector/host-jobs";
import { EXIT_CREDENTIAL_REFUSED, runAgentLoop, type AgentLoopDependencies } from "./agent-loop";
import { ConsoleChannel } from "./console-channel";
import { FakeConsole, type Reply } from "./testing/fake-console";

const CREDENTIAL = `cfa_${"c".repeat(43)}`;
const HOST: HostFacts = { agentVersion: "0.1.0", openclawVersion: "2026.9.6", hostname: "gw-1" };
const EMPTY_POLL: Reply = { status: 200, body: { jobs: [], reportIntervalMs: 600_000 } };

const delivery = (jobId: string, attempt: number): HostJobDelivery => ({
  jobId,
  attempt,
  payload: { kind: "agent.delete", agentKey: "ops" },
});
const jobIds = ["4b1f6f2e-8f53-4a8e-9a59-0c0d4c2b1a01", "4b1f6f2e-8f53-4a8e-9a59-0c0d4c2b1a02"] as const;

let fakeConsole: FakeConsole | null = null;
afterEach(async () => {
  await fakeConsole?.stop();
  fakeConsole = null;
});

/** A loop against a fake console; it stops by itself after `maxPolls` polls. */
async function loopAgainst(
  replies: Reply[],
  options: { maxPolls?: number; runJob?: AgentLoopDependencies["runJob"] } = {},
) {
  const stop = new AbortController();
  const maxPolls = options.maxPolls ?? replies.length;
  fakeConsole = await new FakeConsole((path) => {
    if (path === HOST_AGENT_PATHS.poll) return EMPTY_POLL;
    return { status: 200, body: { recorded: true } };
  }).start();
  fakeConsole.enqueue(HOST_AGENT_PATHS.poll, ...replies);
  const server = fakeConsole;
  const sleeps: number[] = [];
  const ran: string[] = [];
  const channel = new ConsoleChannel(fetch, server.url, CREDENTIAL);
  const exitCode = await runAgentLoop({
    channel: {
      poll: async (request, signal) => {
        try {
          return await channel.poll(request, signal);
        } finally {
          if (server.requestsTo(HOST_AGENT_PATHS.poll).length >= maxPolls) stop.abort();
        }
      },
      postResult: (jobId, request) => channel.postResult(jobId, request),
    },
    host: HOST,
    runJob:
      options.runJob ??
      ((job) => {
        ran.push(job.jobId);
        return Promise.resolve({ status: "applied", result: { summary: `ran ${job.jobId}` } });
      }),
    reportTouched: () => Promise.resolve(),
    onReportInterval: () => undefined,
    log: () => undefined,
    random: () => 0.5,
    sleep: (ms) => Promise.resolve(void sleeps.push(ms)),
    stop: stop.signal,
  });
  return { exitCode, sleeps, ran, server };
}

describe("the run loop", () => {
  test("runs delivered jobs in order and answers each with its delivery's attempt", async () => {
    const { exitCode, ran, server } = await loopAgainst(
      [
        {
          status: 200,
          body: { jobs: [delivery(jobIds[0], 3), delivery(jobIds[1], 1)], reportIntervalMs: 60_000 },
        },
      ],
      { maxPolls: 2 },
    );
    expect(exitCode).toBe(0);
    expect(ran).toEqual([jobIds[0], jobIds[1]]);
    expect(server.requests.map((request) => request.path)).toEqual([
      HOST_AGENT_PATHS.poll,
      HOST_AGENT_PATHS.jobResult(jobIds[0]),
      HOST_AGENT_PATHS.jobResult(jobIds[1]),
      HOST_AGENT_PATHS.poll,
    ]);
    expect(server.requestsTo(HOST_AGENT_PATHS.jobResult(jobIds[0]))[0]?.body).toEqual({
      attempt: 3,
      outcome: { status: "applied", result: { summary: `ran ${jobIds[0]}` } },
    });
    expect(server.requests.every((request) => request.authorization === `Bearer ${CREDENTIAL}`)).toBe(true);
  });

  test("the first poll after start says resumed, so jobs leased to a killed predecessor come back at once", async () => {
    const { server } = await loopAgainst([EMPTY_POLL, EMPTY_POLL, EMPTY_POLL]);
    expect(server.requestsTo(HOST_AGENT_PATHS.poll).map((request) => request.body)).toEqual([
      { host: HOST, resumed: true },
      { host: HOST, resumed: false },
      { host: HOST, resumed: false },
    ]);
  });

  test("a 401 stops the loop with exit code 2 and is never retried", async () => {
    const { exitCode, sleeps, server } = await loopAgainst(
      [{ status: 401, body: { error: { code: "UNAUTHORIZED", message: "revoked" } } }],
      { maxPolls: 5 },
    );
    expect(exitCode).toBe(EXIT_CREDENTIAL_REFUSED);
    expect(sleeps).toEqual([]);
    expect(server.requestsTo(HOST_AGENT_PATHS.poll)).toHaveLength(1);
  });

  test("network errors and 5xx reconnect after core's backoff, which resets once the console answers", async () => {
    const down: Reply = { status: 503, body: { error: { code: "UNAVAILABLE", message: "restarting" } } };
    const { sleeps, exitCode } = await loopAgainst([down, "hang-up", down, EMPTY_POLL, down, EMPTY_POLL], {
      maxPolls: 6,
    });
    expect(exitCode).toBe(0);
    expect(sleeps).toEqual([
      reconnectDelayMs(1, 0.5),
      reconnectDelayMs(2, 0.5),
      reconnectDelayMs(3, 0.5),
      reconnectDelayMs(1, 0.5),
    ]);
    expect(new Set(sleeps).size).toBe(3);
  });

  test("a stop during a job lets that job finish and be answered, starts no other, and exits 0", async () => {
    const stopDuringJob = new AbortController();
    let started = 0;
    const replies: Reply[] = [
      {
        status: 200,
        body: { jobs: [delivery(jobIds[0], 1), delivery(jobIds[1], 1)], reportIntervalMs: 60_000 },
      },
    ];
    fakeConsole = await new FakeConsole(() => ({ status: 200, body: { recorded: true } })).start();
    fakeConsole.enqueue(HOST_AGENT_PATHS.poll, ...replies);
    const channel = new ConsoleChannel(fetch, fakeConsole.url, CREDENTIAL);
    const exitCode = await runAgentLoop({
      channel,
      host: HOST,
      runJob: async (): Promise<HostJobOutcome> => {
        started += 1;
        stopDuringJob.abort(); // SIGTERM arrives while the job runs
        await new Promise((resolve) => setTimeout(resolve, 10));
        return { status: "applied", result: { summary: "finished after the stop" } };
      },
      reportTouched: () => Promise.resolve(),
      onReportInterval: () => undefined,
      log: () => undefined,
      random: () => 0,
      sleep: () => Promise.resolve(),
      stop: stopDuringJob.signal,
    });
    expect(exitCode).toBe(0);
    expect(started).toBe(1);
    expect(fakeConsole.requestsTo(HOST_AGENT_PATHS.jobResult(jobIds[0]))).toHaveLength(1);
    expect(fakeConsole.requestsTo(HOST_AGENT_PATHS.jobResult(jobIds[1]))).toHaveLength(0);
  });
});
