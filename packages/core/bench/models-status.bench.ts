/**
 * Computes `models status` for every agent of one gateway, as the console does when it keeps stored
 * statuses current: 100,000 agents through `prepareModelsStatus` (the first line, which `npm run bench`
 * records), the same on generated states with 10 % and 100 % of agents owning a store, and 10,000 agents
 * through the one-agent entry `buildModelsStatus` for comparison.
 * Run: `npm run bench -w @clawfleet/core` (or `npx tsx bench/models-status.bench.ts`).
 */
import type { AuthStoreDocuments } from "../src/auth-profiles/auth-store.schema";
import { buildModelsStatus, prepareModelsStatus } from "../src/models-status/build-models-status";
import type { ModelsStatusOutcome } from "../src/models-status/models-status-report";
import type { OpenClawState } from "../src/models-status/openclaw-state";
import type { AgentEntry, OpenClawConfig } from "../src/openclaw-config/openclaw-config.schema";
import { generateOpenClawState } from "../src/testing/openclaw-state-generator";

const NOW = 1_800_000_000_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const API_KEY = `sk-ant-api03-${"b".repeat(80)}-Bench1`;
const TOKEN = `sk-ant-oat01-${"t".repeat(80)}-Bench2`;

function agentEntry(index: number): AgentEntry {
  switch (index % 4) {
    case 0:
      return { name: `Agent ${index}` };
    case 1:
      return { name: `Agent ${index}`, model: "anthropic/claude-sonnet-5" };
    case 2:
      return {
        name: `Agent ${index}`,
        model: { primary: "openai/gpt-5.5", fallbacks: ["anthropic/claude-opus-4-8"] },
      };
    default:
      return { name: `Agent ${index}`, model: { primary: "opus" }, params: { cacheRetention: "long" } };
  }
}

/**
 * A gateway of `agentCount` agents in four model setups: a shared store with an API key (disabled for
 * billing), a subscription token expiring in 2 h that leads `auth.order`, an OpenAI key in a model-scoped
 * rate-limit cooldown; every tenth agent has its own store with a work token cooling down after overloads.
 */
function benchGateway(agentCount: number): OpenClawState {
  const entries: Record<string, AgentEntry> = {};
  for (let index = 0; index < agentCount; index += 1) entries[`agent-${index}`] = agentEntry(index);
  const config: OpenClawConfig = {
    agents: {
      ownership: "explicit",
      defaults: {
        model: {
          primary: "anthropic/claude-opus-4-8",
          fallbacks: ["openai/gpt-5.5", "openrouter/moonshotai/kimi-k2"],
        },
        imageModel: "anthropic/claude-sonnet-5",
        models: {
          "anthropic/claude-opus-4-8": { alias: "opus", params: { cacheRetention: "long" } },
          "openai/gpt-5.5": { alias: "gpt" },
        },
      },
      entries,
    },
    auth: {
      profiles: {
        "anthropic:default": { provider: "anthropic", mode: "api_key" },
        "anthropic:sub": { provider: "anthropic", mode: "token" },
        "openai:default": { provider: "openai", mode: "api_key" },
      },
      order: { anthropic: ["anthropic:sub", "anthropic:default"] },
    },
  };
  const sharedStore: AuthStoreDocuments = {
    credentials: {
      version: 1,
      profiles: {
        "anthropic:default": { type: "api_key", provider: "anthropic", key: API_KEY },
        "anthropic:sub": { type: "token", provider: "anthropic", token: TOKEN, expires: NOW + 2 * HOUR },
        "openai:default": { type: "api_key", provider: "openai", key: "sk-proj-benchbenchbenchbench" },
        "openrouter:default": { type: "api_key", provider: "openrouter", key: "sk-or-v1-benchbenchbench" },
      },
    },
    runtime: {
      version: 1,
      usageStats: {
        "anthropic:default": { disabledUntil: NOW + 5 * HOUR, disabledReason: "billing", errorCount: 1 },
        "openai:default": {
          cooldownUntil: NOW + MINUTE,
          cooldownReason: "rate_limit",
          cooldownModel: "gpt-5.5",
        },
      },
    },
  };
  const agentStores: Record<string, AuthStoreDocuments> = {};
  for (let index = 0; index < agentCount; index += 10) {
    agentStores[`agent-${index}`] = {
      credentials: {
        version: 1,
        profiles: { "anthropic:work": { type: "token", provider: "anthropic", token: TOKEN } },
      },
      runtime: {
        version: 1,
        order: { anthropic: ["anthropic:work", "anthropic:default"] },
        usageStats: {
          "anthropic:work": { cooldownUntil: NOW + 5 * MINUTE, cooldownReason: "overloaded", errorCount: 3 },
        },
      },
    };
  }
  return { config, sharedStore, agentStores };
}

const HOST = { stateDir: "/home/fleet/.openclaw", home: "/home/fleet", env: {} };

/** Times `compute` over every agent id, failing loudly if any agent is refused. */
function timeAgents(agentIds: readonly string[], compute: (agentId: string) => ModelsStatusOutcome) {
  let refused = 0;
  let unusableRows = 0;
  const started = performance.now();
  for (const agentId of agentIds) {
    const outcome = compute(agentId);
    if (outcome.ok) unusableRows += outcome.status.auth.unusableProfiles.length;
    else refused += 1;
  }
  const elapsedMs = performance.now() - started;
  const rate = Math.round((agentIds.length / elapsedMs) * 1000);
  return { elapsedMs: Math.round(elapsedMs), rate, refused, unusableRows };
}

function agentIdsOf(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `agent-${index}`);
}

// why: one warm-up pass so the figures measure steady-state work, not module and JIT start-up.
{
  const warmUp = benchGateway(2_000);
  const prepared = prepareModelsStatus(warmUp, HOST);
  for (const agentId of agentIdsOf(2_000)) prepared.statusOf(agentId, NOW);
}

{
  const agentIds = agentIdsOf(100_000);
  const state = benchGateway(agentIds.length);
  const started = performance.now();
  const prepared = prepareModelsStatus(state, HOST);
  const run = timeAgents(agentIds, (agentId) => prepared.statusOf(agentId, NOW));
  const totalMs = Math.round(performance.now() - started);
  if (run.refused > 0) throw new Error(`${run.refused} agents were refused`);
  console.log(
    `models status: ${agentIds.length} agents of one gateway in ${totalMs} ms with prepareModelsStatus (${run.rate} agents/s; 10 % with their own store; ${run.unusableRows} unusable-profile rows)`,
  );
}

for (const ownStoreShare of [0.1, 1]) {
  const generated = generateOpenClawState(7, { agentCount: 100_000, ownStoreShare });
  const prepared = prepareModelsStatus(generated.state, generated.host);
  const run = timeAgents(generated.agentIds, (agentId) => prepared.statusOf(agentId, generated.now));
  console.log(
    `generated gateway (seed 7, ${ownStoreShare * 100} % own stores): ${generated.agentIds.length} agents in ${run.elapsedMs} ms (${run.rate} agents/s; ${run.refused} refused)`,
  );
}

{
  const agentIds = agentIdsOf(10_000);
  const state = benchGateway(agentIds.length);
  const run = timeAgents(agentIds, (agentId) => buildModelsStatus(state, { ...HOST, agentId, now: NOW }));
  console.log(
    `one-agent entry buildModelsStatus: ${agentIds.length} agents in ${run.elapsedMs} ms (${run.rate} agents/s)`,
  );
}
