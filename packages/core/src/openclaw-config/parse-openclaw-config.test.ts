import { describe, expect, it } from "vitest";

import { readAgentRoster, selectAgent } from "./agent-roster";
import type { OpenClawConfig } from "./openclaw-config.schema";
import { formatInvalidConfigMessage, parseOpenClawConfig } from "./parse-openclaw-config";

describe("parseOpenClawConfig", () => {
  it("reads JSON5 with comments, unquoted keys and trailing commas, keeping unknown settings", () => {
    const result = parseOpenClawConfig(
      `// main config\n{ agents: { defaults: { model: "anthropic/claude-opus-4-8", }, }, gateway: { port: 18789 } }`,
      "openclaw.json",
    );
    expect(result.ok && result.value).toEqual({
      agents: { defaults: { model: "anthropic/claude-opus-4-8" } },
      gateway: { port: 18789 },
    });
  });

  it.each([
    {
      case: "a syntax error",
      text: "{\n  agents: {\n    defaults: [1,,]\n  }\n}",
      path: "",
      line: 3,
      column: 18,
    },
    {
      case: "a wrong type",
      text: '{\n  "agents": {\n    "defaults": { "model": 42 }\n  }\n}',
      path: "agents.defaults.model",
      line: 3,
      column: 19,
    },
    {
      case: "an unknown key in a closed object",
      text: '{ "auth": { "profiles": {}, "cooldowns": {} } }',
      path: "auth",
      line: 1,
      column: 3,
    },
    {
      case: "a bad agent id",
      text: '{ "agents": { "ownership": "explicit", "entries": { "Bad Id": {} } } }',
      path: 'agents.entries["Bad Id"]',
      line: 1,
      column: 53,
    },
    {
      case: "a __proto__ key",
      text: '{\n "models": { "__proto__": {} } }',
      path: "models.__proto__",
      line: 2,
      column: 14,
    },
    {
      case: "a constructor key",
      text: '{ "env": { "constructor": "x" } }',
      path: "env.constructor",
      line: 1,
      column: 12,
    },
  ])("locates $case", ({ text, path, line, column }) => {
    const result = parseOpenClawConfig(text, "openclaw.json");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ file: "openclaw.json", path, line, column });
  });

  it("refuses a multi-agent roster without an owner, with OpenClaw's message (fixture 08)", () => {
    const result = parseOpenClawConfig("{ agents: { entries: { main: {}, work: {} } } }", "openclaw.json");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatInvalidConfigMessage("/h/.openclaw/openclaw.json", result.issues)).toBe(
      'Invalid config at /h/.openclaw/openclaw.json:\n- agents.ownership: multi-agent rosters require agents.ownership="explicit" or one legacy default=true marker; add agents.ownership="explicit" or run openclaw doctor',
    );
  });

  it.each([
    { case: "ownership explicit", agents: { ownership: "explicit", entries: { main: {}, work: {} } } },
    { case: "one legacy default marker", agents: { entries: { main: { default: true }, work: {} } } },
    {
      case: "a JSON-era list with one default",
      agents: { list: [{ id: "main", default: true }, { id: "work" }] },
    },
    { case: "a single agent", agents: { entries: { main: {} } } },
  ])("accepts a roster with $case", ({ agents }) => {
    expect(parseOpenClawConfig(JSON.stringify({ agents }), "openclaw.json").ok).toBe(true);
  });
});

describe("agent roster and selection (facts §1.1, §3.2)", () => {
  const list: OpenClawConfig = {
    agents: {
      list: [
        { id: "main", default: true, name: "Main" },
        { id: "ops", model: "openai/gpt-5.5" },
      ],
    },
  };

  it("reads agents.list like agents.entries", () => {
    expect(readAgentRoster(list).ids).toEqual(["main", "ops"]);
    expect(readAgentRoster(list).entries.get("ops")?.model).toBe("openai/gpt-5.5");
  });

  it.each([
    {
      case: "nothing configured",
      config: {},
      requested: undefined,
      expected: { ok: true, agentId: "main", explicit: false },
    },
    {
      case: "--agent main with nothing configured",
      config: {},
      requested: "main",
      expected: { ok: true, agentId: "main", explicit: true },
    },
    {
      case: "one agent",
      config: { agents: { entries: { solo: {} } } },
      requested: undefined,
      expected: { ok: true, agentId: "solo", explicit: false },
    },
    {
      case: "the legacy default marker",
      config: list,
      requested: undefined,
      expected: { ok: true, agentId: "main", explicit: false },
    },
    {
      case: "systemAgent owner",
      config: {
        agents: {
          ownership: "explicit",
          defaults: { systemAgent: { agentId: "b" } },
          entries: { a: {}, b: {} },
        },
      },
      requested: undefined,
      expected: { ok: true, agentId: "b", explicit: false },
    },
    {
      case: "no owner",
      config: { agents: { ownership: "explicit", entries: { a: {}, b: {} } } },
      requested: undefined,
      expected: {
        ok: false,
        message:
          "Multiple agents are configured, but model inspection has no explicit owner. Pass --agent <id> or set agents.defaults.systemAgent.agentId.",
      },
    },
    {
      case: "an unknown id",
      config: list,
      requested: "nosuch",
      expected: {
        ok: false,
        message: 'Unknown agent id "nosuch". Use "openclaw agents list" to see configured agents.',
      },
    },
  ] satisfies { case: string; config: OpenClawConfig; requested: string | undefined; expected: unknown }[])(
    "$case",
    ({ config, requested, expected }) => {
      expect(selectAgent(config, requested)).toEqual(expected);
    },
  );
});
