// `clawfleet-agent run` end to end: a fake console on 127.0.0.1 hands out jobs, the agent applies them on the suite's
// real Gateway with the real CLI, answers, reports, and keeps each job's effect to once across restarts.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { HOST_AGENT_PATHS } from "@clawfleet/core/connector/host-channel";
import type { HostJobDelivery } from "@clawfleet/core/connector/host-jobs";
import { connectGateway } from "@clawfleet/openclaw-gateway/gateway-client";
import { ENROLMENT_FILE, JOURNAL_FILE } from "./agent-home";
import { main } from "./main";
import { FakeConsole } from "./testing/fake-console";
import { gatewayEnvironment, openClawLauncher, realGateway } from "./testing/real-openclaw";

const CREDENTIAL = `cfa_${"R".repeat(43)}`;
const CREATE_JOB = "7e1d9c2a-4b3f-4e5d-8a6b-9c0d1e2f3a40";
const HALF_DONE_JOB = "7e1d9c2a-4b3f-4e5d-8a6b-9c0d1e2f3a41";

let fakeConsole: FakeConsole | null = null;
afterEach(async () => {
  await fakeConsole?.stop();
  fakeConsole = null;
});

const createJob = (jobId: string, agentKey: string, attempt: number): HostJobDelivery => ({
  jobId,
  attempt,
  payload: { kind: "agent.create", agentKey, name: agentKey, workspace: null, model: null },
});

/** Runs the agent until `done` says so (checked every 100 ms), then stops it as SIGTERM would. */
async function runAgentUntil(agentHome: string, done: (console: FakeConsole) => boolean) {
  const server = fakeConsole;
  if (!server) throw new Error("start the fake console first");
  const stop = new AbortController();
  const out: string[] = [];
  const watcher = setInterval(() => {
    if (done(server)) stop.abort();
  }, 100);
  const gateway = realGateway();
  const exitCode = await main(["run", "--gateway-url", gateway.url], {
    stdout: (text) => void out.push(text),
    stderr: (text) => void out.push(text),
    env: {
      ...gatewayEnvironment(),
      CLAWFLEET_AGENT_HOME: agentHome,
      CLAWFLEET_OPENCLAW_BIN: openClawLauncher(),
    },
    readStdin: () => Promise.resolve(null),
    fetch,
    now: Date.now,
    random: Math.random,
    stop: stop.signal,
  }).finally(() => clearInterval(watcher));
  const log = out.join("");
  return {
    exitCode,
    log,
    events: log
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

function enrolledHome(consoleUrl: string): string {
  const home = mkdtempSync(join(os.tmpdir(), "clawfleet-agent-run-"));
  writeFileSync(
    join(home, ENROLMENT_FILE),
    JSON.stringify({
      consoleUrl,
      credential: CREDENTIAL,
      hostAgentId: "1f2e3d4c-5b6a-4789-8a9b-0c1d2e3f4a5b",
      gateway: { id: "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d", name: "test" },
      reportIntervalMs: 3_600_000,
    }),
    { mode: 0o600 },
  );
  return home;
}

async function agentIds(): Promise<string[]> {
  const { url, token } = realGateway();
  const gateway = await connectGateway({ url, token });
  const answer = (await gateway.request("agents.list", {})) as { agents: { id: string }[] };
  await gateway.close();
  return answer.agents.map((agent) => agent.id);
}

describe("clawfleet-agent run against the real Gateway", () => {
  test("applies a delivered job, answers it, reports the agent it touched; a redelivery is answered from the journal", async () => {
    fakeConsole = await new FakeConsole((path) =>
      path === HOST_AGENT_PATHS.poll
        ? { status: 200, body: { jobs: [], reportIntervalMs: 3_600_000 }, delayMs: 200 }
        : { status: 200, body: { recorded: true } },
    ).start();
    fakeConsole.enqueue(HOST_AGENT_PATHS.poll, {
      status: 200,
      body: { jobs: [createJob(CREATE_JOB, "run-probe", 1)], reportIntervalMs: 3_600_000 },
    });
    const home = enrolledHome(fakeConsole.url);
    type ReportsBody = { reports: { agentKey: string }[]; gatewayState?: { configHash: string } };
    const reportBodies = (server: FakeConsole) =>
      server.requestsTo(HOST_AGENT_PATHS.reports).map((request) => request.body as ReportsBody);
    // Two reports follow: the touched agent's real status, and the Gateway's state after its config.changed.
    const first = await runAgentUntil(
      home,
      (server) =>
        reportBodies(server).some((body) => body.reports.length > 0) &&
        reportBodies(server).some((body) => body.gatewayState !== undefined),
    );
    expect(first.exitCode).toBe(0);
    const [answer] = fakeConsole.requestsTo(HOST_AGENT_PATHS.jobResult(CREATE_JOB));
    expect(answer?.body).toEqual({
      attempt: 1,
      outcome: { status: "applied", result: { summary: "Created agent run-probe", agentKey: "run-probe" } },
    });
    const statusReport = reportBodies(fakeConsole).find((body) => body.reports.length > 0);
    expect(statusReport?.reports.map((entry) => entry.agentKey)).toEqual(["run-probe"]);
    const stateReport = reportBodies(fakeConsole).find((body) => body.gatewayState !== undefined);
    expect(typeof stateReport?.gatewayState?.configHash).toBe("string");
    expect(fakeConsole.requestsTo(HOST_AGENT_PATHS.poll)[0]?.body).toMatchObject({ resumed: true });
    expect(first.events.find((event) => event.event === "job.finished")).toMatchObject({
      jobId: CREATE_JOB,
      kind: "agent.create",
      outcome: "applied",
    });
    for (const secret of [CREDENTIAL, realGateway().token]) expect(first.log).not.toContain(secret);

    // The console never saw the answer (say) and delivers the job again to a restarted agent.
    fakeConsole.enqueue(HOST_AGENT_PATHS.poll, {
      status: 200,
      body: { jobs: [createJob(CREATE_JOB, "run-probe", 2)], reportIntervalMs: 3_600_000 },
    });
    const second = await runAgentUntil(
      home,
      (server) => server.requestsTo(HOST_AGENT_PATHS.jobResult(CREATE_JOB)).length > 1,
    );
    expect(fakeConsole.requestsTo(HOST_AGENT_PATHS.jobResult(CREATE_JOB))[1]?.body).toEqual({
      attempt: 2,
      outcome: { status: "applied", result: { summary: "Created agent run-probe", agentKey: "run-probe" } },
    });
    expect(second.events.map((event) => event.event)).toContain("job.answered_from_journal");
    expect((await agentIds()).filter((id) => id === "run-probe")).toHaveLength(1);
  });

  test("a job a killed agent had only started is applied again by its successor, once", async () => {
    fakeConsole = await new FakeConsole((path) =>
      path === HOST_AGENT_PATHS.poll
        ? { status: 200, body: { jobs: [], reportIntervalMs: 3_600_000 }, delayMs: 200 }
        : { status: 200, body: { recorded: true } },
    ).start();
    const home = enrolledHome(fakeConsole.url);
    writeFileSync(
      join(home, JOURNAL_FILE),
      `${JSON.stringify({ jobId: HALF_DONE_JOB, kind: "agent.create", state: "started", at: new Date().toISOString() })}\n`,
    );
    fakeConsole.enqueue(HOST_AGENT_PATHS.poll, {
      status: 200,
      body: { jobs: [createJob(HALF_DONE_JOB, "run-probe-two", 2)], reportIntervalMs: 3_600_000 },
    });
    const run = await runAgentUntil(
      home,
      (server) => server.requestsTo(HOST_AGENT_PATHS.jobResult(HALF_DONE_JOB)).length > 0,
    );
    expect(run.events.find((event) => event.event === "job.started")).toMatchObject({ rerun: true });
    expect(fakeConsole.requestsTo(HOST_AGENT_PATHS.jobResult(HALF_DONE_JOB))[0]?.body).toMatchObject({
      outcome: { status: "applied" },
    });
    expect((await agentIds()).filter((id) => id === "run-probe-two")).toHaveLength(1);
  });
});
