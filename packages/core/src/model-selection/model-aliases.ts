import type { ModelCatalog } from "../openclaw-config/openclaw-config.schema";
import type { AliasLookup } from "./model-ref";

/**
 * OpenClaw's built-in aliases (`DEFAULT_MODEL_ALIASES`, facts §3.4) whose targets the facts pin down.
 * The facts also name `gpt-mini`, `gpt-nano`, `gemini`, `gemini-flash` and `gemini-flash-lite` without
 * their targets, so those are not applied here.
 */
export const BUILT_IN_MODEL_ALIASES: Readonly<Record<string, string>> = {
  "anthropic/claude-opus-5": "opus",
  "anthropic/claude-sonnet-5": "sonnet",
  "openai/gpt-5.4": "gpt",
};

export type AliasIndex = {
  /** Alias → `provider/model`, in models-map order (the `aliases` object of `models status`). */
  byAlias: Record<string, string>;
  /** The same, keyed by lower-cased alias, for resolution. */
  lookup: AliasLookup;
};

/**
 * The alias index of a models map (facts §1.2, §3.4): configured `alias` values, plus a built-in alias
 * for an entry that has none when no other entry already uses that alias. Insertion order follows the map.
 */
export function buildAliasIndex(models: ModelCatalog): AliasIndex {
  const configured = new Set(
    Object.values(models).flatMap((entry) => (entry.alias?.trim() ? [entry.alias.trim().toLowerCase()] : [])),
  );
  const byAlias: Record<string, string> = {};
  const lookup = new Map<string, string>();
  for (const [ref, entry] of Object.entries(models)) {
    let alias = entry.alias?.trim();
    if (!alias) {
      const builtIn = BUILT_IN_MODEL_ALIASES[ref];
      if (builtIn === undefined || configured.has(builtIn) || lookup.has(builtIn)) continue;
      alias = builtIn;
    }
    if (lookup.has(alias.toLowerCase())) continue;
    byAlias[alias] = ref;
    lookup.set(alias.toLowerCase(), ref);
  }
  return { byAlias, lookup };
}
