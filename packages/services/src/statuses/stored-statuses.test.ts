import { describe, expect, it } from "vitest";
import { listPendingJobs } from "@clawfleet/db/job-queue";
import {
  createAgent,
  createGateway,
  createProfile,
  createTeam,
  fakeApiKey,
} from "@clawfleet/db/testing/factories";
import { testSecretBox, useServiceTestClock } from "../testing/service-test-deps";
import { computeAgentModelsStatus } from "./agent-models-status";
import { readFleetStatus } from "./fleet-summary";
import {
  SYNC_REFRESH_MAX_AGENTS,
  clockJobKey,
  gatewayStatusInputsChanged,
  refreshAgentStatuses,
  refreshGatewayStatuses,
  refreshJobKey,
  sweepStoredStatuses,
} from "./stored-statuses";

const START = new Date("2026-11-30T10:00:00.000Z");
const HOUR = 3_600_000;
const clock = useServiceTestClock(START);
const { deps } = clock;
const { db } = deps;

/** A gateway with an API key in cooldown for 2 h, a token expiring in 3 days, and three agents. */
async function fleet() {
  const { id: teamId } = await createTeam(db);
  const gateway = await createGateway(db, { teamId });
  await createProfile(db, testSecretBox, {
    teamId,
    gatewayId: gateway.id,
    secrets: { key: fakeApiKey() },
    usage: { cooldownUntil: new Date(START.getTime() + 2 * HOUR), cooldownReason: "rate_limit" },
  });
  await createProfile(db, testSecretBox, {
    teamId,
    gatewayId: gateway.id,
    type: "token",
    profileId: "anthropic:sub",
    secrets: { token: `sk-ant-oat01-${"t".repeat(80)}` },
    expires: new Date(START.getTime() + 72 * HOUR),
  });
  const agents = [];
  for (const agentKey of ["main", "work", "ops"])
    agents.push(await createAgent(db, { teamId, gatewayId: gateway.id, agentKey }));
  await db.gateway.update({
    where: { id: gateway.id },
    data: { extraConfig: { agents: { ownership: "explicit" } } },
  });
  return { teamId, gatewayId: gateway.id, agents };
}

const rowsOf = (gatewayId: string) =>
  db.agentStatus.findMany({ where: { gatewayId }, orderBy: { agentId: "asc" } });

describe("refreshGatewayStatuses", () => {
  it("stores what buildModelsStatus computes for every agent, then writes nothing while nothing changed", async () => {
    clock.setNow(START);
    const { teamId, gatewayId, agents } = await fleet();
    const first = await refreshGatewayStatuses(deps, { teamId, gatewayId });
    expect(first).toMatchObject({ agents: 3, written: 3 });

    const rows = await rowsOf(gatewayId);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const expected = await computeAgentModelsStatus(db, {
        teamId,
        agentId: row.agentId,
        now: START.getTime(),
      });
      expect(JSON.stringify(row.outcome)).toBe(JSON.stringify(expected));
      expect(row.computedAt).toEqual(START);
      expect(row.stale).toBe(false);
      // The cooldown ends first; the token crosses its 24 h warning line later.
      expect(row.validUntil).toEqual(new Date(START.getTime() + 2 * HOUR));
      expect(row.expiresAt).toEqual(new Date(START.getTime() + 72 * HOUR));
    }
    expect(first.nextRefreshAt).toEqual(new Date(START.getTime() + 2 * HOUR));
    const [clockJob] = await listPendingJobs(db, { task: "statuses.refresh_gateway" });
    expect(clockJob).toMatchObject({ key: clockJobKey(gatewayId), runAt: first.nextRefreshAt });

    clock.setNow(new Date(START.getTime() + HOUR));
    expect(await refreshGatewayStatuses(deps, { teamId, gatewayId })).toMatchObject({ written: 0 });
    expect((await rowsOf(gatewayId)).map((row) => row.computedAt)).toEqual(rows.map(() => START));

    // Past the cooldown's end the rows change (new validity: the token's warning line).
    clock.setNow(new Date(START.getTime() + 2 * HOUR));
    expect(await refreshGatewayStatuses(deps, { teamId, gatewayId })).toMatchObject({ written: 3 });
    const after = await rowsOf(gatewayId);
    expect(after.map((row) => row.validUntil)).toEqual(rows.map(() => new Date(START.getTime() + 48 * HOUR)));
    expect(agents).toHaveLength(3);
  });

  it("stores attention causes once per agent, keyed alike across the gateway's agents", async () => {
    clock.setNow(START);
    const { id: teamId } = await createTeam(db);
    const gateway = await createGateway(db, { teamId });
    await createProfile(db, testSecretBox, {
      teamId,
      gatewayId: gateway.id,
      secrets: { key: fakeApiKey() },
      usage: { disabledUntil: new Date(START.getTime() + 5 * HOUR), disabledReason: "billing" },
    });
    for (const agentKey of ["main", "work"])
      await createAgent(db, { teamId, gatewayId: gateway.id, agentKey });
    await db.gateway.update({
      where: { id: gateway.id },
      data: { extraConfig: { agents: { ownership: "explicit" } } },
    });
    await refreshGatewayStatuses(deps, { teamId, gatewayId: gateway.id });
    const rows = await rowsOf(gateway.id);
    expect(rows.map((row) => row.verdict)).toEqual(["failing", "failing"]);
    const causes = await db.agentStatusCause.findMany({ where: { gatewayId: gateway.id } });
    expect(causes.length).toBeGreaterThanOrEqual(2);
    expect(new Set(causes.map((cause) => cause.causeKey)).size).toBe(causes.length / 2);
    const window = causes.find((cause) => cause.kind === "window");
    expect(window?.instant).toEqual(new Date(START.getTime() + 5 * HOUR));
  });
});

describe("edits", () => {
  it("an agent's edit recomputes that agent only, in the edit's transaction", async () => {
    clock.setNow(START);
    const { teamId, gatewayId, agents } = await fleet();
    await refreshGatewayStatuses(deps, { teamId, gatewayId });
    const [, work] = agents;
    if (!work) throw new Error("fixture");
    const later = START.getTime() + 10 * 60_000;
    await db.$transaction(async (tx) => {
      await tx.agent.update({ where: { id: work.id }, data: { model: "openai/gpt-5.4" } });
      await refreshAgentStatuses(tx, { teamId, gatewayId, agentIds: [work.id], now: later });
    });
    const rows = await rowsOf(gatewayId);
    const edited = rows.find((row) => row.agentId === work.id);
    expect(edited?.computedAt).toEqual(new Date(later));
    expect(edited?.verdict).toBe("failing");
    expect(rows.filter((row) => row.computedAt.getTime() === later)).toHaveLength(1);
  });

  it("a refresh that started before an edit never overwrites the edit's newer row", async () => {
    clock.setNow(START);
    const { teamId, gatewayId, agents } = await fleet();
    await refreshGatewayStatuses(deps, { teamId, gatewayId });
    const [, work] = agents;
    if (!work) throw new Error("fixture");
    const editedAt = START.getTime() + 60_000;
    await db.agent.update({ where: { id: work.id }, data: { model: "openai/gpt-5.4" } });
    await refreshAgentStatuses(db, { teamId, gatewayId, agentIds: [work.id], now: editedAt });
    // A job whose clock read an earlier instant (it loaded the gateway before the edit committed).
    await db.agent.update({ where: { id: work.id }, data: { model: "anthropic/claude-opus-4-8" } });
    clock.setNow(new Date(START.getTime() + 30_000));
    await refreshGatewayStatuses(deps, { teamId, gatewayId });
    const row = await db.agentStatus.findUniqueOrThrow({ where: { agentId: work.id } });
    expect([row.computedAt.getTime(), row.verdict]).toEqual([editedAt, "failing"]);
    const causes = await db.agentStatusCause.findMany({ where: { agentId: work.id } });
    expect(causes.map((cause) => cause.sentence).join(" ")).toContain("openai");
  });

  it("a gateway-wide change on a small gateway recomputes it in the same transaction", async () => {
    clock.setNow(START);
    const { teamId, gatewayId } = await fleet();
    await refreshGatewayStatuses(deps, { teamId, gatewayId });
    await db.$transaction(async (tx) => {
      await tx.authProfile.deleteMany({ where: { teamId } });
      await gatewayStatusInputsChanged(tx, { teamId, gatewayId, now: START.getTime() + 1000 });
    });
    expect((await rowsOf(gatewayId)).map((row) => row.verdict)).toEqual(["failing", "failing", "failing"]);
  });
});

describe("a gateway-wide change on a large gateway", () => {
  it("marks its rows stale and queues one refresh, which the fleet page counts as updating", async () => {
    clock.setNow(START);
    const { teamId, gatewayId } = await fleet();
    await db.$executeRaw`
      INSERT INTO "Agent" (id, "teamId", "gatewayId", "agentKey", name, "updatedAt")
      SELECT gen_random_uuid(), ${teamId}::uuid, ${gatewayId}::uuid, 'bulk-' || i, 'Bulk ' || i, now()
      FROM generate_series(1, ${SYNC_REFRESH_MAX_AGENTS}) AS i`;
    await refreshGatewayStatuses(deps, { teamId, gatewayId });
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;

    for (const _burst of [1, 2, 3])
      await db.$transaction((tx) =>
        gatewayStatusInputsChanged(tx, { teamId, gatewayId, now: START.getTime() }),
      );
    expect(await db.agentStatus.count({ where: { gatewayId, stale: true } })).toBe(
      SYNC_REFRESH_MAX_AGENTS + 3,
    );
    const jobs = await listPendingJobs(db, { task: "statuses.refresh_gateway" });
    expect(jobs.map((job) => job.key)).toEqual([refreshJobKey(gatewayId)]);
    expect((await readFleetStatus(deps, { teamId })).updating).toBe(SYNC_REFRESH_MAX_AGENTS + 3);

    await refreshGatewayStatuses(deps, { teamId, gatewayId });
    expect(await db.agentStatus.count({ where: { gatewayId, stale: true } })).toBe(0);
    expect((await readFleetStatus(deps, { teamId })).updating).toBe(0);
  });
});

describe("sweepStoredStatuses", () => {
  it("queues gateways with agents lacking a row, stale rows, or rows past their validity", async () => {
    clock.setNow(START);
    const { teamId, gatewayId } = await fleet();
    const queued = async () =>
      (await listPendingJobs(db, { task: "statuses.refresh_gateway" })).filter(
        (job) =>
          (job.payload as { gatewayId: string }).gatewayId === gatewayId &&
          job.key !== clockJobKey(gatewayId),
      );
    await sweepStoredStatuses(deps);
    expect(await queued()).toHaveLength(1);
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;

    await refreshGatewayStatuses(deps, { teamId, gatewayId });
    await sweepStoredStatuses(deps);
    expect(await queued()).toHaveLength(0);

    clock.setNow(new Date(START.getTime() + 2 * HOUR));
    await sweepStoredStatuses(deps);
    expect(await queued()).toHaveLength(1);
  });
});
