import { describe, expect, it } from "vitest";

import {
  type AgentRuntimeScope,
  agentRuntimeOf,
  hasAuthoredRequestParams,
  normalizeAgentRuntimeId,
} from "./agent-runtime-policy";

const GPT = { provider: "openai", model: "gpt-5.5" };
const SONNET = { provider: "anthropic", model: "claude-sonnet-5" };

function scope(parts: Partial<AgentRuntimeScope> = {}): AgentRuntimeScope {
  return { defaultModels: undefined, defaultParams: undefined, agent: undefined, ...parts };
}

describe("agentRuntimeOf (the runtime a primary or fallback runs on)", () => {
  it("runs an OpenAI model on the Codex harness when nothing is configured, any other on OpenClaw", () => {
    expect(agentRuntimeOf(scope(), GPT)).toBe("codex");
    expect(agentRuntimeOf(scope(), { provider: "openai", model: "gpt-unknown" })).toBe("codex");
    expect(agentRuntimeOf(scope(), SONNET)).toBe("openclaw");
  });

  // Lab captures gen-1-002, gen-1-009, gen-1-014, gen-1-045 (defaults' params), gen-1-025, gen-1-048 (the
  // agent's params), gen-1-017 (the model's own params): no Codex runtime route.
  it("keeps an OpenAI model on OpenClaw when authored request params must reach the API", () => {
    expect(agentRuntimeOf(scope({ defaultParams: { cacheRetention: "long" } }), GPT)).toBe("openclaw");
    expect(agentRuntimeOf(scope({ agent: { params: { temperature: 0 } } }), GPT)).toBe("openclaw");
    const modelParams = { "openai/gpt-5.5": { params: { cacheControlTtl: "5m" } } };
    expect(agentRuntimeOf(scope({ defaultModels: modelParams }), GPT)).toBe("openclaw");
    expect(agentRuntimeOf(scope({ agent: { models: modelParams } }), GPT)).toBe("openclaw");
    // another model's params do not count
    expect(
      agentRuntimeOf(scope({ defaultModels: { "openai/gpt-5.4": { params: { temperature: 1 } } } }), GPT),
    ).toBe("codex");
  });

  it("takes a configured runtime as it is, unless it is auto or default", () => {
    const withRuntime = (id: string) =>
      scope({ defaultModels: { "openai/gpt-5.5": { agentRuntime: { id } } } });
    expect(agentRuntimeOf(withRuntime("openclaw"), GPT)).toBe("openclaw");
    expect(agentRuntimeOf(withRuntime(" PI "), GPT)).toBe("openclaw");
    expect(agentRuntimeOf(withRuntime("auto"), GPT)).toBe("codex");
    expect(agentRuntimeOf(withRuntime("default"), GPT)).toBe("codex");
    // an explicit Codex runtime ignores request params
    expect(
      agentRuntimeOf(
        scope({
          defaultParams: { temperature: 0 },
          defaultModels: { "openai/gpt-5.5": { agentRuntime: { id: "codex-app-server" } } },
        }),
        GPT,
      ),
    ).toBe("codex");
    expect(
      agentRuntimeOf(
        scope({ defaultModels: { "anthropic/claude-sonnet-5": { agentRuntime: { id: "codex" } } } }),
        SONNET,
      ),
    ).toBe("codex");
  });

  it("prefers the agent's exact entry, then the defaults' exact entry, then a provider wildcard", () => {
    const defaults = { "openai/*": { agentRuntime: { id: "openclaw" } } };
    expect(agentRuntimeOf(scope({ defaultModels: defaults }), GPT)).toBe("openclaw");
    expect(
      agentRuntimeOf(
        scope({ defaultModels: { ...defaults, "openai/gpt-5.5": { agentRuntime: { id: "codex" } } } }),
        GPT,
      ),
    ).toBe("codex");
    expect(
      agentRuntimeOf(
        scope({
          defaultModels: { "openai/gpt-5.5": { agentRuntime: { id: "codex" } } },
          agent: { models: { "gpt-5.5": { agentRuntime: { id: "claude-cli" } } } },
        }),
        GPT,
      ),
    ).toBe("claude-cli");
  });
});

describe("hasAuthoredRequestParams", () => {
  it("ignores params the embedded runtime reads itself: thinking level, fast mode, fast cutoffs", () => {
    const only = (params: Record<string, unknown>) =>
      hasAuthoredRequestParams(scope({ defaultModels: { "openai/gpt-5.5": { params } } }), GPT);
    expect(only({ thinking: "high", fastMode: true, fastAutoOnSeconds: 30 })).toBe(false);
    expect(only({ thinking: "Think-Hard", fast_mode: "auto", fast_seconds: 5 })).toBe(false);
    expect(only({ thinking: "extra_high" })).toBe(false);
    expect(only({ thinking: "disabled" })).toBe(false);
    expect(only({ thinking: "very" })).toBe(true);
    expect(only({ fastMode: "sometimes" })).toBe(true);
    expect(only({ fastAutoOnSeconds: 1.5 })).toBe(true);
    expect(only({ maxTokens: 1024 })).toBe(true);
  });

  it("counts any param of the defaults or the agent, runtime ones included", () => {
    expect(hasAuthoredRequestParams(scope({ defaultParams: { thinking: "high" } }), GPT)).toBe(true);
    expect(hasAuthoredRequestParams(scope({ defaultParams: {} }), GPT)).toBe(false);
  });
});

describe("normalizeAgentRuntimeId", () => {
  it("maps OpenClaw's aliases and treats blank as none", () => {
    expect(normalizeAgentRuntimeId("Codex-App-Server")).toBe("codex");
    expect(normalizeAgentRuntimeId("pi")).toBe("openclaw");
    expect(normalizeAgentRuntimeId("  ")).toBeUndefined();
    expect(normalizeAgentRuntimeId(undefined)).toBeUndefined();
  });
});
