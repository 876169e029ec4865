import { describe, expect, it } from "vitest";

import type { AuthProfileCredential, AuthStoreDocuments } from "../auth-profiles/auth-store.schema";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { buildModelsStatus } from "./build-models-status";
import { checkExitCode } from "./models-status-check";
import type { ModelsStatus } from "./models-status-report";
import type { OpenClawState } from "./openclaw-state";
import { renderModelsStatusPlain, renderModelsStatusText } from "./render-models-status-text";

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;
const HOME = "/srv/home";
const OPTIONS = { now: NOW, stateDir: `${HOME}/.openclaw`, home: HOME, env: {} };
const TOKEN = `sk-ant-oat01-${"t".repeat(80)}-Tok123`;

function statusFor(
  state: Partial<OpenClawState> & { config: OpenClawConfig },
  options: Partial<typeof OPTIONS> & { agentId?: string } = {},
): ModelsStatus {
  const outcome = buildModelsStatus(
    { sharedStore: null, agentStores: {}, ...state },
    { ...OPTIONS, ...options },
  );
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.status;
}

const tokenStore = (expires: number): AuthStoreDocuments => ({
  credentials: {
    version: 1,
    profiles: { "anthropic:sub": { type: "token", provider: "anthropic", token: TOKEN, expires } },
  },
  runtime: null,
});

describe("--check exit code (facts §1.1)", () => {
  const config: OpenClawConfig = { agents: { defaults: { model: "anthropic/claude-opus-4-8" } } };
  it.each([
    { case: "a token valid for a week", store: tokenStore(NOW + 168 * HOUR), expected: 0 },
    { case: "a token expiring in an hour", store: tokenStore(NOW + HOUR), expected: 2 },
    { case: "only an expired token", store: tokenStore(NOW - HOUR), expected: 1 },
    { case: "nothing stored (indeterminate)", store: null, expected: 1 },
  ])("$case → $expected", ({ store, expected }) => {
    expect(checkExitCode(statusFor({ config, sharedStore: store }))).toBe(expected);
  });

  it("an OpenAI route on the unavailable Codex harness → 1", () => {
    const status = statusFor(
      { config: { agents: { defaults: { model: "openai/gpt-5.5" } } } },
      { env: { OPENAI_API_KEY: "sk-proj-abcdefghijklmnopqrst" } },
    );
    expect(status.auth.runtimeAuthRoutes[0]?.effective).toEqual({
      kind: "env",
      detail: "sk-proj-...mnopqrst",
    });
    expect(checkExitCode(status)).toBe(1);
  });
});

describe("refusals as the CLI's envelope", () => {
  it("names the legacy store that needs migration (fixture 06's rule) for another agent too", () => {
    const outcome = buildModelsStatus(
      {
        config: { agents: { ownership: "explicit", entries: { main: {}, ops: {} } } },
        sharedStore: null,
        agentStores: {},
        legacyFiles: [
          { path: "agents/ops/agent/auth-profiles.json", providers: ["openai", "anthropic", "openai"] },
        ],
      },
      { ...OPTIONS, agentId: "ops" },
    );
    expect(outcome).toEqual({
      ok: false,
      error: {
        type: "cli_error",
        message:
          "Auth profile store ~/.openclaw/agents/ops/agent/openclaw-agent.sqlite requires legacy credential migration; affected providers: anthropic, openai; run openclaw doctor --fix.",
      },
    });
  });
});

describe("renderModelsStatusText beyond the fixtures (facts §1.4)", () => {
  const config: OpenClawConfig = {
    agents: {
      defaults: {
        model: { primary: "opus", fallbacks: [] },
        utilityModel: "",
        imageModel: "anthropic/claude-sonnet-5",
        models: { "anthropic/claude-opus-4-8": { alias: "opus" } },
      },
    },
    env: { shellEnv: { enabled: true } },
  };

  it("shows the raw default, utility off, shell env on, the env row and OAuth (env)", () => {
    const status = statusFor({ config }, { env: { ANTHROPIC_OAUTH_TOKEN: TOKEN } });
    const text = renderModelsStatusText(status, HOME);
    expect(text).toContain("Default       : anthropic/claude-opus-4-8 (from opus)\n");
    expect(text).toContain("Utility model : off\n");
    expect(text).toContain("Image model   : anthropic/claude-sonnet-5\n");
    expect(text).toContain("Shell env     : on\n");
    expect(text).toContain("Providers w/ OAuth/tokens (2): anthropic (1), claude-cli (1)\n");
    expect(text).toContain(
      // why: a provider with no stored profile has no counts part (lab capture auth-env-only-provider).
      "- anthropic effective=env:OAuth (env) | env=OAuth (env) | source=env: ANTHROPIC_OAUTH_TOKEN\n",
    );
    expect(renderModelsStatusPlain(status)).toBe("anthropic/claude-opus-4-8\n");
  });

  it("labels the default and fallbacks with their source under --agent", () => {
    const agentConfig: OpenClawConfig = {
      agents: {
        defaults: { model: "anthropic/claude-opus-4-8" },
        entries: { solo: { model: { fallbacks: ["openai/gpt-5.5"] } } },
      },
    };
    const text = renderModelsStatusText(statusFor({ config: agentConfig }, { agentId: "solo" }), HOME);
    expect(text).toContain("Default (defaults): anthropic/claude-opus-4-8\n");
    expect(text).toContain("Fallbacks (1) (agent): openai/gpt-5.5\n");
    expect(text).toContain("Image fallbacks (0) (defaults): -\n");
  });
});

// Both found by comparing with the real 2026.9.6 CLI on a 20-agent configuration (scripts/bench-openclaw.mjs).
describe("agents with their own store or their own model, as the real CLI reports them", () => {
  const config = {
    agents: {
      ownership: "explicit",
      defaults: {
        model: { primary: "anthropic/claude-opus-4-8", fallbacks: ["openai/gpt-5.5"] },
        imageModel: { primary: "anthropic/claude-sonnet-5", fallbacks: ["openai/gpt-5.5"] },
      },
      entries: { main: {}, strict: { model: "anthropic/claude-sonnet-5" } },
    },
  } as OpenClawConfig;
  const shared: AuthStoreDocuments = {
    credentials: {
      version: 1,
      profiles: {
        "anthropic:default": {
          type: "api_key",
          provider: "anthropic",
          key: `sk-ant-api03-${"k".repeat(40)}`,
        },
        "openrouter:default": { type: "api_key", provider: "openrouter", key: `sk-or-v1-${"r".repeat(40)}` },
      },
    } as never,
    runtime: null,
  };

  it("names the shared store for a provider whose profiles all come from it, though the agent has its own", () => {
    const status = statusFor(
      { config, sharedStore: shared, agentStores: { strict: tokenStore(NOW + 100 * HOUR) } },
      { agentId: "strict" },
    );
    const detailOf = (provider: string) =>
      status.auth.providers.find((row) => row.provider === provider)?.effective.detail;
    expect(detailOf("anthropic")).toBe("~/.openclaw/agents/strict/agent/openclaw-agent.sqlite");
    expect(detailOf("openrouter")).toBe("~/.openclaw/state/openclaw.sqlite");
  });

  // why: an image use is judged by the provider's auth alone, which nothing declares for OpenAI here, so it is
  // indeterminate (lab capture route-image-use-and-undeclared-providers); a text fallback goes through OpenAI's
  // routes, and with no OpenAI profile none is selected: no route issue, the provider missing in use (lab
  // capture catalog-openai-fallback-no-openai-profile).
  it("judges an image fallback by its provider's auth, and names no route an OpenAI profile would choose", () => {
    const strict = statusFor({ config, sharedStore: shared, agentStores: {} }, { agentId: "strict" });
    expect(strict.fallbacks).toEqual([]);
    expect(strict.imageFallbacks).toEqual(["openai/gpt-5.5"]);
    expect(strict.auth.missingProvidersInUse).toEqual([]);
    expect(strict.auth.modelRouteIssues).toEqual([
      {
        kind: "indeterminate",
        provider: "openai",
        model: "gpt-5.5",
        message: "Auth readiness could not be confirmed for openai/gpt-5.5.",
      },
    ]);
    expect(strict.auth.runtimeAuthRoutes).toEqual([]);

    const main = statusFor({ config, sharedStore: shared, agentStores: {} }, { agentId: "main" });
    expect(
      main.auth.modelRouteIssues.map((issue) => `${issue.kind} ${issue.provider}/${issue.model}`),
    ).toEqual(["indeterminate openai/gpt-5.5"]);
    expect(main.auth.runtimeAuthRoutes.map((route) => route.provider)).toEqual(["openai"]);
  });
});

describe("OpenAI route issues follow the model's routes (lab captures gen-2-026, gen-2-039, gen-1-047)", () => {
  const store = (profiles: Record<string, AuthProfileCredential>): AuthStoreDocuments => ({
    credentials: { version: 1 as const, profiles },
    runtime: null,
  });
  const issuesOf = (status: ModelsStatus) => status.auth.modelRouteIssues.map((issue) => issue.message);

  it("names no route for a two-route utility model nothing serves, and the API-key route of a one-route one", () => {
    const luna = statusFor({
      config: {
        agents: { defaults: { model: "anthropic/claude-opus-4-8", utilityModel: "openai/gpt-5.6-luna" } },
      },
    });
    expect(issuesOf(luna)).not.toContain(
      "No usable api-key authentication is available for openai/gpt-5.6-luna.",
    );
    expect(luna.auth.missingProvidersInUse).toContain("openai");
    const nano = statusFor({
      config: {
        agents: { defaults: { model: "anthropic/claude-opus-4-8", utilityModel: "openai/gpt-5.4-nano" } },
      },
    });
    expect(issuesOf(nano)).toContain(
      "No usable api-key authentication is available for openai/gpt-5.4-nano.",
    );
  });

  it("serves an OpenAI model from a stored profile nobody declared when the declared one fits nothing", () => {
    const status = statusFor({
      config: {
        agents: { defaults: { model: "anthropic/claude-opus-4-8", utilityModel: "openai/gpt-5.6-luna" } },
        auth: { profiles: { "openai:work": { provider: "openai", mode: "api_key" } } },
      },
      sharedStore: store({
        "openai:BACKUP": { type: "token", provider: "openai", token: TOKEN },
        "openai:work": { type: "token", provider: "openai", token: TOKEN },
      }),
    });
    expect(issuesOf(status).filter((message) => message.includes("openai/"))).toEqual([]);
    expect(status.auth.missingProvidersInUse).not.toContain("openai");
  });

  it("judges an uncatalogued model on an authored Platform base URL, on the Codex route too", () => {
    const status = statusFor({
      config: {
        agents: { defaults: { model: { primary: "anthropic/claude-opus-4-8", fallbacks: ["openai/gpt"] } } },
        models: { providers: { openai: { baseUrl: "https://api.openai.com/v1", models: [] } } },
      },
      sharedStore: store({
        "openai:k": { type: "api_key", provider: "openai", key: "sk-proj-abcdefghijklmnop" },
      }),
    });
    expect(issuesOf(status)).not.toContain("Auth readiness could not be confirmed for openai/gpt.");
    expect(status.auth.runtimeAuthRoutes).toMatchObject([
      { provider: "openai", runtime: "codex", authStatus: "usable" },
    ]);
  });

  it("keeps no evidence on an image use it cannot confirm (lab capture gen-2-060)", () => {
    const status = statusFor({
      config: {
        agents: { defaults: { model: "anthropic/claude-opus-4-8", imageModel: "google/gemini-2.5-flash" } },
      },
      sharedStore: store({
        "google:default": {
          type: "api_key",
          provider: "google",
          keyRef: { source: "env", provider: "default", id: "TEAM_API_KEY" },
        },
      }),
    });
    expect(status.auth.modelRouteIssues).toContainEqual({
      kind: "indeterminate",
      provider: "google",
      model: "gemini-2.5-flash",
      message: "Auth readiness could not be confirmed for google/gemini-2.5-flash.",
    });
  });
});
