import { describe, expect, it } from "vitest";
import {
  type ConsoleAgentConfig,
  type ConsoleConfigSide,
  compareWithHost,
  driftScope,
  readHostConfig,
} from "./host-drift";

const noDefaults = { model: null, imageModel: null, utilityModel: null, models: {}, params: {} };

function agent(agentKey: string, settings: Partial<ConsoleAgentConfig> = {}): ConsoleAgentConfig {
  return { agentKey, declared: true, model: null, models: {}, params: {}, ...settings };
}

function consoleSide(side: Partial<ConsoleConfigSide>): ConsoleConfigSide {
  return { defaults: noDefaults, agents: [], ...side };
}

describe("compareWithHost", () => {
  it("finds no drift when the host wrote what the console holds, whatever the map order", () => {
    const side = consoleSide({
      defaults: {
        ...noDefaults,
        model: { primary: "anthropic/claude-opus-4-8", fallbacks: ["anthropic/claude-sonnet-5"] },
        models: { "anthropic/a": { alias: "a" }, "anthropic/b": { alias: "b" } },
      },
      agents: [agent("ops", { model: "anthropic/claude-sonnet-5", params: { cacheRetention: "long" } })],
    });
    const host = {
      gateway: { port: 18789 },
      agents: {
        defaults: {
          models: { "anthropic/b": { alias: "b" }, "anthropic/a": { alias: "a" } },
          model: { fallbacks: ["anthropic/claude-sonnet-5"], primary: "anthropic/claude-opus-4-8" },
          thinkingDefault: "low",
        },
        entries: {
          ops: { params: { cacheRetention: "long" }, model: "anthropic/claude-sonnet-5", name: "Ops" },
        },
      },
    };
    expect(compareWithHost(side, host)).toEqual([]);
  });

  it("treats null, a missing key and an empty map alike, as the config would be written", () => {
    const side = consoleSide({ agents: [agent("ops", { models: {}, params: {} })] });
    const host = { agents: { defaults: { params: {} }, entries: { ops: { models: {} } } } };
    expect(compareWithHost(side, host)).toEqual([]);
  });

  it("reports each differing field of the defaults and of an agent, with both values as written", () => {
    const side = consoleSide({
      defaults: { ...noDefaults, model: { primary: "anthropic/claude-opus-4-8" }, utilityModel: "" },
      agents: [agent("ops", { params: { cacheRetention: "short" } })],
    });
    const host = {
      agents: {
        defaults: { model: { primary: "anthropic/claude-opus-4-8" }, imageModel: "openai/gpt-image-2" },
        entries: { ops: { model: "anthropic/claude-sonnet-5", params: { cacheRetention: "long" } } },
      },
    };
    expect(compareWithHost(side, host)).toEqual([
      { scope: "defaults", field: "imageModel", console: null, host: "openai/gpt-image-2" },
      // why: `""` is written (it disables the utility model), unlike null.
      { scope: "defaults", field: "utilityModel", console: "", host: null },
      { scope: "agent", agentKey: "ops", field: "model", console: null, host: "anthropic/claude-sonnet-5" },
      {
        scope: "agent",
        agentKey: "ops",
        field: "params",
        console: { cacheRetention: "short" },
        host: { cacheRetention: "long" },
      },
    ]);
  });

  it("compares fallbacks in order, since OpenClaw tries them in turn", () => {
    const side = consoleSide({
      agents: [agent("ops", { model: { primary: "a/x", fallbacks: ["a/y", "a/z"] } })],
    });
    const host = { agents: { entries: { ops: { model: { primary: "a/x", fallbacks: ["a/z", "a/y"] } } } } };
    expect(compareWithHost(side, host)).toEqual([
      {
        scope: "agent",
        agentKey: "ops",
        field: "model",
        console: { primary: "a/x", fallbacks: ["a/y", "a/z"] },
        host: { primary: "a/x", fallbacks: ["a/z", "a/y"] },
      },
    ]);
  });

  it("reports agents declared on one side only, with the whole fragment of the side that has it", () => {
    const side = consoleSide({ agents: [agent("main"), agent("console-only", { model: "a/x" })] });
    const host = {
      agents: { entries: { main: {}, "host-only": { name: "Host only", params: { temperature: 0.2 } } } },
    };
    expect(compareWithHost(side, host)).toEqual([
      { scope: "agent", agentKey: "console-only", field: "agent", console: { model: "a/x" }, host: null },
      {
        scope: "agent",
        agentKey: "host-only",
        field: "agent",
        console: null,
        host: { params: { temperature: 0.2 } },
      },
    ]);
  });

  it("reads legacy `agents.list` items by id, after `agents.entries`", () => {
    const side = consoleSide({ agents: [agent("ops", { model: "a/x" }), agent("old", { model: "a/old" })] });
    const host = {
      agents: {
        entries: { ops: { model: "a/x" } },
        list: [
          { id: "ops", model: "a/ignored" },
          { id: "old", model: "a/old" },
          { id: "Not An Id", model: "a/x" },
          "not an object",
        ],
      },
    };
    expect(compareWithHost(side, host)).toEqual([]);
  });

  it("takes an undeclared console `main` with nothing set as equal to a host without its entry", () => {
    const implicitMain = agent("main", { declared: false });
    expect(compareWithHost(consoleSide({ agents: [implicitMain] }), {})).toEqual([]);
    expect(
      compareWithHost(consoleSide({ agents: [implicitMain, agent("ops")] }), {
        agents: { entries: { ops: {} } },
      }),
    ).toEqual([]);
  });

  it("compares the console's `main` with the implicit one a host without agents runs", () => {
    const side = consoleSide({ agents: [agent("main", { params: { cacheRetention: "long" } })] });
    expect(compareWithHost(side, { agents: { defaults: {} } })).toEqual([
      { scope: "agent", agentKey: "main", field: "params", console: { cacheRetention: "long" }, host: null },
    ]);
  });

  it("reads a config without an agents section as one with nothing set", () => {
    const side = consoleSide({ defaults: { ...noDefaults, params: { temperature: 1 } } });
    expect(compareWithHost(side, { agents: "not an object" })).toEqual([
      { scope: "defaults", field: "params", console: { temperature: 1 }, host: null },
    ]);
  });
});

describe("readHostConfig", () => {
  it("gives each host agent's fragment with the name and workspace the console needs to create it", () => {
    const host = readHostConfig({
      agents: {
        entries: { ops: { name: "Ops", workspace: "~/ops", model: "a/x", models: "bad", extra: true } },
      },
    });
    expect([...host.agents]).toEqual([
      ["ops", { name: "Ops", workspace: "~/ops", model: "a/x", models: {}, params: {} }],
    ]);
    expect(host.defaults).toEqual(noDefaults);
  });
});

describe("driftScope", () => {
  it("groups items into defaults fields and agents on both sides, only in the console, only on the host", () => {
    expect(
      driftScope([
        { scope: "defaults", field: "model", console: "a/x", host: null },
        { scope: "agent", agentKey: "ops", field: "model", console: null, host: "a/y" },
        { scope: "agent", agentKey: "ops", field: "params", console: null, host: { temperature: 1 } },
        { scope: "agent", agentKey: "mine", field: "agent", console: {}, host: null },
        { scope: "agent", agentKey: "theirs", field: "agent", console: null, host: {} },
      ]),
    ).toEqual({
      defaultsFields: ["model"],
      onBothSides: ["ops"],
      consoleOnly: ["mine"],
      hostOnly: ["theirs"],
    });
  });
});
