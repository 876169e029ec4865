import { describe, expect, it } from "vitest";

import type { AuthCredentialStore } from "../auth-profiles/auth-store.schema";
import { generateOpenClawState } from "../testing/openclaw-state-generator";
import { createSeededRandom } from "../testing/seeded-random";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { buildModelsStatus, prepareModelsStatus, withEnvFromConfig } from "./build-models-status";

const HOUR = 3_600_000;
const SEEDS = Array.from({ length: 150 }, (_, index) => index + 1);

describe("prepareModelsStatus gives buildModelsStatus's answer for every agent (property)", () => {
  it.each(SEEDS)("seed %i", (seed) => {
    const generated = generateOpenClawState(seed);
    const prepared = prepareModelsStatus(generated.state, generated.host);
    const random = createSeededRandom(seed);
    // why: agents asked in a random order, at interleaved instants, and twice, so answers cached for one agent
    // or instant that leak into another show up.
    const asks = [undefined, "nosuch", ...generated.agentIds, ...generated.agentIds].flatMap((agentId) =>
      [generated.now, generated.now + 23 * HOUR].map((now) => ({ agentId, now })),
    );
    for (const { agentId, now } of random.sample(asks, asks.length)) {
      const alone = buildModelsStatus(generated.state, { ...generated.host, agentId, now });
      expect(JSON.stringify(prepared.statusOf(agentId, now))).toBe(JSON.stringify(alone));
    }
  });
});

describe("outcomes of one prepared gateway", () => {
  const generated = generateOpenClawState(3, { agentCount: 4, ownStoreShare: 0 });
  const prepared = prepareModelsStatus(generated.state, generated.host);

  it("share the parts agents on the shared store have in common, frozen so nobody edits another's", () => {
    const [first, second] = ["main", "agent-1"].map((agentId) => prepared.statusOf(agentId, generated.now));
    if (!first?.ok || !second?.ok) throw new Error("expected two statuses");
    expect(second.status.auth.oauth.profiles).toBe(first.status.auth.oauth.profiles);
    expect(Object.isFrozen(first.status.auth.oauth.profiles)).toBe(true);
    expect(() =>
      first.status.auth.unusableProfiles.push(first.status.auth.unusableProfiles[0] as never),
    ).toThrow(TypeError);
  });

  it("are computed afresh for another instant", () => {
    const [early, late] = [generated.now, generated.now + 400 * 24 * HOUR].map((now) =>
      prepared.statusOf("main", now),
    );
    if (!early?.ok || !late?.ok) throw new Error("expected statuses");
    expect(late.status.auth.oauth.profiles).not.toBe(early.status.auth.oauth.profiles);
  });
});

describe("route findings for models and providers OpenClaw cannot judge offline", () => {
  const host = { stateDir: "/h/.openclaw", home: "/h", env: {}, now: 1_800_000_000_000 };
  const openaiKey = {
    type: "api_key" as const,
    provider: "openai",
    key: "sk-proj-abcdefghijklmnopqrstuvwxyz",
  };
  const statusFor = (
    model: { primary: string; fallbacks?: string[] },
    profiles: AuthCredentialStore["profiles"],
  ) => {
    const outcome = buildModelsStatus(
      {
        config: { agents: { defaults: { model } } },
        sharedStore: { credentials: { version: 1, profiles }, runtime: null },
        agentStores: {},
      },
      host,
    );
    if (!outcome.ok) throw new Error("expected a status");
    return outcome.status.auth;
  };

  it("reports an OpenAI model missing from the catalog as indeterminate, even with a key", () => {
    const auth = statusFor(
      { primary: "openai/gpt-unknown-7", fallbacks: ["openai/gpt-5.5"] },
      { "openai:k": openaiKey },
    );
    expect(auth.modelRouteIssues).toEqual([
      {
        kind: "indeterminate",
        provider: "openai",
        model: "gpt-unknown-7",
        message: "Auth readiness could not be confirmed for openai/gpt-unknown-7.",
      },
    ]);
    expect(auth.missingProvidersInUse).toEqual([]);
    expect(auth.runtimeAuthRoutes.map((route) => [route.provider, route.authStatus])).toEqual([
      ["openai", "indeterminate"],
    ]);
  });

  it("leaves a catalog OpenAI model with a key usable", () => {
    const auth = statusFor({ primary: "openai/gpt-5.5" }, { "openai:k": openaiKey });
    expect(auth.modelRouteIssues).toEqual([]);
    expect(auth.runtimeAuthRoutes.map((route) => route.authStatus)).toEqual(["usable"]);
  });

  // why: with no profile, key or env credential, OpenClaw calls auth missing only when something declares how
  // the provider authenticates; else the host may log in some other way (lab captures gen-1-006, gen-1-007,
  // route-image-use-and-undeclared-providers).
  it("reports providers nothing declares as indeterminate, one with a stored profile as missing in use", () => {
    const undeclared = statusFor({ primary: "xai/grok-4.5-latest", fallbacks: ["mistral/large"] }, {});
    expect(
      undeclared.modelRouteIssues.map((issue) => [issue.kind, `${issue.provider}/${issue.model}`]),
    ).toEqual([
      ["indeterminate", "xai/grok-4.5"],
      ["indeterminate", "mistral/large"],
    ]);
    expect(undeclared.missingProvidersInUse).toEqual([]);

    const keyless = { type: "api_key", provider: "mistral" } as AuthCredentialStore["profiles"][string];
    const declared = statusFor({ primary: "mistral/large" }, { "mistral:k": keyless });
    expect(declared.modelRouteIssues).toEqual([]);
    expect(declared.missingProvidersInUse).toEqual(["mistral"]);
  });
});

describe("runtime auth routes of primaries and fallbacks", () => {
  const host = { stateDir: "/h/.openclaw", home: "/h", env: {}, now: 1_800_000_000_000 };
  const profiles = {
    "openai:k": { type: "api_key" as const, provider: "openai", key: "sk-proj-abcdefghijklmnopqrstuvwxyz" },
  };
  const prepare = (config: OpenClawConfig) =>
    prepareModelsStatus(
      { config, sharedStore: { credentials: { version: 1, profiles }, runtime: null }, agentStores: {} },
      host,
    );
  const authOf = (outcome: ReturnType<ReturnType<typeof prepare>["statusOf"]>) => {
    if (!outcome.ok) throw new Error("expected a status");
    return outcome.status.auth;
  };

  // Lab captures gen-1-025, gen-1-048 (agent params), runtime-pi-and-default-agent-params.
  it("follow each agent's own request params, though agents share the store", () => {
    const prepared = prepare({
      agents: {
        ownership: "explicit",
        defaults: { model: { primary: "openai/gpt-5.5" } },
        entries: { main: { name: "Main" }, work: { name: "Work", params: { temperature: 0.2 } } },
      },
    });
    const routesOf = (agentId: string) =>
      authOf(prepared.statusOf(agentId, host.now)).runtimeAuthRoutes.map((route) => route.runtime);
    expect(routesOf("main")).toEqual(["codex"]);
    expect(routesOf("work")).toEqual([]);
    expect(routesOf("main")).toEqual(["codex"]);
  });

  // Lab capture runtime-explicit-codex-over-params.
  it("refuse the Codex runtime for a provider it cannot serve, which then is not missing in use", () => {
    const auth = authOf(
      prepare({
        agents: {
          defaults: {
            model: { primary: "anthropic/claude-sonnet-5" },
            models: { "anthropic/claude-sonnet-5": { agentRuntime: { id: "codex" } } },
          },
        },
      }).statusOf(undefined, host.now),
    );
    expect(auth.runtimeAuthRoutes).toEqual([]);
    expect(auth.missingProvidersInUse).toEqual([]);
    // why: the provider's default utility model (claude-haiku-4-5) runs in OpenClaw and is judged apart.
    expect(auth.modelRouteIssues.filter((issue) => issue.model === "claude-sonnet-5")).toEqual([
      {
        kind: "incompatible",
        provider: "anthropic",
        model: "claude-sonnet-5",
        code: "unsupported-codex-runtime-provider",
        message: "The Codex runtime does not support provider anthropic.",
      },
    ]);
  });
});

describe("withEnvFromConfig (collectConfigEnvVarsByTarget)", () => {
  it("applies env.vars, never over the real environment, skipping blanks", () => {
    const config: OpenClawConfig = {
      env: {
        vars: { OPENAI_API_KEY: "from-vars", GEMINI_API_KEY: "  ", XAI_API_KEY: "vars-xai" },
        shellEnv: { enabled: true },
      },
    };
    expect(withEnvFromConfig(config, { OPENAI_API_KEY: "real" })).toEqual({
      OPENAI_API_KEY: "real",
      XAI_API_KEY: "vars-xai",
    });
  });
});
