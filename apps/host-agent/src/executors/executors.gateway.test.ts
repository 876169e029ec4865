// Every executor against the suite's real OpenClaw 2026.9.6 Gateway (loopback-only namespace), with the real CLI
// on the same state dir. The tests run in order and build on each other (create → push → order → remove → delete).
import { mkdtempSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HostJobPayloadOf, HostJobResult } from "@clawfleet/core/connector/host-jobs";
import type { ReportsRequest } from "@clawfleet/core/connector/host-channel";
import { connectGateway, type GatewayConnection } from "@clawfleet/openclaw-gateway/gateway-client";
import { jsonLineLog } from "../agent-log";
import { JobJournal } from "../job-journal";
import { runJob } from "../job-runner";
import { openClawCli, type OpenClawCli, type SpawnedProcess } from "../openclaw-cli";
import { StatusReporter } from "../status-reporter";
import { gatewayEnvironment, openClawLauncher, realGateway } from "../testing/real-openclaw";
import { createAgent, deleteAgent } from "./agent-lifecycle";
import { removeAuthProfiles, setAuthOrder } from "./auth-profiles";
import { patchConfig } from "./config-patch";
import { readAuthStatus } from "./gateway-reads";
import { pushCredential } from "./credential-push";
import type { ExecutorContext, GatewayRequester } from "./executor-context";

const AGENT = "fleet-ops";
const SETUP_TOKEN = `sk-ant-oat01-${"Q".repeat(40)}${"r".repeat(50)}`;
const API_KEY = `sk-ant-api03-${"k".repeat(60)}`;
const AGENT_API_KEY = `sk-ant-api03-${"z".repeat(60)}`;

let gateway: GatewayConnection;
let openclaw: OpenClawCli;
const spawned: SpawnedProcess[] = [];
const reports: ReportsRequest[] = [];

function contextWith(requester: GatewayRequester = gateway): ExecutorContext {
  const reporter = new StatusReporter({
    channel: { postReports: (request) => Promise.resolve(void reports.push(request)) },
    gateway: () => Promise.resolve(requester),
    openclaw,
    log: () => undefined,
    now: () => Date.now(),
  });
  return {
    gateway: () => Promise.resolve(requester),
    openclaw,
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    reportStatuses: (keys) => reporter.reportAgents(keys),
  };
}

async function agentIds(): Promise<string[]> {
  const answer = (await gateway.request("agents.list", {})) as { agents: { id: string; name?: string }[] };
  return answer.agents.map((agent) => agent.id);
}

type StatusProfile = { profileId: string; type: string; expiresAt?: number };
async function modelsStatus(agentKey: string): Promise<{ auth: { oauth: { profiles: StatusProfile[] } } }> {
  const { stdout } = await openclaw({
    args: ["models", "status", "--json", "--agent", agentKey],
    timeoutMs: 90_000,
  });
  return JSON.parse(stdout) as { auth: { oauth: { profiles: StatusProfile[] } } };
}

beforeAll(async () => {
  const { url, token } = realGateway();
  gateway = await connectGateway({ url, token });
  openclaw = openClawCli({
    bin: openClawLauncher(),
    env: gatewayEnvironment(),
    onSpawn: (process) => spawned.push(process),
    // why: CI runs this suite beside the others on two cores, where paste-token took over its 120 s budget.
    timeoutScale: 3,
  });
});
afterAll(async () => {
  await gateway.close();
});

describe("agent.create", () => {
  const job: HostJobPayloadOf<"agent.create"> = {
    kind: "agent.create",
    agentKey: AGENT,
    name: "Fleet Ops",
    workspace: null,
    model: "anthropic/claude-opus-4-6",
  };

  test("creates the agent under the console's key and names it, and a second run is alreadyApplied", async () => {
    const first = await createAgent(job, contextWith(), undefined);
    expect(first).toEqual({ summary: `Created agent ${AGENT}`, agentKey: AGENT });
    const second = await createAgent(job, contextWith(), undefined);
    expect(second).toMatchObject({ alreadyApplied: true, agentKey: AGENT });
    expect((await agentIds()).filter((id) => id === AGENT)).toHaveLength(1);
    const config = (await gateway.request("config.get", {})) as {
      parsed: { agents: { entries: Record<string, { name?: string; model?: unknown }> } };
    };
    expect(config.parsed.agents.entries[AGENT]).toMatchObject({
      name: "Fleet Ops",
      model: "anthropic/claude-opus-4-6",
    });
  });
});

describe("credential.push", () => {
  const tokenJob = (expiresAt: string): HostJobPayloadOf<"credential.push"> => ({
    kind: "credential.push",
    authProfileId: "6f3c2a57-1f0e-4c39-9d55-2f2b0c4f8e11",
    profileId: "anthropic:fleet-token",
    provider: "anthropic",
    type: "token",
    storeAgentKey: AGENT,
    expiresAt,
    reauthRequestId: null,
  });

  test("a setup-token goes through paste-token on stdin, with its expiry, once however often it is pushed", async () => {
    const expiresAt = new Date(Date.now() + 6 * 3_600_000).toISOString();
    const result = await pushCredential(tokenJob(expiresAt), contextWith(), SETUP_TOKEN);
    expect(result).toMatchObject({
      summary: `Stored anthropic:fleet-token (token) in agent ${AGENT}'s store`,
      profileId: "anthropic:fleet-token",
    });
    await pushCredential(tokenJob(expiresAt), contextWith(), SETUP_TOKEN);

    const pasteRuns = spawned.filter((run) => run.args.includes("paste-token"));
    expect(pasteRuns).toHaveLength(2);
    for (const run of pasteRuns) {
      expect(run.args.join(" ")).not.toContain(SETUP_TOKEN);
      expect(run.args).toEqual(
        expect.arrayContaining(["--agent", AGENT, "--profile-id", "anthropic:fleet-token"]),
      );
    }
    // The real CLI on the same state dir: one token profile, expiring when the console said (give or take the run).
    const status = await modelsStatus(AGENT);
    const tokens = status.auth.oauth.profiles.filter(
      (profile) => profile.profileId === "anthropic:fleet-token",
    );
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.type).toBe("token");
    expect(Math.abs((tokens[0]?.expiresAt ?? 0) - Date.parse(expiresAt))).toBeLessThan(120_000);
  });

  test("an API key for the shared store as <provider>:manual goes through models.authSetApiKey", async () => {
    const job: HostJobPayloadOf<"credential.push"> = {
      ...tokenJob(new Date().toISOString()),
      profileId: "anthropic:manual",
      type: "api_key",
      storeAgentKey: null,
      expiresAt: null,
    };
    const before = spawned.length;
    const result = await pushCredential(job, contextWith(), API_KEY);
    expect(result).toMatchObject({ summary: "Stored anthropic:manual (api_key) in the shared store" });
    expect(spawned.slice(before).filter((run) => run.args.includes("paste-api-key"))).toEqual([]);
    const providers = await readAuthStatus(contextWith(), "main");
    const anthropic = providers.find((provider) => provider.provider === "anthropic");
    expect(anthropic?.profiles).toContainEqual(
      expect.objectContaining({ profileId: "anthropic:manual", type: "api_key" }),
    );
  });

  test("an agent's own API key goes through paste-api-key on stdin and leaves the shared key alone", async () => {
    const job: HostJobPayloadOf<"credential.push"> = {
      ...tokenJob(new Date().toISOString()),
      profileId: "anthropic:fleet-key",
      type: "api_key",
      storeAgentKey: AGENT,
      expiresAt: null,
    };
    const before = spawned.length;
    await pushCredential(job, contextWith(), AGENT_API_KEY);
    const runs = spawned.slice(before).filter((run) => run.args.includes("paste-api-key"));
    expect(runs).toHaveLength(1);
    expect(runs[0]?.args.join(" ")).not.toContain(AGENT_API_KEY);
    const sharedIds = (await readAuthStatus(contextWith(), "main")).flatMap((provider) =>
      provider.profiles.map((profile) => profile.profileId),
    );
    expect(sharedIds).toContain("anthropic:manual");
    expect(sharedIds).not.toContain("anthropic:fleet-key");
  });
});

describe("auth.order.set and auth.profile.remove", () => {
  const order: HostJobPayloadOf<"auth.order.set"> = {
    kind: "auth.order.set",
    agentKey: AGENT,
    provider: "anthropic",
    profileIds: ["anthropic:fleet-token", "anthropic:fleet-key", "anthropic:manual"],
  };

  test("an order that openclaw.json locks is refused with OpenClaw's words, as failed", async () => {
    // The CLI's paste-* commands wrote `auth.order.anthropic` into openclaw.json, which locks the stored order.
    const outcome = await runJob(
      { jobId: "3c0c1f64-3d1e-4a37-8a4c-6f1b2d9e0a11", attempt: 1, payload: order },
      {
        journal: JobJournal.open(
          join(mkdtempSync(join(os.tmpdir(), "clawfleet-journal-")), "j.jsonl"),
          Date.now,
        ),
        context: contextWith(),
        log: () => undefined,
        now: Date.now,
      },
    );
    expect(outcome).toEqual({
      status: "failed",
      error: {
        code: "INVALID_REQUEST",
        message: "profile priority for provider anthropic is controlled by auth configuration",
        source: "models.authOrderSet",
      },
    });
  });

  test("with the config's order removed, sets the stored order, then removes the agent's own key once", async () => {
    await patchConfig(
      {
        kind: "config.patch",
        patch: { auth: { order: { anthropic: null } } },
        // OpenClaw refuses to drop an array's entries unless its path is listed here.
        replacePaths: ["auth.order.anthropic"],
        note: "clawfleet test: let the stored order decide",
        affectedAgentKeys: [],
      },
      contextWith(),
      undefined,
    );
    const set = await setAuthOrder(order, contextWith(), undefined);
    expect(set.summary).toBe(
      `Auth order for anthropic on ${AGENT}: anthropic:fleet-token, anthropic:fleet-key, anthropic:manual`,
    );

    const remove: HostJobPayloadOf<"auth.profile.remove"> = {
      kind: "auth.profile.remove",
      storeAgentKey: AGENT,
      provider: "anthropic",
      profileIds: ["anthropic:fleet-key"],
    };
    expect(await removeAuthProfiles(remove, contextWith(), undefined)).toMatchObject({
      summary: `Removed anthropic:fleet-key from agent ${AGENT}'s store`,
    });
    expect(await removeAuthProfiles(remove, contextWith(), undefined)).toMatchObject({
      alreadyApplied: true,
    });
  });
});

describe("auth.profile.remove from the shared store", () => {
  test("removes the shared key through agent main, and a second run finds it gone", async () => {
    const remove: HostJobPayloadOf<"auth.profile.remove"> = {
      kind: "auth.profile.remove",
      storeAgentKey: null,
      provider: "anthropic",
      profileIds: ["anthropic:manual"],
    };
    expect(await removeAuthProfiles(remove, contextWith(), undefined)).toMatchObject({
      summary: "Removed anthropic:manual from the shared store",
    });
    expect(await removeAuthProfiles(remove, contextWith(), undefined)).toMatchObject({
      alreadyApplied: true,
    });
    for (const agentId of ["main", AGENT]) {
      // why: the removal rewrote the store; OpenClaw may refuse reads for a while as its model runtime rebuilds.
      const ids = (await readAuthStatus(contextWith(), agentId)).flatMap((provider) =>
        provider.profiles.map((profile) => profile.profileId),
      );
      expect(ids).not.toContain("anthropic:manual");
    }
  });
});

describe("config.patch", () => {
  const cacheRetention = (value: string): HostJobPayloadOf<"config.patch"> => ({
    kind: "config.patch",
    patch: {
      agents: {
        defaults: { models: { "anthropic/claude-opus-4-6": { params: { cacheRetention: value } } } },
      },
    },
    replacePaths: [],
    note: "clawfleet test: cacheRetention",
    affectedAgentKeys: [AGENT],
  });
  const cacheRetentionOnHost = async () => {
    const config = (await gateway.request("config.get", {})) as {
      parsed: { agents: { defaults: { models?: Record<string, { params?: { cacheRetention?: string } }> } } };
    };
    return config.parsed.agents.defaults.models?.["anthropic/claude-opus-4-6"]?.params?.cacheRetention;
  };

  test("writes the change, which config.get then shows, and a second run changes nothing", async () => {
    const result = await patchConfig(cacheRetention("long"), contextWith(), undefined);
    expect(result.changedPaths).toEqual(
      expect.arrayContaining([expect.stringContaining("agents.defaults.models")]),
    );
    expect(await cacheRetentionOnHost()).toBe("long");
    const again = await patchConfig(cacheRetention("long"), contextWith(), undefined);
    expect(again).toMatchObject({ alreadyApplied: true, changedPaths: [] });
  });

  test("re-reads and retries when someone else wrote the config after it read the hash", async () => {
    const patchCalls: string[] = [];
    // Another writer slips in between this executor's config.get and its config.patch, once.
    let interfered = false;
    const racing: GatewayRequester = {
      request: async (method, params, options) => {
        if (method === "config.patch") {
          patchCalls.push((params as { baseHash: string }).baseHash);
          if (!interfered) {
            interfered = true;
            const current = (await gateway.request("config.get", {})) as { hash: string };
            await gateway.request("config.patch", {
              raw: JSON.stringify({
                agents: { defaults: { models: { "anthropic/claude-sonnet-4-5": { alias: "sonnet" } } } },
              }),
              baseHash: current.hash,
              note: "clawfleet test: a concurrent writer",
            });
          }
        }
        return gateway.request(method, params, options);
      },
    };
    const result = await patchConfig(cacheRetention("short"), contextWith(racing), undefined);
    expect(result.alreadyApplied).toBeUndefined();
    expect(patchCalls).toHaveLength(2);
    expect(patchCalls[0]).not.toBe(patchCalls[1]);
    expect(await cacheRetentionOnHost()).toBe("short");
  });
});

describe("status.report", () => {
  test("posts the real models status --json of the agent verbatim", async () => {
    reports.length = 0;
    const context = contextWith();
    const { reportStatus } = await import("./status-report");
    const result: HostJobResult = await reportStatus(
      { kind: "status.report", agentKeys: [AGENT] },
      context,
      undefined,
    );
    expect(result.summary).toBe("Reported the status of 1 agent");
    expect(reports).toHaveLength(1);
    const [report] = reports[0]?.reports ?? [];
    expect(report?.agentKey).toBe(AGENT);
    expect(report?.status).toMatchObject({ agentId: AGENT });
  });

  test("the Gateway state it reports carries no secret: not the gateway token, not a pushed key", async () => {
    const reporter = new StatusReporter({
      channel: { postReports: () => Promise.resolve() },
      gateway: () => Promise.resolve(gateway),
      openclaw,
      log: jsonLineLog(() => undefined, Date.now),
      now: Date.now,
    });
    const state = await reporter.gatewayState();
    expect(state.configHash).not.toBe("");
    const text = JSON.stringify(state);
    for (const secret of [realGateway().token, SETUP_TOKEN, API_KEY, AGENT_API_KEY])
      expect(text).not.toContain(secret);
  });
});

describe("agent.delete", () => {
  test("deletes the agent, and a second run finds it gone", async () => {
    const job: HostJobPayloadOf<"agent.delete"> = { kind: "agent.delete", agentKey: AGENT };
    expect(await deleteAgent(job, contextWith(), undefined)).toEqual({
      summary: `Deleted agent ${AGENT}`,
      agentKey: AGENT,
    });
    expect(await deleteAgent(job, contextWith(), undefined)).toMatchObject({ alreadyApplied: true });
    expect(await agentIds()).not.toContain(AGENT);
  });
});
