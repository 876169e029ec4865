import { describe, expect, it } from "vitest";
import { DomainError } from "@clawfleet/core/domain-error";
import { createAgent as createConsoleAgent } from "@clawfleet/db/testing/factories";
import { connectorTeam, enrolHostAgent } from "../testing/host-agent-fixtures";
import { useServiceTestClock } from "../testing/service-test-deps";
import { revokeHostAgent } from "./host-agent-credentials";
import { acceptHostVersion, pushConsoleVersion, readHostDrift } from "./host-drift";
import { recordHostReports } from "./host-reports";

const T0 = new Date("2026-12-01T09:00:00Z");
const { deps } = useServiceTestClock(T0);
const { db } = deps;

/** What the factories' gateway holds as its default model. */
const CONSOLE_DEFAULT_MODEL = {
  primary: "anthropic/claude-opus-4-8",
  fallbacks: ["anthropic/claude-sonnet-5"],
};

/**
 * Someone ran the CLI on the host: the defaults gained params, `main` got `cacheRetention: long`, and an agent
 * `ops` and `bare` (no settings) were added. The console also holds `legacy`, which the host does not have.
 */
const HOST_CONFIG = {
  gateway: { mode: "local" },
  agents: {
    ownership: "explicit",
    defaults: { model: CONSOLE_DEFAULT_MODEL, params: { temperature: 0.3 } },
    entries: {
      main: { params: { cacheRetention: "long" } },
      ops: { name: "Ops", workspace: "~/ops", model: { primary: "anthropic/claude-sonnet-5" } },
      bare: {},
    },
  },
};

async function driftingTeam() {
  const team = await connectorTeam(db);
  const legacy = await createConsoleAgent(db, {
    teamId: team.team.id,
    gatewayId: team.gateway.id,
    agentKey: "legacy",
  });
  await db.agent.update({
    where: { id: legacy.id },
    data: { position: 1, model: "anthropic/claude-opus-4-8" },
  });
  const { hostAgent } = await enrolHostAgent(deps, team);
  const report = (config: Record<string, unknown>, configHash: string) =>
    recordHostReports(
      deps,
      hostAgent,
      {
        reports: [],
        gatewayState: { takenAt: T0.toISOString(), configHash, config, agents: null, authStatus: null },
      },
      { requestId: "report" },
    );
  await report(HOST_CONFIG, "hash-1");
  const input = { gatewayId: team.gateway.id, configHash: "hash-1" };
  return { ...team, legacy, hostAgent, report, input };
}

async function consoleState(teamId: string, gatewayId: string) {
  const gateway = await db.gateway.findUniqueOrThrow({ where: { id: gatewayId } });
  const agents = await db.agent.findMany({ where: { teamId, gatewayId }, orderBy: { agentKey: "asc" } });
  return {
    defaults: { model: gateway.defaultModel, params: gateway.defaultParams, version: gateway.version },
    agents: agents.map(({ agentKey, name, workspace, declared, model, models, params, version }) => ({
      agentKey,
      name,
      workspace,
      declared,
      model,
      models,
      params,
      version,
    })),
  };
}

/** The DomainError a use case refused with. */
async function refusal(attempt: Promise<unknown>): Promise<DomainError> {
  const error = await attempt.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DomainError)) throw new Error("expected the use case to refuse with a DomainError");
  return error;
}

const hostJobs = (teamId: string) => db.hostJob.findMany({ where: { teamId }, orderBy: { seq: "asc" } });

describe("readHostDrift", () => {
  it("says the host never reported before its first state, and NOT_FOUND for another team's gateway", async () => {
    const team = await connectorTeam(db);
    const other = await connectorTeam(db);
    expect(await readHostDrift(deps, team.caller, { gatewayId: team.gateway.id })).toEqual({
      reportedAt: null,
    });
    await expect(readHostDrift(deps, other.caller, { gatewayId: team.gateway.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("lists each difference between the console and the host's reported config", async () => {
    const team = await driftingTeam();
    expect(await readHostDrift(deps, team.caller, { gatewayId: team.gateway.id })).toEqual({
      reportedAt: T0,
      configHash: "hash-1",
      items: [
        { scope: "defaults", field: "params", console: null, host: { temperature: 0.3 } },
        {
          scope: "agent",
          agentKey: "main",
          field: "params",
          console: null,
          host: { cacheRetention: "long" },
        },
        {
          scope: "agent",
          agentKey: "legacy",
          field: "agent",
          console: { model: "anthropic/claude-opus-4-8" },
          host: null,
        },
        {
          scope: "agent",
          agentKey: "ops",
          field: "agent",
          console: null,
          host: { model: { primary: "anthropic/claude-sonnet-5" } },
        },
        { scope: "agent", agentKey: "bare", field: "agent", console: null, host: {} },
      ],
    });
  });
});

describe("acceptHostVersion", () => {
  it("writes the host's values into the console, creates host-only agents and keeps console-only ones", async () => {
    const team = await driftingTeam();
    const accepted = await acceptHostVersion(deps, team.caller, team.input);
    expect(accepted).toEqual({
      configHash: "hash-1",
      defaultsFields: ["params"],
      updatedAgentKeys: ["main"],
      createdAgentKeys: ["ops", "bare"],
      kept: [
        { agentKey: "legacy", reason: "kept: exists only in the console; delete it in the console or push" },
      ],
    });
    const state = await consoleState(team.team.id, team.gateway.id);
    expect(state.defaults).toEqual({
      model: CONSOLE_DEFAULT_MODEL,
      params: { temperature: 0.3 },
      version: 2,
    });
    expect(state.agents).toEqual([
      expect.objectContaining({ agentKey: "bare", name: "bare", declared: true, model: null, version: 1 }),
      expect.objectContaining({ agentKey: "legacy", model: "anthropic/claude-opus-4-8", version: 1 }),
      expect.objectContaining({ agentKey: "main", params: { cacheRetention: "long" }, version: 2 }),
      expect.objectContaining({
        agentKey: "ops",
        name: "Ops",
        workspace: "~/ops",
        declared: true,
        model: { primary: "anthropic/claude-sonnet-5" },
      }),
    ]);
    // Only the console-only agent is left as drift.
    const after = await readHostDrift(deps, team.caller, { gatewayId: team.gateway.id });
    expect(after).toMatchObject({ items: [{ agentKey: "legacy", field: "agent" }] });

    expect(await hostJobs(team.team.id)).toEqual([]);
    const audit = await db.auditEvent.findMany({
      where: { teamId: team.team.id, action: "gateway.accept_host" },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      targetId: team.gateway.id,
      before: { configHash: "hash-1", defaults: { params: null }, agents: { main: { params: null } } },
      after: {
        defaults: { params: { temperature: 0.3 } },
        agents: {
          main: { params: { cacheRetention: "long" } },
          ops: { agent: { model: { primary: "anthropic/claude-sonnet-5" } } },
        },
      },
    });
    // The gateway's stored statuses were recomputed, the new agent's included.
    const ops = await db.agent.findFirstOrThrow({ where: { gatewayId: team.gateway.id, agentKey: "ops" } });
    expect(await db.agentStatus.count({ where: { agentId: ops.id } })).toBe(1);
  });

  it("brings the implicit `main` of a host without agents in as a `main` without settings", async () => {
    const team = await connectorTeam(db);
    await db.agent.update({ where: { id: team.agent.id }, data: { params: { temperature: 1 } } });
    const { hostAgent } = await enrolHostAgent(deps, team);
    const config = { agents: { defaults: { model: CONSOLE_DEFAULT_MODEL } } };
    await recordHostReports(
      deps,
      hostAgent,
      {
        reports: [],
        gatewayState: { takenAt: T0.toISOString(), configHash: "h", config, agents: null, authStatus: null },
      },
      { requestId: "report" },
    );
    await acceptHostVersion(deps, team.caller, { gatewayId: team.gateway.id, configHash: "h" });
    const main = await db.agent.findUniqueOrThrow({ where: { id: team.agent.id } });
    expect(main.params).toEqual({});
    expect(await readHostDrift(deps, team.caller, { gatewayId: team.gateway.id })).toMatchObject({
      items: [],
    });
  });

  it("refuses a report other than the one the admin saw, and another team's gateway, changing nothing", async () => {
    const team = await driftingTeam();
    const before = await consoleState(team.team.id, team.gateway.id);
    await team.report({ agents: { defaults: { model: "anthropic/claude-sonnet-5" } } }, "hash-2");
    const stale = await refusal(acceptHostVersion(deps, team.caller, team.input));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toContain("hash-2");
    const other = await connectorTeam(db);
    await expect(acceptHostVersion(deps, other.caller, team.input)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await consoleState(team.team.id, team.gateway.id)).toEqual(before);
    expect(
      await db.auditEvent.count({ where: { teamId: team.team.id, action: "gateway.accept_host" } }),
    ).toBe(0);
  });

  it("refuses when the host has not reported its config yet", async () => {
    const team = await connectorTeam(db);
    await expect(
      acceptHostVersion(deps, team.caller, { gatewayId: team.gateway.id, configHash: "hash-1" }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
  });
});

describe("pushConsoleVersion", () => {
  it("queues the patches that turn the host's version into the console's, and creates console-only agents", async () => {
    const team = await driftingTeam();
    const before = await consoleState(team.team.id, team.gateway.id);
    const pushed = await pushConsoleVersion(deps, team.caller, team.input);
    const reason = "kept: exists only on the host; accept to bring it in, or delete it on the host";
    expect(pushed.kept).toEqual([
      { agentKey: "ops", reason },
      { agentKey: "bare", reason },
    ]);
    expect(pushed.queuedJobs.map(({ kind, agentKey }) => [kind, agentKey])).toEqual([
      ["config.patch", null],
      ["config.patch", "main"],
      ["agent.create", "legacy"],
    ]);
    const jobs = await hostJobs(team.team.id);
    expect(jobs.map((job) => job.id)).toEqual(pushed.queuedJobs.map((job) => job.jobId));
    expect(jobs.map((job) => job.payload)).toMatchObject([
      { kind: "config.patch", patch: { agents: { defaults: { params: null } } }, affectedAgentKeys: "all" },
      {
        kind: "config.patch",
        patch: { agents: { entries: { main: { params: null } } } },
        affectedAgentKeys: ["main"],
      },
      // The create carries the plain model ref, so no patch has to follow.
      { kind: "agent.create", agentKey: "legacy", name: "legacy", model: "anthropic/claude-opus-4-8" },
    ]);
    // The console is left as it was; the host's next report shows whether the jobs applied.
    expect(await consoleState(team.team.id, team.gateway.id)).toEqual(before);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { teamId: team.team.id, action: "gateway.push_console" },
    });
    expect(audit.after).toMatchObject({ queuedJobIds: pushed.queuedJobs.map((job) => job.jobId) });
    expect(audit.before).toMatchObject({ defaults: { params: { temperature: 0.3 } } });
  });

  it("follows the create of an agent whose model has fallbacks with a patch of its entry", async () => {
    const team = await driftingTeam();
    const model = { primary: "anthropic/claude-opus-4-8", fallbacks: ["anthropic/claude-sonnet-5"] };
    await db.agent.update({ where: { id: team.legacy.id }, data: { model, params: { temperature: 0.1 } } });
    await pushConsoleVersion(deps, team.caller, team.input);
    const payloads = (await hostJobs(team.team.id)).map((job) => job.payload);
    expect(payloads.slice(2)).toMatchObject([
      { kind: "agent.create", agentKey: "legacy", model: null },
      {
        kind: "config.patch",
        patch: { agents: { entries: { legacy: { model, params: { temperature: 0.1 } } } } },
      },
    ]);
  });

  it("refuses without an active host agent, on a stale report and for another team, queuing nothing", async () => {
    const team = await driftingTeam();
    await team.report(HOST_CONFIG, "hash-2");
    await expect(pushConsoleVersion(deps, team.caller, team.input)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const other = await connectorTeam(db);
    await expect(
      pushConsoleVersion(deps, other.caller, { ...team.input, configHash: "hash-2" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await revokeHostAgent(deps, team.caller, { hostAgentId: team.hostAgent.hostAgentId, expectedVersion: 1 });
    const disconnected = await refusal(
      pushConsoleVersion(deps, team.caller, { ...team.input, configHash: "hash-2" }),
    );
    expect(disconnected.code).toBe("INVALID_STATE");
    expect(disconnected.message).toContain("no connected host agent");
    expect(await hostJobs(team.team.id)).toEqual([]);
    expect(
      await db.auditEvent.count({ where: { teamId: team.team.id, action: "gateway.push_console" } }),
    ).toBe(0);
  });
});
