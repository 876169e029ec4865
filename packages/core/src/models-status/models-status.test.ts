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

function outcomeFor(
  state: Partial<OpenClawState> & { config: OpenClawConfig },
  options: Partial<typeof OPTIONS> & { agentId?: string } = {},
) {
  const outcome = buildModelsStatus(
    { sharedStore: null, agentStores: {}, ...state },
    { ...OPTIONS, ...options },
  );
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome;
}

function statusFor(
  state: Partial<OpenClawState> & { config: OpenClawConfig },
  options: Partial<typeof OPTIONS> & { agentId?: string } = {},
): ModelsStatus {
  return outcomeFor(state, options).status;
}

/** The `--check` exit code the CLI gives for a computed status. */
function checkOf(
  state: Partial<OpenClawState> & { config: OpenClawConfig },
  options: Partial<typeof OPTIONS> & { agentId?: string } = {},
) {
  const { status, selectedProfileIds } = outcomeFor(state, options);
  return checkExitCode(status, selectedProfileIds);
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
    expect(checkOf({ config, sharedStore: store })).toBe(expected);
  });

  const oauth = (provider: string, expires: number) => ({
    type: "oauth" as const,
    provider,
    access: `access-${"a".repeat(40)}`,
    refresh: `refresh-${"r".repeat(40)}`,
    expires,
  });

  it("judges only the profile the evaluation selects: an env key chosen over an expiring one → 0", () => {
    // why: auth.profiles names only an expired token, so the order is empty and the env key serves the
    // route; the expiring OAuth profile beside it is still the provider's first effective one (gen-3-034).
    const state = {
      config: {
        ...config,
        auth: { profiles: { "anthropic:team": { provider: "anthropic", mode: "token" as const } } },
      },
      sharedStore: {
        credentials: {
          version: 1 as const,
          profiles: {
            "anthropic:sub": oauth("anthropic", NOW + HOUR),
            "anthropic:team": {
              type: "token" as const,
              provider: "anthropic",
              token: TOKEN,
              expires: NOW - HOUR,
            },
          },
        },
        runtime: null,
      },
    };
    const env = { ANTHROPIC_API_KEY: "sk-ant-api03-abcdefghijklmnopqrstuvwx" };
    const { status, selectedProfileIds } = outcomeFor(state, { env });
    expect(selectedProfileIds).toEqual([]);
    expect(checkExitCode(status, selectedProfileIds)).toBe(0);
    // A reported status carries no selection, so each provider's first effective profile is judged.
    expect(checkExitCode(status)).toBe(2);
  });

  it("an OpenAI route the config authors takes no subscription profile: its config key serves it → 0", () => {
    const openai: OpenClawConfig = {
      // why: on OpenClaw's own runtime, so the offline Codex harness does not fail the check by itself.
      agents: {
        defaults: {
          model: "openai/gpt-5.4",
          models: { "openai/gpt-5.4": { agentRuntime: { id: "openclaw" } } },
        },
      },
      models: {
        providers: { openai: { baseUrl: "https://api.openai.com/v1", apiKey: "sk-config-1234567890" } },
      },
    };
    const sharedStore = {
      credentials: { version: 1 as const, profiles: { "openai:sub": oauth("openai", NOW + 20 * HOUR) } },
      runtime: null,
    };
    expect(outcomeFor({ config: openai, sharedStore }).selectedProfileIds).toEqual([]);
    expect(checkOf({ config: openai, sharedStore })).toBe(0);
    const withoutRoute: OpenClawConfig = {
      ...openai,
      models: { providers: { openai: { apiKey: "sk-config-1234567890" } } },
    };
    expect(outcomeFor({ config: withoutRoute, sharedStore }).selectedProfileIds).toEqual(["openai:sub"]);
    expect(checkOf({ config: withoutRoute, sharedStore })).toBe(2);
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

// why: lab capture gen-3-041: OpenAI plans the first profile with evidence when its resolved order is empty.
describe("an OpenAI route whose auth order is empty", () => {
  it("is served by the first stored OpenAI profile when auth.profiles names only a keyless one", () => {
    const outcome = outcomeFor({
      config: {
        agents: { defaults: { model: "openai/gpt-5.4" } },
        auth: { profiles: { "openai:work": { provider: "openai", mode: "api_key" } } },
      },
      sharedStore: {
        credentials: {
          version: 1,
          profiles: {
            "openai:team": { type: "api_key", provider: "openai", key: `sk-proj-${"k".repeat(40)}` },
            "openai:work": { type: "api_key", provider: "openai" },
          },
        } as never,
        runtime: null,
      },
    });
    expect(outcome.status.auth.modelRouteIssues).toEqual([]);
    expect(outcome.status.auth.missingProvidersInUse).toEqual([]);
    expect(outcome.status.auth.runtimeAuthRoutes[0]).toMatchObject({
      effective: { kind: "profiles", detail: "~/.openclaw/state/openclaw.sqlite" },
      authStatus: "usable",
    });
    expect(outcome.selectedProfileIds).toEqual(["openai:team"]);
  });
});

describe("runtime auth routes: the effective auth of the selected source", () => {
  const codexConfig = (openai?: Record<string, unknown>): OpenClawConfig => ({
    agents: { ownership: "explicit", defaults: { model: "openai/gpt-5.5" }, entries: { main: {}, ops: {} } },
    ...(openai ? { models: { providers: { openai } } } : {}),
  });

  // why: lab capture gen-4-024: a plain config key serves the Codex route, shown as its models.json display.
  it("shows a plain config key as models.json, its auth usable", () => {
    const [route] = statusFor(
      { config: codexConfig({ apiKey: "sk-config-abcdefghijklmnop" }) },
      { agentId: "main" },
    ).auth.runtimeAuthRoutes;
    expect(route).toMatchObject({
      effective: { kind: "models.json", detail: "sk-confi...ijklmnop" },
      authStatus: "usable",
    });
  });

  // why: lab capture gen-3-016: the selected profile lives in the shared store, though the agent has its own.
  it("names the store that holds the selected profile, as the provider's overview row does", () => {
    const shared: AuthStoreDocuments = {
      credentials: {
        version: 1,
        profiles: { "openai:key": { type: "api_key", provider: "openai", key: `sk-proj-${"k".repeat(40)}` } },
      },
      runtime: null,
    };
    const status = statusFor(
      { config: codexConfig(), sharedStore: shared, agentStores: { ops: tokenStore(NOW + 100 * HOUR) } },
      { agentId: "ops" },
    );
    expect(status.auth.runtimeAuthRoutes[0]?.effective).toEqual({
      kind: "profiles",
      detail: "~/.openclaw/state/openclaw.sqlite",
    });
  });
  // why: lab capture gen-1-006: an uncatalogued model's route is undecided, so no source is selected and the
  // route shows the provider row's effective auth, which counts an expired OpenAI login.
  it("shows the provider row's effective auth when the route's readiness cannot be told", () => {
    const expired: AuthStoreDocuments = {
      credentials: {
        version: 1,
        profiles: {
          "openai:o": { type: "oauth", provider: "openai", access: "a".repeat(40), expires: NOW - HOUR },
        },
      },
      runtime: null,
    };
    const config: OpenClawConfig = { agents: { defaults: { model: "openai/gpt-unknown" } } };
    const [route] = statusFor({ config, sharedStore: expired }).auth.runtimeAuthRoutes;
    expect(route).toMatchObject({
      effective: { kind: "profiles", detail: "~/.openclaw/state/openclaw.sqlite" },
      authStatus: "indeterminate",
    });
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
