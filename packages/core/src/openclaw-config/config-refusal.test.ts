import { describe, expect, it } from "vitest";

import { redactSecretAssignments } from "./openclaw-config-issues";
import { formatInvalidConfigMessage, parseOpenClawConfig } from "./parse-openclaw-config";

/**
 * `models status` refusals as the real openclaw@2026.9.6 prints them; each expectation is copied from a
 * lab capture (`fixtures/openclaw-status/lab/config-*`, `seed-api-key-env-in-config`).
 */
function refusal(text: string): string {
  const result = parseOpenClawConfig(text, "openclaw.json");
  if (result.ok) throw new Error("expected a refusal");
  return formatInvalidConfigMessage("/h/.openclaw/openclaw.json", result.issues);
}

describe("config refusals worded and ordered as OpenClaw 2026.9.6", () => {
  it("refuses the Anthropic page's env snippet with OpenClaw's exact line", () => {
    expect(
      refusal(
        '{ env: { ANTHROPIC_API_KEY: "sk-ant-..." }, agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6" } } } }',
      ),
    ).toBe('Invalid config at /h/.openclaw/openclaw.json:\n- env: Unrecognized key: "ANTHROPIC_API_KEY"');
  });

  it("reports every unknown key, nested ones first, in OpenClaw's key order, without line or column", () => {
    const text = JSON.stringify({
      colour: "blue",
      agents: {
        defaults: { temperature: 0.2, models: { "anthropic/claude-opus-4-8": { nickname: "big" } } },
        entries: { main: { color: "red", skin: "dark" } },
        roster: [],
      },
      env: { ANTHROPIC_API_KEY: "k", OPENAI_API_KEY: "k", shellEnv: { login: true } },
      models: { aliases: {}, providers: { acme: { secret: "x" } } },
      auth: {
        profiles: { "anthropic:default": { provider: "anthropic", mode: "api_key", key: "x" } },
        cooldowns: {},
      },
      version: 3,
    });
    expect(refusal(text).split("\n").slice(1)).toEqual([
      '- env.shellEnv: Unrecognized key: "login"',
      '- env: Unrecognized keys: "ANTHROPIC_API_KEY", "OPENAI_API_KEY"',
      '- auth.profiles.anthropic:default: Unrecognized key: "key"',
      '- auth: Unrecognized key: "cooldowns"',
      '- models.providers.acme: Unrecognized key: "secret"',
      '- models: Unrecognized key: "aliases"',
      '- agents.defaults.models["anthropic/claude-opus-4-8"]: Unrecognized key: "nickname"',
      '- agents.defaults: Unrecognized key: "temperature"',
      '- agents.entries.main: Unrecognized keys: "color", "skin"',
      '- agents: Unrecognized key: "roster"',
      '- <root>: Unrecognized keys: "colour", "version"',
    ]);
  });

  it("words type and value errors with OpenClaw's hints and redacts KEY-named paths", () => {
    const text = JSON.stringify({
      agents: {
        defaults: {
          model: { primary: 7 },
          imageModel: { primary: "openai/gpt-image-2", timeoutMs: 0 },
          thinkingDefault: "extreme",
          fastModeDefault: "sometimes",
          modelPolicy: { allow: "anthropic/*" },
        },
        entries: { main: { model: ["anthropic/claude-opus-4-8"], reasoningDefault: "loud" } },
      },
      env: { shellEnv: { enabled: "yes" }, vars: { ANTHROPIC_API_KEY: 42 } },
      auth: {
        profiles: { "anthropic:default": { provider: "anthropic", mode: "password" } },
        order: { anthropic: "anthropic:default" },
      },
    });
    expect(refusal(text).split("\n").slice(1)).toEqual([
      "- env.shellEnv.enabled: Invalid input: expected boolean, received string (allowed: true, false)",
      "- env.vars.ANTHROPIC_API_KEY: *** input: expected string, received number",
      '- auth.profiles.anthropic:default.mode: Invalid input (allowed: "api_key", "aws-sdk", "oauth", "token")',
      "- auth.order.anthropic: Invalid input: expected array, received string",
      "- agents.defaults.model: Invalid input",
      "- agents.defaults.imageModel.timeoutMs: Too small: expected number to be >0 (must be greater than 0)",
      "- agents.defaults.modelPolicy.allow: Invalid input: expected array, received string",
      '- agents.defaults.thinkingDefault: Invalid option: expected one of "off"|"minimal"|"low"|"medium"|"high"|"xhigh"|"adaptive"|"max"|"ultra"',
      '- agents.defaults.fastModeDefault: Invalid input (allowed: true, false, "auto")',
      "- agents.entries.main.model: Invalid input",
      '- agents.entries.main.reasoningDefault: Invalid option: expected one of "on"|"off"|"stream"',
    ]);
  });

  it("lists the roster rule before the schema's problems", () => {
    const text = JSON.stringify({
      agents: { entries: { main: {}, work: {} } },
      gatewayUrl: "ws://127.0.0.1:18789",
    });
    expect(refusal(text).split("\n").slice(1)).toEqual([
      '- agents.ownership: multi-agent rosters require agents.ownership="explicit" or one legacy default=true marker; add agents.ownership="explicit" or run openclaw doctor',
      '- <root>: Unrecognized key: "gatewayUrl"',
    ]);
  });

  it("prints a JSON5 syntax error bare, as the parser words it", () => {
    expect(refusal("{\n  agents: {}\n  models: {},\n}")).toBe("JSON5: invalid character 'm' at 3:3");
  });

  it("keeps line and column on the issues themselves, for the import's own messages", () => {
    const result = parseOpenClawConfig('{\n  "env": { "A": "x" }\n}', "openclaw.json");
    expect(!result.ok && result.issues[0]).toMatchObject({ path: "env", line: 2, column: 3 });
  });
});

describe("redactSecretAssignments", () => {
  it("masks the word after an upper-case secret name, as OpenClaw's log redaction does", () => {
    expect(redactSecretAssignments("- env.vars.OPENAI_API_KEY: Invalid input")).toBe(
      "- env.vars.OPENAI_API_KEY: *** input",
    );
    expect(redactSecretAssignments("GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz")).toBe(
      "GITHUB_TOKEN=ghp_ab…wxyz",
    );
    expect(redactSecretAssignments('- env: Unrecognized key: "ANTHROPIC_API_KEY"')).toBe(
      '- env: Unrecognized key: "ANTHROPIC_API_KEY"',
    );
    expect(redactSecretAssignments("- models.providers.acme.apiKey: Invalid input")).toBe(
      "- models.providers.acme.apiKey: Invalid input",
    );
  });
});
