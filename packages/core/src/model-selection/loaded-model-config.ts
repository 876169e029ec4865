import type {
  AgentDefaults,
  ModelCatalog,
  ModelSelection,
  OpenClawConfig,
} from "../openclaw-config/openclaw-config.schema";
import { normalizeConfigModelRef } from "./model-id-normalization";

function normalizeSelection(model: ModelSelection | undefined): ModelSelection | undefined {
  if (typeof model === "string") return normalizeConfigModelRef(model);
  if (model === undefined) return model;
  return {
    ...model,
    ...(typeof model.primary === "string" ? { primary: normalizeConfigModelRef(model.primary) } : {}),
    ...(Array.isArray(model.fallbacks)
      ? { fallbacks: model.fallbacks.map((ref) => normalizeConfigModelRef(ref)) }
      : {}),
  };
}

/** Keys canonicalised; entries whose keys meet are merged, the later one's fields (and params) winning. */
function normalizeModelMap(models: ModelCatalog): ModelCatalog {
  const next: ModelCatalog = {};
  for (const [key, entry] of Object.entries(models)) {
    const ref = normalizeConfigModelRef(key);
    const existing = next[ref];
    next[ref] =
      existing === undefined
        ? entry
        : {
            ...existing,
            ...entry,
            ...(existing.params || entry.params ? { params: { ...existing.params, ...entry.params } } : {}),
          };
  }
  return next;
}

/**
 * `agents.defaults` as OpenClaw holds it after loading the file (`normalizeProviderConfigForConfigDefaults` and
 * `normalizeAgentModelMapForConfig`, `src/config/defaults.ts` and `src/config/model-input.ts`): the primary,
 * the fallbacks and the `models` keys rewritten by {@link normalizeConfigModelRef}.
 */
export function loadedAgentDefaults(config: OpenClawConfig): AgentDefaults | undefined {
  const defaults = config.agents?.defaults;
  if (defaults === undefined) return undefined;
  return {
    ...defaults,
    ...(defaults.model === undefined ? {} : { model: normalizeSelection(defaults.model) }),
    ...(defaults.models === undefined ? {} : { models: normalizeModelMap(defaults.models) }),
  };
}
