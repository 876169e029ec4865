import type { EnvValues } from "../auth-profiles/profile-eligibility";
import { readAgentRoster } from "../openclaw-config/agent-roster";
import type { AgentEntry, ModelCatalog, OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { OPENCLAW_DATA } from "../openclaw-data/openclaw-shipped-data";
import { agentRuntimeOf } from "./agent-runtime-policy";
import {
  type AnthropicAuthMode,
  applyAnthropicModelDefaults,
  detectAnthropicAuthMode,
} from "./anthropic-plugin-defaults";
import { loadedAgentDefaults } from "./loaded-model-config";
import { type AliasIndex, applyDefaultModelAliases, buildAliasIndex } from "./model-aliases";
import { type CatalogModel, offlineModelCatalog, readRowIds } from "./model-catalog";
import { normalizeModelId } from "./model-id-normalization";
import { allowedModels, modelPolicyEntries } from "./model-policy";
import {
  BUILT_IN_DEFAULT_MODEL_REF,
  type ModelRef,
  parseModelRef,
  resolveModelRef,
  stripTrailingAuthProfile,
} from "./model-ref";

export type ModelConfigSource = "agent" | "defaults";

/** `utilityModel` of `models status` (facts §1.2). */
export type UtilityModelSelection = {
  ref: string | null;
  source: "config" | "disabled" | "provider-default" | "none";
};

/** Each provider's declared small model, used as the utility model when none is configured (§1.2). */
export const PROVIDER_UTILITY_MODELS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(OPENCLAW_DATA.utilityModels).map(([provider, model]) => [provider, `${provider}/${model}`]),
);

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
  /** True when the offline catalog (shipped and configured rows) lists this model, case-insensitively. */
  isCatalogModel(ref: ModelRef): boolean;
  /** The runtime the inspected agent runs this model on as its primary or a fallback. */
  agentRuntimeOf(ref: ModelRef): string;
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

/**
 * Collects the providers that list a bare model id (`createModelProviderMatcher`): those listing it exactly,
 * else those listing it case-insensitively.
 */
function providerMatcher(model: string) {
  const folded = model.toLowerCase();
  const exact = new Set<string>();
  const caseless = new Set<string>();
  return {
    add(provider: string, ...ids: string[]) {
      if (ids.some((id) => id.trim() === model)) exact.add(provider);
      else if (ids.some((id) => id.toLowerCase() === folded)) caseless.add(provider);
    },
    get matches(): ReadonlySet<string> {
      return exact.size > 0 ? exact : caseless;
    },
  };
}

function addModelMapKeys(matcher: ReturnType<typeof providerMatcher>, models: ModelCatalog | undefined) {
  for (const key of Object.keys(models ?? {})) {
    const ref = key.trim();
    if (!ref.includes("/") || ref.endsWith("/*")) continue;
    const parsed = parseModelRef(ref);
    if (parsed) matcher.add(parsed.provider, parsed.model);
  }
}

function onlyMatch(matches: ReadonlySet<string>): string | null {
  return matches.size === 1 ? ([...matches][0] ?? null) : null;
}

/**
 * The provider of a bare primary that names no alias (`inferUniqueProviderFromConfiguredModels`): the one
 * provider whose configured models list it; an agent's own model map decides alone when it lists it at all,
 * else the (plugin-defaulted) defaults map and the `models.providers` rows together. Null when none or several
 * do, and OpenClaw falls back to its default provider (lab capture gen-1-046: `gpt-mini` is Anthropic's once
 * the Anthropic plugin added `anthropic/gpt-mini`).
 */
export function inferBareModelProvider(
  model: string,
  config: OpenClawConfig,
  effectiveModels: ModelCatalog,
  agentModels: ModelCatalog | undefined,
): string | null {
  const trimmed = model.trim();
  if (trimmed === "") return null;
  if (agentModels !== undefined) {
    const agentMatcher = providerMatcher(trimmed);
    addModelMapKeys(agentMatcher, agentModels);
    if (agentMatcher.matches.size > 0) return onlyMatch(agentMatcher.matches);
  }
  const matcher = providerMatcher(trimmed);
  addModelMapKeys(matcher, effectiveModels);
  for (const [providerKey, providerConfig] of Object.entries(config.models?.providers ?? {})) {
    const provider = providerKey.trim().toLowerCase();
    for (const id of readRowIds((providerConfig as { models?: unknown }).models)) {
      matcher.add(provider, id, normalizeModelId(provider, id));
    }
  }
  return onlyMatch(matcher.matches);
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

/** The `id` of a `models.providers.<p>.models` row, when it has a non-empty string one. */
function rowId(row: unknown): string | undefined {
  const id = typeof row === "object" && row !== null ? (row as { id?: unknown }).id : undefined;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/**
 * The primary OpenClaw falls back to when none is configured or it resolves none
 * (`resolveConfiguredProviderFallback`, `src/config/utility-model-separation-migration.ts`): unless the built-in
 * provider's own `models.providers` rows list the built-in model, the first configured provider whose first row
 * has an id, with its first row that is not `excluded` (lab capture gen-4-059: a custom `acme` provider makes
 * `acme/acme-large` the default, so OpenAI's utility model no longer applies).
 */
function configuredProviderFallback(config: OpenClawConfig, excluded: ModelRef | null): string | null {
  const providers = Object.entries(config.models?.providers ?? {});
  const builtIn = parseModelRef(BUILT_IN_DEFAULT_MODEL_REF);
  const builtInRows = providers.find(([key]) => key.trim().toLowerCase() === builtIn?.provider)?.[1] as
    { models?: unknown } | undefined;
  const builtInIds = Array.isArray(builtInRows?.models) ? (builtInRows.models as unknown[]).map(rowId) : [];
  if (builtInIds.some(Boolean) && builtInIds.includes(builtIn?.model)) return null;
  for (const [key, entry] of providers) {
    const rows = (entry as { models?: unknown }).models;
    if (!Array.isArray(rows) || rowId(rows[0]) === undefined) continue;
    const provider = key.trim().toLowerCase();
    const model = (rows as unknown[])
      .map(rowId)
      .find((id) => id !== undefined && (provider !== excluded?.provider || id !== excluded.model));
    if (model !== undefined) return `${provider}/${model}`;
  }
  return null;
}

/**
 * The utility model a config that went through OpenClaw's utility-model separation keeps apart from the
 * fallback primary (`resolveConfiguredPrimaryProviderFallback`): an explicit one, under the
 * `meta.migrations.utilityModelSeparation` marker.
 */
function separatedUtilityModel(
  config: OpenClawConfig,
  setting: string | undefined,
  aliasIndex: AliasIndex,
): ModelRef | null {
  const meta = config.meta as { migrations?: { utilityModelSeparation?: unknown } } | undefined;
  if (meta?.migrations?.utilityModelSeparation !== true || setting === undefined || setting.trim() === "")
    return null;
  const ref = resolveModelRef(setting, aliasIndex.lookup);
  return ref === null ? null : parseModelRef(ref);
}

/** {@link resolveModelSelection} for one config and environment, for any of its agents. */
export type PreparedModelSelection = {
  /**
   * `explicitAgentId` is the `--agent` id; `inspectedAgentId` the agent the status is about when none was named
   * (the configured default agent), whose model policy and utility model apply all the same.
   */
  selectionFor(explicitAgentId?: string, inspectedAgentId?: string): ModelSelectionSummary;
};

/**
 * Does the config-wide part of {@link resolveModelSelection} once (the config as OpenClaw loads it, the
 * Anthropic plugin's mode and model defaults, the built-in aliases, the alias index, the catalog) so that
 * resolving each agent of a gateway costs only its own settings. The lists and maps every agent shares are the
 * same frozen objects in every answer.
 */
export function prepareModelSelection(config: OpenClawConfig, env: EnvValues): PreparedModelSelection {
  const loadedDefaults = loadedAgentDefaults(config);
  const loaded: OpenClawConfig =
    loadedDefaults === undefined
      ? config
      : { ...config, agents: { ...config.agents, defaults: loadedDefaults } };
  const anthropicAuthMode = detectAnthropicAuthMode(loaded, env);
  const effectiveModels = applyDefaultModelAliases(applyAnthropicModelDefaults(loaded, anthropicAuthMode));
  const sharedAliasIndex = buildAliasIndex([effectiveModels]);
  Object.freeze(sharedAliasIndex.byAlias);
  const aliasIndexFor = (agentEntry: AgentEntry | undefined): AliasIndex =>
    agentEntry?.models === undefined
      ? sharedAliasIndex
      : buildAliasIndex([effectiveModels, agentEntry.models]);
  const defaults = readPrimaryAndFallbacks(loadedDefaults?.model);
  Object.freeze(defaults.fallbacks);
  const image = readPrimaryAndFallbacks(loadedDefaults?.imageModel);
  Object.freeze(image.fallbacks);
  const roster = readAgentRoster(config);
  let catalog: CatalogModel[] | null = null;
  let catalogKeys: Set<string> | null = null;
  const isCatalogModel = ({ provider, model }: ModelRef): boolean => {
    catalog ??= offlineModelCatalog(config);
    catalogKeys ??= new Set(catalog.map((entry) => `${entry.provider}/${entry.id.toLowerCase()}`));
    return catalogKeys.has(`${provider}/${model.toLowerCase()}`);
  };
  const allowedByPolicy = new Map<readonly string[], string[]>();
  const allowedFor = (agentEntry: AgentEntry | undefined): string[] => {
    const policy = modelPolicyEntries(loaded, agentEntry, effectiveModels);
    const known = allowedByPolicy.get(policy.entries);
    if (known) return known;
    catalog ??= offlineModelCatalog(config);
    // why: an agent's own aliases count for its own policy only (`resolvePolicyAliasAgentId`).
    const aliases = policy.byAgent ? aliasIndexFor(agentEntry) : sharedAliasIndex;
    const allowed = Object.freeze(allowedModels(policy.entries, catalog, aliases.lookup)) as string[];
    allowedByPolicy.set(policy.entries, allowed);
    return allowed;
  };

  // why: a bare primary that names no alias is the model of the one provider whose configured models list it
  // (`resolveConfiguredModelRef`), before OpenClaw falls back to its default provider.
  const resolvePrimary = (raw: string, agentEntry: AgentEntry | undefined, aliases: AliasIndex) => {
    const bare = stripTrailingAuthProfile(raw);
    if (bare.includes("/") || aliases.lookup.has(bare.toLowerCase()))
      return resolveModelRef(raw, aliases.lookup);
    const provider = inferBareModelProvider(bare, loaded, effectiveModels, agentEntry?.models);
    return resolveModelRef(provider === null ? raw : `${provider}/${bare}`, aliases.lookup);
  };

  return {
    selectionFor(explicitAgentId, inspectedAgentId = explicitAgentId) {
      const agentEntry = explicitAgentId === undefined ? undefined : roster.entries.get(explicitAgentId);
      const inspectedEntry =
        inspectedAgentId === undefined ? undefined : roster.entries.get(inspectedAgentId);
      const aliasIndex = aliasIndexFor(agentEntry);
      const override = readAgentModelOverride(agentEntry);
      const rawPrimary = override.primary ?? defaults.primary;
      const resolveDefaultFor = (entry: AgentEntry | undefined, raw: string | null, aliases: AliasIndex) =>
        (raw === null ? null : resolvePrimary(raw, entry, aliases)) ??
        configuredProviderFallback(
          config,
          separatedUtilityModel(config, entry?.utilityModel ?? loadedDefaults?.utilityModel, aliases),
        ) ??
        BUILT_IN_DEFAULT_MODEL_REF;
      const resolvedDefault = resolveDefaultFor(agentEntry, rawPrimary, aliasIndex);
      // why: the provider default follows the inspected agent's own primary even when no --agent was given
      // (`resolveUtilityModelRefForAgent` with the workspace agent), while the printed default does not.
      const inspectedDefault =
        inspectedEntry === agentEntry
          ? resolvedDefault
          : resolveDefaultFor(
              inspectedEntry,
              readAgentModelOverride(inspectedEntry).primary ?? defaults.primary,
              aliasIndexFor(inspectedEntry),
            );
      const utilitySetting = inspectedEntry?.utilityModel ?? loadedDefaults?.utilityModel;
      // why: OpenClaw reads the runtime policy and request params of the agent it inspects, named or default.
      const runtimeScope = {
        defaultModels: effectiveModels,
        defaultParams: loadedDefaults?.params,
        agent: inspectedEntry,
      };
      return {
        defaultModel: rawPrimary ?? resolvedDefault,
        resolvedDefault,
        fallbacks: override.fallbacks ?? defaults.fallbacks,
        imageModel: image.primary,
        imageFallbacks: image.fallbacks,
        utilityModel: resolveUtilityModel(utilitySetting, inspectedDefault, aliasIndex),
        ...(explicitAgentId === undefined
          ? {}
          : {
              modelConfig: {
                defaultSource: override.primary === null ? "defaults" : "agent",
                fallbacksSource: override.fallbacks === null ? "defaults" : "agent",
              },
            }),
        aliases: aliasIndex.byAlias,
        allowed: allowedFor(inspectedEntry),
        anthropicAuthMode,
        effectiveModels,
        aliasIndex,
        isCatalogModel,
        agentRuntimeOf: (ref) => agentRuntimeOf(runtimeScope, ref),
      };
    },
  };
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
  return prepareModelSelection(config, env).selectionFor(explicitAgentId);
}
