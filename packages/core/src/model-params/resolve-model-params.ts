import type { AuthProfileType } from "../auth-profiles/auth-store.schema";
import { readAgentRoster } from "../openclaw-config/agent-roster";
import type { ModelParamsRecord, OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { parseModelRef } from "../model-selection/model-ref";
import { type CacheRetention, CACHE_RETENTION_VALUES, LEGACY_CACHE_CONTROL_TTL } from "./model-params.schema";

/** The four config layers of a model's params, weakest first (facts §3.3). */
export const PARAM_LAYERS = ["defaults", "defaults.models", "agent.models", "agent"] as const;
export type ParamLayer = (typeof PARAM_LAYERS)[number];

/** Where an effective value came from: a config layer, a provider default, or the legacy TTL setting. */
export type ParamSource = ParamLayer | "provider-default" | "legacy-cacheControlTtl";

export type EffectiveParam<T = unknown, Source extends ParamSource = ParamSource> = {
  value: T;
  source: Source;
  /** Values weaker layers set for the same key, strongest first: what the winning layer hides. */
  shadowed: { source: ParamLayer; value: unknown }[];
};

/** A merged param: its source is always one of the four config layers. */
export type LayeredParam = EffectiveParam<unknown, ParamLayer>;

/** How the model's provider is authenticated, as far as cache settings care. */
export type ModelAuthKind = "api-key" | "subscription" | "unknown";

export type ModelParamsWarning = {
  code: "subscription-ignores-cache" | "invalid-cache-retention" | "legacy-cache-control-ttl";
  message: string;
};

export type ResolvedModelParams = {
  modelRef: string;
  /** Every merged key with the layer that won. */
  params: Record<string, LayeredParam>;
  /** The retention OpenClaw applies, or null when none applies. */
  cacheRetention: EffectiveParam<CacheRetention> | null;
  /** True when subscription auth makes every cache setting ineffective for this model. */
  cacheSettingsIgnored: boolean;
  warnings: ModelParamsWarning[];
};

/** Providers that default to `short` retention with API-key auth (facts §3.3). */
const DIRECT_ANTHROPIC_PROVIDERS: ReadonlySet<string> = new Set(["anthropic", "anthropic-vertex"]);
/** Providers whose requests honour the legacy `cacheControlTtl` (Anthropic family, eligible Gemini). */
const LEGACY_TTL_PROVIDERS: ReadonlySet<string> = new Set([
  "anthropic",
  "anthropic-vertex",
  "amazon-bedrock",
  "google",
]);

/** An API key means pay-as-you-go caching; a token or OAuth sign-in is a subscription (facts §3.3, §3.4). */
export function modelAuthKindOf(
  credentialType: AuthProfileType | "env-api-key" | "env-oauth" | undefined,
): ModelAuthKind {
  if (credentialType === undefined) return "unknown";
  return credentialType === "api_key" || credentialType === "env-api-key" ? "api-key" : "subscription";
}

function layerParams(config: OpenClawConfig, agentId: string | undefined, modelRef: string) {
  const agent = agentId === undefined ? undefined : readAgentRoster(config).entries.get(agentId);
  const defaults = config.agents?.defaults;
  const layers: Record<ParamLayer, ModelParamsRecord | undefined> = {
    defaults: defaults?.params,
    "defaults.models": defaults?.models?.[modelRef]?.params,
    "agent.models": agent?.models?.[modelRef]?.params,
    agent: agent?.params,
  };
  return layers;
}

function isCacheRetention(value: unknown): value is CacheRetention {
  return CACHE_RETENTION_VALUES.some((retention) => retention === value);
}

function resolveCacheRetention(
  params: Record<string, LayeredParam>,
  provider: string,
  authKind: ModelAuthKind,
  warnings: ModelParamsWarning[],
): EffectiveParam<CacheRetention> | null {
  const explicit = params.cacheRetention;
  if (explicit !== undefined) {
    if (isCacheRetention(explicit.value)) return { ...explicit, value: explicit.value };
    warnings.push({
      code: "invalid-cache-retention",
      message: `cacheRetention ${JSON.stringify(explicit.value)} (from ${explicit.source}) is not none, short or long; OpenClaw ignores it.`,
    });
  }
  const legacy = params.cacheControlTtl;
  const mapped = typeof legacy?.value === "string" ? LEGACY_CACHE_CONTROL_TTL[legacy.value] : undefined;
  if (legacy !== undefined && mapped !== undefined && LEGACY_TTL_PROVIDERS.has(provider)) {
    warnings.push({
      code: "legacy-cache-control-ttl",
      message: `cacheControlTtl "${String(legacy.value)}" (from ${legacy.source}) is legacy; set cacheRetention: "${mapped}" instead.`,
    });
    return {
      value: mapped,
      source: "legacy-cacheControlTtl",
      shadowed: [{ source: legacy.source, value: legacy.value }],
    };
  }
  if (DIRECT_ANTHROPIC_PROVIDERS.has(provider) && authKind !== "subscription") {
    return { value: "short", source: "provider-default", shadowed: [] };
  }
  return null;
}

/**
 * A model's effective params for one agent (facts §3.3). Layers merge key by key, later winning:
 * `agents.defaults.params` → `agents.defaults.models[ref].params` → `agents.entries.<id>.models[ref].params`
 * → `agents.entries.<id>.params`. `cacheRetention` is `none | short | long` (other values ignored); without
 * it, legacy `cacheControlTtl` maps `5m` → short and `1h` → long; without either, direct Anthropic with
 * API-key auth defaults to `short`. Subscription auth (token or OAuth) ignores cache settings, which is
 * reported so the UI can say so.
 */
export function resolveModelParams(input: {
  config: OpenClawConfig;
  /** The agent whose overrides apply; none for the gateway defaults. */
  agentId?: string;
  /** Canonical `provider/model`. */
  modelRef: string;
  authKind: ModelAuthKind;
}): ResolvedModelParams {
  const layers = layerParams(input.config, input.agentId, input.modelRef);
  const params: Record<string, LayeredParam> = {};
  for (const layer of PARAM_LAYERS) {
    for (const [key, value] of Object.entries(layers[layer] ?? {})) {
      const weaker = params[key];
      params[key] = {
        value,
        source: layer,
        shadowed: weaker ? [{ source: weaker.source, value: weaker.value }, ...weaker.shadowed] : [],
      };
    }
  }
  const provider = parseModelRef(input.modelRef)?.provider ?? "";
  const warnings: ModelParamsWarning[] = [];
  const cacheRetention = resolveCacheRetention(params, provider, input.authKind, warnings);
  const cacheSettingsIgnored = input.authKind === "subscription" && LEGACY_TTL_PROVIDERS.has(provider);
  if (cacheSettingsIgnored && (params.cacheRetention !== undefined || params.cacheControlTtl !== undefined)) {
    warnings.unshift({
      code: "subscription-ignores-cache",
      message:
        "This model is reached with subscription auth (setup-token or OAuth), which ignores cache settings: cacheRetention has no effect.",
    });
  }
  return { modelRef: input.modelRef, params, cacheRetention, cacheSettingsIgnored, warnings };
}
