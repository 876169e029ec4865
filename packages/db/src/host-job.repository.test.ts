import { describe, expect, it } from "vitest";
import { inTransaction } from "./client";
import { createHostAgent } from "./host-agent.repository";
import {
  claimNextHostJob,
  insertHostJob,
  listGatewaysWithDeliverableJobs,
  releaseSentJobsOfGateway,
} from "./host-job.repository";
import { createGateway, createTeam } from "./testing/factories";
import { useTestDb } from "./testing/test-db";

const db = useTestDb();
const T0 = new Date("2026-12-01T09:00:00Z");
const LEASE_END = new Date("2026-12-01T09:05:00Z");

async function gatewayWithAgent() {
  const team = await createTeam(db);
  const gateway = await createGateway(db, { teamId: team.id });
  const { agent } = await createHostAgent(db, {
    teamId: team.id,
    gatewayId: gateway.id,
    facts: { agentVersion: "0.1.0", openclawVersion: null, hostname: "h" },
    enrolledAt: T0,
    enrolledById: null,
  });
  const queue = (note: string, now = T0) =>
    insertHostJob(db, {
      teamId: team.id,
      gatewayId: gateway.id,
      payload: { kind: "status.report", agentKeys: [note] },
      origin: { type: "test", id: note },
      createdById: null,
      now,
    });
  const claim = (now = T0) =>
    inTransaction(db, (tx) =>
      claimNextHostJob(tx, { gatewayId: gateway.id, hostAgentId: agent.id, now, leaseUntil: LEASE_END }),
    );
  return { team, gateway, agent, queue, claim };
}

describe("claiming host jobs", () => {
  it("hands the head job to exactly one of many concurrent claims, and never the job behind it", async () => {
    const { queue, claim } = await gatewayWithAgent();
    const head = await queue("head");
    await queue("behind");
    const claims = await Promise.all(Array.from({ length: 8 }, () => claim()));
    const claimed = claims.filter((job) => job !== null);
    expect(claimed.map((job) => job.id)).toEqual([head.id]);
    expect(claimed[0]).toMatchObject({ state: "sent", attempt: 1, leaseUntil: LEASE_END });
  });

  it("waits for a job's backoff, and takes over a job whose lease ran out", async () => {
    const { queue, claim } = await gatewayWithAgent();
    const later = new Date(T0.getTime() + 10_000);
    const job = await queue("later", later);
    expect(await claim(T0)).toBeNull();
    expect((await claim(later))?.id).toBe(job.id);
    expect(await claim(LEASE_END)).toBeNull();
    const afterLease = new Date(LEASE_END.getTime() + 1);
    expect(await claim(afterLease)).toMatchObject({ id: job.id, attempt: 2 });
  });

  it("puts sent jobs of a gateway back in the queue when a new agent takes over", async () => {
    const { gateway, queue, claim } = await gatewayWithAgent();
    const job = await queue("held");
    await claim();
    expect(await releaseSentJobsOfGateway(db, { gatewayId: gateway.id, now: T0 })).toBe(1);
    expect(await claim()).toMatchObject({ id: job.id, attempt: 2 });
  });
});

describe("the sweep's query", () => {
  it("names a gateway once its head job is deliverable by the clock, and only while it has an active agent", async () => {
    const { gateway, agent, queue, claim } = await gatewayWithAgent();
    await queue("leased");
    await claim();
    const afterLease = new Date(LEASE_END.getTime() + 1);
    expect(await listGatewaysWithDeliverableJobs(db, { now: T0 })).not.toContain(gateway.id);
    expect(await listGatewaysWithDeliverableJobs(db, { now: afterLease })).toContain(gateway.id);
    await db.hostAgent.update({ where: { id: agent.id }, data: { revokedAt: T0 } });
    expect(await listGatewaysWithDeliverableJobs(db, { now: afterLease })).not.toContain(gateway.id);
  });
});
