import type { AgentEntry, ModelCatalog, ModelParamsRecord } from "../openclaw-config/openclaw-config.schema";
import { type ModelRef, parseModelRef } from "./model-ref";

/** OpenClaw's embedded runtime, and the harness OpenAI models default to. */
export const OPENCLAW_RUNTIME = "openclaw";
export const CODEX_RUNTIME = "codex";
const AUTO_RUNTIME = "auto";

/** The config an agent's model runtime is read from: the loaded `agents.defaults` and the inspected agent. */
export type AgentRuntimeScope = {
  defaultModels: ModelCatalog | undefined;
  defaultParams: ModelParamsRecord | undefined;
  agent: AgentEntry | undefined;
};

/**
 * A configured runtime id in OpenClaw's vocabulary (`normalizeOptionalAgentRuntimeId`,
 * `src/agents/agent-runtime-id.ts`): lower-cased, `pi` is the embedded `openclaw` runtime and
 * `codex-app-server` the Codex harness; blank is no policy.
 */
export function normalizeAgentRuntimeId(raw: string | undefined): string | undefined {
  const value = raw?.trim().toLowerCase();
  if (!value) return undefined;
  if (value === "pi") return OPENCLAW_RUNTIME;
  if (value === "codex-app-server") return CODEX_RUNTIME;
  return value;
}

type EntryMatch = "exact" | "provider-wildcard" | "none";

/** How a `models` key names a model (`modelEntryMatchKind`): the bare id, `provider/id`, or `provider/*`. */
function entryMatchKind(key: string, ref: ModelRef): EntryMatch {
  const entryId = key.trim();
  if (entryId === ref.model) return "exact";
  const slash = entryId.indexOf("/");
  if (slash <= 0) return "none";
  if (entryId.slice(0, slash).trim().toLowerCase() !== ref.provider) return "none";
  const modelId = entryId.slice(slash + 1).trim();
  if (modelId === "*") return "provider-wildcard";
  return modelId === ref.model || parseModelRef(entryId)?.model === ref.model ? "exact" : "none";
}

/** The first matching entry with a runtime, one keyed `provider/…` before a bare id (`resolvePolicyMatch`). */
function policyIn(models: ModelCatalog | undefined, ref: ModelRef, kind: EntryMatch): string | undefined {
  const matches = Object.entries(models ?? {}).filter(
    ([key, entry]) => entry.agentRuntime?.id?.trim() && entryMatchKind(key, ref) === kind,
  );
  const [, entry] = matches.find(([key]) => key.includes("/")) ?? matches[0] ?? [];
  return entry?.agentRuntime?.id;
}

/**
 * The runtime a `models` entry configures for a model (`resolveModelRuntimePolicy`,
 * `src/agents/model-runtime-policy.ts`): an exact entry of the agent's map, then of the defaults' map, then a
 * `provider/*` entry of either, in that order.
 */
function configuredRuntimeOf(scope: AgentRuntimeScope, ref: ModelRef): string | undefined {
  return (
    policyIn(scope.agent?.models, ref, "exact") ??
    policyIn(scope.defaultModels, ref, "exact") ??
    policyIn(scope.agent?.models, ref, "provider-wildcard") ??
    policyIn(scope.defaultModels, ref, "provider-wildcard")
  );
}

// why: OpenClaw matches these after collapsing spaces, dashes and underscores (`normalizeThinkLevel`)…
const COLLAPSED_THINKING_WORDS = new Set(["adaptive", "auto", "max", "ultra", "xhigh", "extrahigh"]);
// …and these as written (trimmed, lower-cased).
const THINKING_WORDS = new Set([
  "off",
  "none",
  "on",
  "enable",
  "enabled",
  "min",
  "minimal",
  "low",
  "thinkhard",
  "think-hard",
  "think_hard",
  "mid",
  "med",
  "medium",
  "thinkharder",
  "think-harder",
  "harder",
  "high",
  "ultrathink",
  "thinkhardest",
  "highest",
  "think",
]);
const FAST_MODE_WORDS = new Set([
  "off",
  "false",
  "no",
  "0",
  "disable",
  "disabled",
  "normal",
  "on",
  "true",
  "yes",
  "1",
  "enable",
  "enabled",
  "fast",
  "auto",
  "automatic",
]);
const FAST_MODE_CUTOFF_KEYS = new Set([
  "fastAutoOnSeconds",
  "fastSeconds",
  "fast_auto_on_seconds",
  "fast_seconds",
]);

/**
 * Params OpenClaw's embedded runtime reads itself rather than sending them with a request
 * (`isAgentRuntimeModelParam`, `src/agents/model-extra-params.ts`): a thinking level, a fast-mode switch, and
 * the fast-mode cutoffs in whole seconds.
 */
function isRuntimeModelParam(key: string, value: unknown): boolean {
  if (key === "thinking") {
    if (value === false || value === "disabled" || value === "none") return true;
    if (typeof value !== "string") return false;
    const word = value.trim().toLowerCase();
    return THINKING_WORDS.has(word) || COLLAPSED_THINKING_WORDS.has(word.replace(/[\s_-]+/gu, ""));
  }
  if (key === "fastMode" || key === "fast_mode") {
    return (
      typeof value === "boolean" ||
      (typeof value === "string" && FAST_MODE_WORDS.has(value.trim().toLowerCase()))
    );
  }
  return FAST_MODE_CUTOFF_KEYS.has(key) && typeof value === "number" && Number.isInteger(value) && value > 0;
}

/**
 * Whether OpenClaw's embedded runtime would send params the config authors with this model's requests
 * (`hasAuthoredProviderRequestParams`): any `params` of the defaults or of the agent, or a model entry's
 * params (defaults' or agent's, under the exact `provider/model` key) holding more than runtime params.
 */
export function hasAuthoredRequestParams(scope: AgentRuntimeScope, ref: ModelRef): boolean {
  const hasAny = (params: ModelParamsRecord | undefined) => Object.keys(params ?? {}).length > 0;
  if (hasAny(scope.defaultParams) || hasAny(scope.agent?.params)) return true;
  const key = `${ref.provider}/${ref.model}`;
  return [scope.defaultModels?.[key]?.params, scope.agent?.models?.[key]?.params].some((params) =>
    Object.entries(params ?? {}).some(([name, value]) => !isRuntimeModelParam(name, value)),
  );
}

/**
 * The runtime a primary or fallback model runs on (`resolveAgentHarnessPolicy`, `src/agents/harness/policy.ts`):
 * the configured one unless it is `auto`/`default`; else OpenAI's implicit runtime
 * (`resolveOpenAIImplicitAgentRuntime`), the Codex harness unless authored request params must reach the API,
 * which only the embedded runtime sends (OpenAI plugin's `codexCanReproduceRoute`); else the embedded runtime.
 */
export function agentRuntimeOf(scope: AgentRuntimeScope, ref: ModelRef): string {
  const configured = normalizeAgentRuntimeId(configuredRuntimeOf(scope, ref));
  if (configured !== undefined && configured !== AUTO_RUNTIME && configured !== "default") return configured;
  if (ref.provider !== "openai") return OPENCLAW_RUNTIME;
  return hasAuthoredRequestParams(scope, ref) ? OPENCLAW_RUNTIME : CODEX_RUNTIME;
}
