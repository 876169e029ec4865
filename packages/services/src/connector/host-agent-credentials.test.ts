import { AGENT_CREDENTIAL_PATTERN, ENROLMENT_TOKEN_PATTERN } from "@clawfleet/core/connector/host-channel";
import { hashHostSecret } from "@clawfleet/db/host-agent.repository";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_HOST_FACTS, connectorTeam, enrolHostAgent, rowsAsText } from "../testing/host-agent-fixtures";
import { useServiceTestClock } from "../testing/service-test-deps";
import {
  HOST_AGENT_SEEN_WRITE_INTERVAL_MS,
  authenticateHostAgent,
  recordHostAgentContact,
  revokeHostAgent,
  rotateHostAgentCredential,
} from "./host-agent-credentials";
import {
  ENROLMENT_TOKEN_TTL_MS,
  UNUSABLE_ENROLMENT_MESSAGES,
  createEnrolmentToken,
  redeemEnrolment,
} from "./host-enrolment";
import { queueHostJob } from "./host-job-queue";
import { createHostJobWakeups } from "./host-job-wakeups";

const T0 = new Date("2026-12-01T09:00:00Z");
const { deps, setNow, at } = useServiceTestClock(T0);
const { db } = deps;

const wakeups = createHostJobWakeups(process.env.DATABASE_URL ?? "");
afterAll(() => wakeups.close());

/** Every text column of the team's audit rows and enrolments, to look for a secret in. */
async function storedTextOf(teamId: string): Promise<string> {
  const audit = await db.auditEvent.findMany({ where: { teamId } });
  const enrolments = await db.hostEnrolment.findMany({ where: { teamId } });
  const agents = await db.hostAgent.findMany({ where: { teamId } });
  return rowsAsText([audit, enrolments, agents]);
}

describe("enrolment tokens", () => {
  it("are shown once, kept as a hash, and redeemed once for a credential kept as a hash too", async () => {
    setNow(T0);
    const team = await connectorTeam(db);
    const { token, expiresAt } = await createEnrolmentToken(deps, team.caller, {
      gatewayId: team.gateway.id,
    });
    expect(token).toMatch(ENROLMENT_TOKEN_PATTERN);
    expect(expiresAt).toEqual(at(ENROLMENT_TOKEN_TTL_MS));
    const enrolment = await db.hostEnrolment.findFirstOrThrow({ where: { teamId: team.team.id } });
    expect(enrolment.tokenHash).toBe(hashHostSecret(token));

    const enrolled = await redeemEnrolment(
      deps,
      { requestId: "r" },
      { enrolmentToken: token, host: TEST_HOST_FACTS },
    );
    expect(enrolled.credential).toMatch(AGENT_CREDENTIAL_PATTERN);
    expect(enrolled.gateway).toEqual({ id: team.gateway.id, name: team.gateway.name });
    const row = await db.hostAgent.findUniqueOrThrow({ where: { id: enrolled.hostAgentId } });
    expect(row).toMatchObject({
      credentialHash: hashHostSecret(enrolled.credential),
      credentialHint: enrolled.credential.slice(-4),
      hostname: TEST_HOST_FACTS.hostname,
      enrolledById: team.admin.id,
      revokedAt: null,
    });
    const stored = await storedTextOf(team.team.id);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(enrolled.credential);
    expect(
      await db.auditEvent.count({ where: { teamId: team.team.id, action: { startsWith: "host_agent." } } }),
    ).toBe(2);

    await expect(
      redeemEnrolment(deps, { requestId: "r" }, { enrolmentToken: token, host: TEST_HOST_FACTS }),
    ).rejects.toMatchObject({ code: "INVALID_STATE", message: UNUSABLE_ENROLMENT_MESSAGES.used });
    expect(await db.hostAgent.count({ where: { teamId: team.team.id } })).toBe(1);
  });

  it("refuse an expired or unknown token, and change nothing", async () => {
    setNow(T0);
    const team = await connectorTeam(db);
    const { token } = await createEnrolmentToken(deps, team.caller, { gatewayId: team.gateway.id });
    setNow(at(ENROLMENT_TOKEN_TTL_MS));
    await expect(
      redeemEnrolment(deps, { requestId: "r" }, { enrolmentToken: token, host: TEST_HOST_FACTS }),
    ).rejects.toMatchObject({ code: "INVALID_STATE", message: UNUSABLE_ENROLMENT_MESSAGES.expired });
    const unknown = `cfe_${"A".repeat(43)}`;
    await expect(
      redeemEnrolment(deps, { requestId: "r" }, { enrolmentToken: unknown, host: TEST_HOST_FACTS }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: UNUSABLE_ENROLMENT_MESSAGES.unknown });
    expect(await db.hostAgent.count({ where: { teamId: team.team.id } })).toBe(0);
    expect((await db.hostEnrolment.findFirstOrThrow({ where: { teamId: team.team.id } })).usedAt).toBeNull();
  });

  it("of another team's gateway answer NOT_FOUND", async () => {
    const team = await connectorTeam(db);
    const other = await connectorTeam(db);
    await expect(
      createEnrolmentToken(deps, team.caller, { gatewayId: other.gateway.id }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("replace the gateway's earlier agent: its credential stops working", async () => {
    setNow(T0);
    const team = await connectorTeam(db);
    const first = await enrolHostAgent(deps, team);
    const second = await enrolHostAgent(deps, team);
    expect(await authenticateHostAgent(deps, first.credential)).toBeNull();
    expect(await authenticateHostAgent(deps, second.credential)).toMatchObject({
      gatewayId: team.gateway.id,
    });
    expect(await db.hostAgent.count({ where: { gatewayId: team.gateway.id, revokedAt: null } })).toBe(1);
  });
});

describe("agent credentials", () => {
  it("refuse malformed and unknown credentials", async () => {
    expect(await authenticateHostAgent(deps, "not-a-credential")).toBeNull();
    expect(await authenticateHostAgent(deps, `cfa_${"B".repeat(43)}`)).toBeNull();
  });

  it("record contact only when 30 s passed or the host's facts changed", async () => {
    setNow(T0);
    const team = await connectorTeam(db);
    const { credential } = await enrolHostAgent(deps, team);
    const seen = async () =>
      (await db.hostAgent.findFirstOrThrow({ where: { teamId: team.team.id } })).lastSeenAt;
    const contact = async (facts = TEST_HOST_FACTS) => {
      const agent = await authenticateHostAgent(deps, credential);
      if (!agent) throw new Error("authenticates");
      await recordHostAgentContact(deps, agent, facts);
    };
    setNow(at(HOST_AGENT_SEEN_WRITE_INTERVAL_MS - 1));
    await contact();
    expect(await seen()).toEqual(T0);
    await contact({ ...TEST_HOST_FACTS, openclawVersion: "2026.9.7" });
    expect(await seen()).toEqual(at(HOST_AGENT_SEEN_WRITE_INTERVAL_MS - 1));
    setNow(at(2 * HOST_AGENT_SEEN_WRITE_INTERVAL_MS));
    await contact({ ...TEST_HOST_FACTS, openclawVersion: "2026.9.7" });
    expect(await seen()).toEqual(at(2 * HOST_AGENT_SEEN_WRITE_INTERVAL_MS));
    expect((await db.hostAgent.findFirstOrThrow({ where: { teamId: team.team.id } })).openclawVersion).toBe(
      "2026.9.7",
    );
  });

  it("rotate at the version seen: the new one works, the old one is refused at once", async () => {
    setNow(T0);
    const team = await connectorTeam(db);
    const { credential, hostAgent } = await enrolHostAgent(deps, team);
    await expect(
      rotateHostAgentCredential(deps, team.caller, {
        hostAgentId: hostAgent.hostAgentId,
        expectedVersion: 7,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const rotated = await rotateHostAgentCredential(deps, team.caller, {
      hostAgentId: hostAgent.hostAgentId,
      expectedVersion: 1,
    });
    expect(rotated.credential).toMatch(AGENT_CREDENTIAL_PATTERN);
    expect(await authenticateHostAgent(deps, credential)).toBeNull();
    expect(await authenticateHostAgent(deps, rotated.credential)).toMatchObject({
      hostAgentId: hostAgent.hostAgentId,
    });
    expect(await storedTextOf(team.team.id)).not.toContain(rotated.credential);
  });

  it("of another team's agent cannot be rotated or revoked", async () => {
    const team = await connectorTeam(db);
    const other = await connectorTeam(db);
    const { hostAgent } = await enrolHostAgent(deps, other);
    const input = { hostAgentId: hostAgent.hostAgentId, expectedVersion: 1 };
    await expect(rotateHostAgentCredential(deps, team.caller, input)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(revokeHostAgent(deps, team.caller, input)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("revoked: refused at once, a held wait ends, and queued jobs stay queued", async () => {
    setNow(T0);
    const team = await connectorTeam(db);
    const { credential, hostAgent } = await enrolHostAgent(deps, team);
    const job = await queueHostJob(db, {
      teamId: team.team.id,
      gatewayId: team.gateway.id,
      payload: { kind: "status.report", agentKeys: [] },
      origin: { type: "test", id: "revoke" },
      createdById: null,
      now: T0,
    });
    await wakeups.ready;
    const held = wakeups.subscribe(team.gateway.id, hostAgent.hostAgentId);
    await revokeHostAgent(deps, team.caller, { hostAgentId: hostAgent.hostAgentId, expectedVersion: 1 });
    // The job queued above may wake the wait first (its NOTIFY is in flight); the revocation ends it.
    let reason = await held.next({ timeoutMs: 20_000 });
    while (reason === "jobs") reason = await held.next({ timeoutMs: 20_000 });
    held.cancel();
    expect(reason).toBe("revoked");
    expect(await authenticateHostAgent(deps, credential)).toBeNull();
    expect((await db.hostJob.findUniqueOrThrow({ where: { id: job?.id } })).state).toBe("queued");
    await expect(
      revokeHostAgent(deps, team.caller, { hostAgentId: hostAgent.hostAgentId, expectedVersion: 2 }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
  });
});
