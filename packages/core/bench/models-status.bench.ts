/**
 * Computes `models status` for every agent of a 10,000-agent gateway, as the console does for its fleet
 * pages. Run: `npm run bench -w @clawfleet/core` (or `npx tsx bench/models-status.bench.ts`).
 */
import type { AuthStoreDocuments } from "../src/auth-profiles/auth-store.schema";
import { buildModelsStatus } from "../src/models-status/build-models-status";
import type { OpenClawState } from "../src/models-status/openclaw-state";
import type { AgentEntry, OpenClawConfig } from "../src/openclaw-config/openclaw-config.schema";

const AGENT_COUNT = 10_000;
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

const entries: Record<string, AgentEntry> = {};
for (let index = 0; index < AGENT_COUNT; index += 1) entries[`agent-${index}`] = agentEntry(index);

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

/** Every tenth agent has its own store: a work token in an overload cooldown, with its own order. */
const agentStores: Record<string, AuthStoreDocuments> = {};
for (let index = 0; index < AGENT_COUNT; index += 10) {
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

const state: OpenClawState = { config, sharedStore, agentStores };
const options = { now: NOW, stateDir: "/home/fleet/.openclaw", home: "/home/fleet", env: {} };

// why: one warm-up pass so the figure measures steady-state work, not module and JIT start-up.
for (let index = 0; index < 200; index += 1)
  buildModelsStatus(state, { ...options, agentId: `agent-${index}` });

let failures = 0;
let unusableRows = 0;
const started = performance.now();
for (let index = 0; index < AGENT_COUNT; index += 1) {
  const outcome = buildModelsStatus(state, { ...options, agentId: `agent-${index}` });
  if (outcome.ok) unusableRows += outcome.status.auth.unusableProfiles.length;
  else failures += 1;
}
const elapsedMs = performance.now() - started;

if (failures > 0) throw new Error(`${failures} agents failed to compute`);
console.log(
  `models status: ${AGENT_COUNT} agents in ${Math.round(elapsedMs)} ms (${Math.round((AGENT_COUNT / elapsedMs) * 1000)} agents/s; ${unusableRows} unusable-profile rows)`,
);
