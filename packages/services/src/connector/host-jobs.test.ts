import { HOST_JOB_LEASE_MS } from "@clawfleet/core/connector/host-channel";
import { hostJobRetryDelayMs } from "@clawfleet/core/connector/host-job-backoff";
import type { HostJobPayload } from "@clawfleet/core/connector/host-jobs";
import { createGateway } from "@clawfleet/db/testing/factories";
import { describe, expect, it } from "vitest";
import { connectorTeam, enrolHostAgent } from "../testing/host-agent-fixtures";
import { useServiceTestClock } from "../testing/service-test-deps";
import type { AuthenticatedHostAgent } from "./host-agent-credentials";
import { queueHostJob } from "./host-job-queue";
import {
  cancelHostJob,
  deliverHostJobs,
  gatewayConnection,
  listHostJobs,
  recordHostJobOutcome,
  retryHostJob,
  sweepHostConnector,
} from "./host-jobs";

const T0 = new Date("2026-12-01T09:00:00Z");
const { deps, setNow, at } = useServiceTestClock(T0);
const { db } = deps;

const patch = (note: string): HostJobPayload => ({
  kind: "config.patch",
  patch: { agents: { defaults: { params: { cacheRetention: "long" } } } },
  replacePaths: [],
  note,
  affectedAgentKeys: ["main"],
});

async function enrolledTeam() {
  setNow(T0);
  const team = await connectorTeam(db);
  const { hostAgent } = await enrolHostAgent(deps, team);
  const queue = (payload: HostJobPayload) =>
    queueHostJob(db, {
      teamId: team.team.id,
      gatewayId: team.gateway.id,
      payload,
      origin: { type: "gateway", id: team.gateway.id },
      createdById: team.admin.id,
      now: deps.now(),
    });
  return { ...team, hostAgent, queue };
}

const deliver = async (agent: AuthenticatedHostAgent, resumed = false) =>
  (await deliverHostJobs(deps, agent, { resumed }))?.jobs ?? null;

const applied = { status: "applied" as const, result: { summary: "Patched agents.defaults.params" } };

describe("queuing a host job", () => {
  it("writes nothing and answers null when the gateway has no active host agent", async () => {
    const team = await connectorTeam(db);
    const job = await queueHostJob(db, {
      teamId: team.team.id,
      gatewayId: team.gateway.id,
      payload: patch("no agent"),
      origin: { type: "gateway", id: team.gateway.id },
      createdById: null,
      now: T0,
    });
    expect(job).toBeNull();
    expect(await db.hostJob.count({ where: { teamId: team.team.id } })).toBe(0);
  });

  it("refuses a payload core's schema refuses, naming where", async () => {
    const team = await enrolledTeam();
    await expect(team.queue({ kind: "agent.delete", agentKey: "Not An Id" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      location: "payload.agentKey",
    });
    expect(await db.hostJob.count({ where: { teamId: team.team.id } })).toBe(0);
  });
});

describe("delivering host jobs", () => {
  it("hands a gateway's jobs out one at a time, in the order they were made", async () => {
    const team = await enrolledTeam();
    const first = await team.queue(patch("first"));
    const second = await team.queue(patch("second"));
    const [delivered] = (await deliver(team.hostAgent)) ?? [];
    expect(delivered).toEqual({ jobId: first?.id, attempt: 1, payload: patch("first") });
    // The first is leased to the agent: the second must not overtake it.
    expect(await deliver(team.hostAgent)).toEqual([]);
    await recordHostJobOutcome(deps, team.hostAgent, first?.id ?? "", { attempt: 1, outcome: applied });
    expect((await deliver(team.hostAgent))?.map((job) => job.jobId)).toEqual([second?.id]);
    expect(await db.hostJob.findUniqueOrThrow({ where: { id: first?.id } })).toMatchObject({
      state: "applied",
      result: applied.result,
      finishedAt: T0,
      leaseUntil: null,
    });
  });

  it("hands a job out again once its lease ran out, and refuses the answer to the earlier delivery", async () => {
    const team = await enrolledTeam();
    const job = await team.queue(patch("leased"));
    await deliver(team.hostAgent);
    expect(await db.hostJob.findUniqueOrThrow({ where: { id: job?.id } })).toMatchObject({
      state: "sent",
      attempt: 1,
      hostAgentId: team.hostAgent.hostAgentId,
      leaseUntil: at(HOST_JOB_LEASE_MS),
      sentAt: T0,
    });
    setNow(at(HOST_JOB_LEASE_MS));
    expect(await deliver(team.hostAgent)).toEqual([]);
    setNow(at(HOST_JOB_LEASE_MS + 1));
    expect((await deliver(team.hostAgent))?.[0]).toMatchObject({ jobId: job?.id, attempt: 2 });
    const before = await db.hostJob.findUniqueOrThrow({ where: { id: job?.id } });
    await expect(
      recordHostJobOutcome(deps, team.hostAgent, job?.id ?? "", { attempt: 1, outcome: applied }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.hostJob.findUniqueOrThrow({ where: { id: job?.id } })).toEqual(before);
  });

  it("on a resumed agent, hands back at once what it held when it stopped", async () => {
    const team = await enrolledTeam();
    const job = await team.queue(patch("abandoned"));
    await deliver(team.hostAgent);
    expect(await deliver(team.hostAgent)).toEqual([]);
    expect((await deliver(team.hostAgent, true))?.[0]).toMatchObject({ jobId: job?.id, attempt: 2 });
  });

  it("answers null to a revoked agent and delivers nothing", async () => {
    const team = await enrolledTeam();
    await team.queue(patch("waiting"));
    const replacement = await enrolHostAgent(deps, team);
    expect(await deliverHostJobs(deps, team.hostAgent, { resumed: false })).toBeNull();
    expect(await deliver(replacement.hostAgent)).toHaveLength(1);
  });

  it("refuses an answer from an agent of another gateway", async () => {
    const team = await enrolledTeam();
    const other = await enrolledTeam();
    const job = await team.queue(patch("mine"));
    await deliver(team.hostAgent);
    await expect(
      recordHostJobOutcome(deps, other.hostAgent, job?.id ?? "", { attempt: 1, outcome: applied }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("a retryable failure", () => {
  it("queues the job again after core's backoff, keeping OpenClaw's message for display", async () => {
    const team = await enrolledTeam();
    const job = await team.queue(patch("gateway starting"));
    await deliver(team.hostAgent);
    const error = {
      code: "UNAVAILABLE",
      message: "gateway starting: startup-sidecars",
      source: "config.patch",
    };
    await recordHostJobOutcome(
      deps,
      team.hostAgent,
      job?.id ?? "",
      { attempt: 1, outcome: { status: "retry", error } },
      { jitter: 0 },
    );
    const delay = hostJobRetryDelayMs(1, 0);
    expect(await db.hostJob.findUniqueOrThrow({ where: { id: job?.id } })).toMatchObject({
      state: "queued",
      failures: 1,
      error,
      availableAt: at(delay),
    });
    expect(await deliver(team.hostAgent)).toEqual([]);
    expect(await deliverHostJobs(deps, team.hostAgent, { resumed: false })).toMatchObject({
      nextDueAt: at(delay),
    });
    setNow(at(delay));
    expect((await deliver(team.hostAgent))?.[0]).toMatchObject({ jobId: job?.id, attempt: 2 });
    const connection = await gatewayConnection(deps, team.caller, { gatewayId: team.gateway.id });
    expect(connection).toMatchObject({
      state: "connected",
      pendingJobs: 1,
      lastError: { jobId: job?.id, code: "UNAVAILABLE", message: error.message },
      hostAgent: { hostname: "gw-host-1", agentVersion: "0.1.0", openclawVersion: "2026.9.6" },
    });
  });

  it("stays the gateway's last error while later jobs wait, and clears once a later job applies", async () => {
    const team = await enrolledTeam();
    const failing = await team.queue(patch("fails"));
    await deliver(team.hostAgent);
    await recordHostJobOutcome(deps, team.hostAgent, failing?.id ?? "", {
      attempt: 1,
      outcome: { status: "failed", error: { code: "INVALID_REQUEST", message: "invalid config" } },
    });
    const next = await team.queue(patch("next"));
    const connection = () => gatewayConnection(deps, team.caller, { gatewayId: team.gateway.id });
    expect(await connection()).toMatchObject({ pendingJobs: 1, lastError: { jobId: failing?.id } });
    await deliver(team.hostAgent);
    await recordHostJobOutcome(deps, team.hostAgent, next?.id ?? "", { attempt: 1, outcome: applied });
    expect(await connection()).toMatchObject({ pendingJobs: 0, lastError: null });
  });

  it("with a credential-looking string in OpenClaw's message, stores it redacted", async () => {
    const team = await enrolledTeam();
    const job = await team.queue(patch("leaky"));
    await deliver(team.hostAgent);
    const leaked = `sk-ant-api03-${"L".repeat(90)}`;
    await recordHostJobOutcome(deps, team.hostAgent, job?.id ?? "", {
      attempt: 1,
      outcome: { status: "failed", error: { code: "INVALID_REQUEST", message: `bad key ${leaked}` } },
    });
    const row = await db.hostJob.findUniqueOrThrow({ where: { id: job?.id } });
    expect(row.state).toBe("failed");
    expect(JSON.stringify(row.error)).not.toContain(leaked);
  });
});

describe("operators", () => {
  it("retry a failed job at the back of the line, cancel a queued one, and list jobs newest first", async () => {
    const team = await enrolledTeam();
    const failing = await team.queue(patch("fails"));
    await deliver(team.hostAgent);
    await recordHostJobOutcome(deps, team.hostAgent, failing?.id ?? "", {
      attempt: 1,
      outcome: { status: "failed", error: { code: "INVALID_REQUEST", message: "invalid config" } },
    });
    const later = await team.queue(patch("later"));
    await expect(retryHostJob(deps, team.caller, { jobId: later?.id ?? "" })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    expect(await retryHostJob(deps, team.caller, { jobId: failing?.id ?? "" })).toMatchObject({
      state: "queued",
    });
    // The retried job goes after the change made since: it cannot undo it.
    expect((await deliver(team.hostAgent))?.[0]?.jobId).toBe(later?.id);

    const cancelled = await team.queue(patch("cancelled"));
    expect(await cancelHostJob(deps, team.caller, { jobId: cancelled?.id ?? "" })).toMatchObject({
      state: "cancelled",
    });
    await expect(cancelHostJob(deps, team.caller, { jobId: later?.id ?? "" })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });

    const firstPage = await listHostJobs(deps, team.caller, { gatewayId: team.gateway.id, limit: 2 });
    expect(firstPage.jobs.map((job) => job.id)).toEqual([cancelled?.id, failing?.id]);
    const secondPage = await listHostJobs(deps, team.caller, {
      gatewayId: team.gateway.id,
      limit: 2,
      beforeJobId: firstPage.nextBeforeJobId ?? undefined,
    });
    expect(secondPage).toEqual({ jobs: [expect.objectContaining({ id: later?.id })], nextBeforeJobId: null });
    const byOrigin = await listHostJobs(deps, team.caller, {
      origin: { type: "gateway", id: team.gateway.id },
      limit: 10,
    });
    expect(byOrigin.jobs).toHaveLength(3);
    expect(
      await db.auditEvent.count({ where: { teamId: team.team.id, action: { startsWith: "host_job." } } }),
    ).toBe(2);
  });

  it("of another team get NOT_FOUND", async () => {
    const team = await enrolledTeam();
    const other = await enrolledTeam();
    const job = await other.queue(patch("theirs"));
    await expect(retryHostJob(deps, team.caller, { jobId: job?.id ?? "" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(cancelHostJob(deps, team.caller, { jobId: job?.id ?? "" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      listHostJobs(deps, team.caller, { gatewayId: other.gateway.id, limit: 5 }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(gatewayConnection(deps, team.caller, { gatewayId: other.gateway.id })).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
      },
    );
  });

  it("see a gateway no agent ever enrolled on as never connected", async () => {
    const team = await connectorTeam(db);
    const gateway = await createGateway(db, { teamId: team.team.id });
    expect(await gatewayConnection(deps, team.caller, { gatewayId: gateway.id })).toEqual({
      state: "never",
      hostAgent: null,
      pendingJobs: 0,
      lastError: null,
    });
  });
});

describe("the connector sweep", () => {
  it("deletes enrolments a day after they were used or expired", async () => {
    const team = await enrolledTeam();
    expect(await db.hostEnrolment.count({ where: { teamId: team.team.id } })).toBe(1);
    setNow(at(24 * 60 * 60_000 - 1));
    await sweepHostConnector(deps);
    expect(await db.hostEnrolment.count({ where: { teamId: team.team.id } })).toBe(1);
    setNow(at(24 * 60 * 60_000 + 1));
    await sweepHostConnector(deps);
    expect(await db.hostEnrolment.count({ where: { teamId: team.team.id } })).toBe(0);
  });
});
