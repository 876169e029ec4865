import type { EnvValues } from "../auth-profiles/profile-eligibility";
import { readAgentRoster } from "../openclaw-config/agent-roster";
import type { AgentEntry, ModelCatalog, OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import {
  type AnthropicAuthMode,
  applyAnthropicModelDefaults,
  detectAnthropicAuthMode,
} from "./anthropic-plugin-defaults";
import { type AliasIndex, buildAliasIndex } from "./model-aliases";
import { BUILT_IN_DEFAULT_MODEL_REF, parseModelRef, resolveModelRef } from "./model-ref";

export type ModelConfigSource = "agent" | "defaults";

/** `utilityModel` of `models status` (facts §1.2). */
export type UtilityModelSelection = {
  ref: string | null;
  source: "config" | "disabled" | "provider-default" | "none";
};

/** Each provider's declared small model, used as the utility model when none is configured (§1.2). */
export const PROVIDER_UTILITY_MODELS: Readonly<Record<string, string>> = {
  anthropic: "anthropic/claude-haiku-4-5",
  openai: "openai/gpt-5.6-luna",
};

/** The model fields of `models status` for one agent (facts §1.2), in the CLI's key order. */
export type ModelSelectionReport = {
  defaultModel: string;
  resolvedDefault: string;
  fallbacks: string[];
  imageModel: string | null;
  imageFallbacks: string[];
  utilityModel: UtilityModelSelection;
  /** Present only when an agent was asked for explicitly (`--agent`). */
  modelConfig?: { defaultSource: ModelConfigSource; fallbacksSource: ModelConfigSource };
  aliases: Record<string, string>;
  allowed: string[];
};

/** The report plus what later rules need: the detected Anthropic mode and the effective models map. */
export type ModelSelectionSummary = ModelSelectionReport & {
  anthropicAuthMode: AnthropicAuthMode;
  /** `agents.defaults.models` after the Anthropic plugin's defaults. */
  effectiveModels: ModelCatalog;
  aliasIndex: AliasIndex;
};

type AgentModelOverride = {
  primary: string | null;
  /** null when the agent leaves fallbacks to the defaults. */
  fallbacks: string[] | null;
};

/**
 * An agent's own model setting (facts §1.2 `fallbacks`, §3.2): a non-empty string, or an object with a
 * `primary` but no `fallbacks`, is a strict primary (no fallbacks); a `fallbacks` key always wins; no model
 * leaves both to the defaults.
 */
export function readAgentModelOverride(entry: AgentEntry | undefined): AgentModelOverride {
  const model = entry?.model;
  if (typeof model === "string")
    return model.trim() ? { primary: model, fallbacks: [] } : { primary: null, fallbacks: null };
  if (!model) return { primary: null, fallbacks: null };
  const primary = model.primary?.trim() ? model.primary : null;
  if (model.fallbacks !== undefined) return { primary, fallbacks: [...model.fallbacks] };
  return { primary, fallbacks: primary === null ? null : [] };
}

/** `"provider/model"` or `{ primary, fallbacks }` → its primary (null when blank) and fallbacks. */
function readPrimaryAndFallbacks(
  selection: string | { primary?: string; fallbacks?: string[] } | undefined,
): { primary: string | null; fallbacks: string[] } {
  if (typeof selection === "string") return { primary: selection.trim() ? selection : null, fallbacks: [] };
  return {
    primary: selection?.primary?.trim() ? selection.primary : null,
    fallbacks: [...(selection?.fallbacks ?? [])],
  };
}

function resolveUtilityModel(
  configured: string | undefined,
  resolvedDefault: string,
  aliasIndex: AliasIndex,
): UtilityModelSelection {
  if (configured !== undefined) {
    if (configured.trim() === "") return { ref: null, source: "disabled" };
    return { ref: resolveModelRef(configured, aliasIndex.lookup), source: "config" };
  }
  const provider = parseModelRef(resolvedDefault)?.provider;
  const derived = provider === undefined ? undefined : PROVIDER_UTILITY_MODELS[provider];
  return derived === undefined ? { ref: null, source: "none" } : { ref: derived, source: "provider-default" };
}

/**
 * `allowed` (facts §1.2): empty means any model; otherwise the sorted keys of the effective models map
 * plus `modelPolicy.allow` (the agent's list replaces the defaults' one), aliases resolved, and a wildcard
 * kept as itself only when no catalog key matches it.
 */
function resolveAllowed(models: ModelCatalog, allow: readonly string[], aliasIndex: AliasIndex): string[] {
  const keys = Object.keys(models);
  const allowed = new Set(keys);
  for (const entry of allow) {
    if (entry.endsWith("/*")) {
      const prefix = entry.slice(0, -1);
      if (!keys.some((key) => key.startsWith(prefix))) allowed.add(entry);
      continue;
    }
    const resolved = resolveModelRef(entry, aliasIndex.lookup);
    if (resolved !== null) allowed.add(resolved);
  }
  return [...allowed].sort();
}

/**
 * Resolves the models an agent runs with, as `models status` reports them (facts §1.2, §3.2, §3.4).
 * `explicitAgentId` is the `--agent` id: only then do the agent's own model, utility model and model
 * policy apply, and `modelConfig` says where the default and fallbacks came from.
 */
export function resolveModelSelection(
  config: OpenClawConfig,
  env: EnvValues,
  explicitAgentId?: string,
): ModelSelectionSummary {
  const anthropicAuthMode = detectAnthropicAuthMode(config, env);
  const effectiveModels = applyAnthropicModelDefaults(config, anthropicAuthMode);
  const aliasIndex = buildAliasIndex(effectiveModels);
  const defaults = readPrimaryAndFallbacks(config.agents?.defaults?.model);
  const agentEntry =
    explicitAgentId === undefined ? undefined : readAgentRoster(config).entries.get(explicitAgentId);
  const override = readAgentModelOverride(agentEntry);

  const rawPrimary = override.primary ?? defaults.primary;
  const resolvedDefault =
    (rawPrimary === null ? null : resolveModelRef(rawPrimary, aliasIndex.lookup)) ??
    BUILT_IN_DEFAULT_MODEL_REF;
  const image = readPrimaryAndFallbacks(config.agents?.defaults?.imageModel);
  const utilitySetting = agentEntry?.utilityModel ?? config.agents?.defaults?.utilityModel;
  const allow = agentEntry?.modelPolicy?.allow ?? config.agents?.defaults?.modelPolicy?.allow ?? [];

  return {
    defaultModel: rawPrimary ?? resolvedDefault,
    resolvedDefault,
    fallbacks: override.fallbacks ?? defaults.fallbacks,
    imageModel: image.primary,
    imageFallbacks: image.fallbacks,
    utilityModel: resolveUtilityModel(utilitySetting, resolvedDefault, aliasIndex),
    ...(explicitAgentId === undefined
      ? {}
      : {
          modelConfig: {
            defaultSource: override.primary === null ? "defaults" : "agent",
            fallbacksSource: override.fallbacks === null ? "defaults" : "agent",
          },
        }),
    aliases: aliasIndex.byAlias,
    allowed: resolveAllowed(effectiveModels, allow, aliasIndex),
    anthropicAuthMode,
    effectiveModels,
    aliasIndex,
  };
}
