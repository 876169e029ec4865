import { describe, expect, it } from "vitest";
import { maskSecret } from "../auth-profiles/secret-mask";
import { buildModelsStatus } from "../models-status/build-models-status";
import { type GatewayRecord, joinGatewayRecord, splitOpenClawState } from "./gateway-record";
import { readStateFiles } from "./state-files";

/** A deterministic generator (core takes no randomness from the environment). */
function* pseudoRandomStrings(seed: number, count: number): Generator<string> {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.+/=~:é漢 ";
  let state = seed;
  for (let produced = 0; produced < count; produced += 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const length = 1 + (state % 200);
    let text = "";
    for (let index = 0; index < length; index += 1) {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      text += alphabet[state % alphabet.length];
    }
    yield text;
  }
}

describe("OpenClaw's mask is a fixed point of maskSecret", () => {
  it("for 5,000 secrets of every length from 1 to 200 characters", () => {
    for (const secret of pseudoRandomStrings(42, 5_000)) {
      const mask = maskSecret(secret);
      expect(maskSecret(mask), secret).toBe(mask);
      expect([5, 7, 19]).toContain(mask.length);
    }
  });

  it("at every length boundary (6/7 and 16/17 characters)", () => {
    for (let length = 1; length <= 40; length += 1) {
      const mask = maskSecret("s".repeat(length - 1) + "e");
      expect(maskSecret(mask)).toBe(mask);
    }
  });
});

const SECRET_KEY = `sk-ant-api03-SECRET${"x".repeat(80)}-TAIL`;
const files = [
  {
    path: "openclaw.json",
    text: JSON.stringify({
      agents: {
        ownership: "explicit",
        defaults: { model: { primary: "anthropic/claude-opus-4-8" }, thinkingDefault: "low" },
        entries: {
          main: { name: "Main" },
          work: {
            model: "anthropic/claude-sonnet-5",
            params: { cacheRetention: "none" },
            description: "kept",
          },
        },
      },
      auth: {
        profiles: { "anthropic:default": { provider: "anthropic", mode: "api_key" } },
        order: { anthropic: ["anthropic:work", "anthropic:default"] },
      },
      gateway: { port: 18789 },
    }),
  },
  {
    path: "shared-auth-profiles.json",
    text: JSON.stringify({
      version: 1,
      profiles: { "anthropic:default": { type: "api_key", provider: "anthropic", key: SECRET_KEY } },
    }),
  },
  {
    path: "shared-auth-state.json",
    text: JSON.stringify({
      version: 1,
      usageStats: {
        "anthropic:default": {
          lastUsed: 1_000,
          errorCount: 2,
          cooldownUntil: 9_000,
          cooldownReason: "rate_limit",
        },
        "inline-api-key:openai": { errorCount: 1 },
      },
    }),
  },
  {
    path: "agents/work/auth-profiles.json",
    text: JSON.stringify({
      version: 1,
      profiles: {
        "anthropic:work": {
          type: "token",
          provider: "anthropic",
          token: `sk-ant-oat01-${"t".repeat(90)}`,
          expires: "soon",
        },
      },
    }),
  },
];

/** The record as the database would hand it back: every secret replaced by its mask. */
function masked(record: GatewayRecord): GatewayRecord {
  const maskStore = (store: GatewayRecord["sharedStore"]) =>
    store && {
      ...store,
      profiles: store.profiles.map((profile) => ({
        ...profile,
        secrets: Object.fromEntries(
          Object.entries(profile.secrets).map(([field, value]) => [field, maskSecret(value)]),
        ),
      })),
    };
  return {
    ...record,
    sharedStore: maskStore(record.sharedStore),
    agents: record.agents.map((agent) => ({ ...agent, store: maskStore(agent.store) })),
  };
}

describe("splitOpenClawState / joinGatewayRecord", () => {
  const read = readStateFiles(files, { strictConfigRules: false });
  if (!read.ok) throw new Error(JSON.stringify(read.issues));

  it("keeps unmodelled settings and config order, and files an invalid expiry under metadata", () => {
    const record = splitOpenClawState(read.state);
    expect(record.config.extraConfig).toEqual({
      agents: { ownership: "explicit", defaults: { thinkingDefault: "low" } },
      gateway: { port: 18789 },
    });
    expect(record.agents.map((agent) => agent.agentKey)).toEqual(["main", "work"]);
    expect(record.agents[1]?.extraConfig).toEqual({ description: "kept" });
    expect(record.agents[1]?.store?.profiles[0]).toMatchObject({
      expires: null,
      metadata: { expires: "invalid" },
    });
    expect(record.sharedStore?.orphanUsageStats).toEqual({ "inline-api-key:openai": { errorCount: 1 } });
    const joined = joinGatewayRecord(record);
    expect(Object.keys(joined.config.agents?.entries ?? {})).toEqual(["main", "work"]);
    expect(joined.config.agents?.entries?.work).toMatchObject({
      model: "anthropic/claude-sonnet-5",
      params: { cacheRetention: "none" },
      description: "kept",
    });
  });

  it("computes the same status for every agent from masks as from the real secrets", () => {
    const fromMasks = joinGatewayRecord(masked(splitOpenClawState(read.state)));
    expect(JSON.stringify(fromMasks)).not.toContain("SECRET");
    for (const agentId of ["main", "work"]) {
      const options = { agentId, now: 5_000, stateDir: "/h/.openclaw", home: "/h", env: {} };
      expect(buildModelsStatus(fromMasks, options)).toEqual(buildModelsStatus(read.state, options));
    }
  });

  it("gives a config without agents one implicit main agent that is not written back", () => {
    const bare = readStateFiles([{ path: "openclaw.json", text: "{}" }], { strictConfigRules: false });
    if (!bare.ok) throw new Error("unreadable");
    const record = splitOpenClawState(bare.state);
    expect(record.agents).toMatchObject([{ agentKey: "main", declared: false, isDefault: true }]);
    expect(joinGatewayRecord(record).config).toEqual({});
  });
});
