/**
 * What `scripts/extract-openclaw-data.mjs` reads out of one OpenClaw npm package. Every field is OpenClaw's own
 * data, keyed by lower-cased provider id where a provider is involved.
 */
export type OpenClawShippedData = {
  openclawVersion: string;
  /** The model used when nothing is configured (`src/agents/defaults.ts`). */
  defaultModel: { provider: string; model: string };
  /** Alias → `provider/model` that config load gives an unaliased models-map entry (`DEFAULT_MODEL_ALIASES`). */
  defaultModelAliases: Readonly<Record<string, string>>;
  /** Models the Anthropic plugin adds to `agents.defaults.models` under API-key auth (`config-defaults.ts`). */
  anthropicApiKeySeededModels: readonly string[];
  /**
   * The Anthropic plugin's upgrades of retired Claude model ids (`upgradeOldClaudeModelId`), tried in order on a
   * lower-cased id: the first rule with a matching clause decides, `to: null` meaning "current, keep it".
   */
  claudeModelIdUpgrades: readonly ClaudeModelIdUpgradeRule[];
  /** A provider's declared small model (`modelCatalog.providers.<p>.defaultUtilityModel`), as a bare model id. */
  utilityModels: Readonly<Record<string, string>>;
  /** The built-in model catalog: bare model ids per provider, in manifest order (`modelCatalog.providers`). */
  catalog: Readonly<Record<string, readonly string[]>>;
  /** Model-id normalisation policies of the plugin manifests (`modelIdNormalization.providers`). */
  modelIdNormalization: Readonly<Record<string, ModelIdNormalizationPolicy>>;
  /**
   * Providers a plugin can authenticate by itself (`syntheticAuthRefs`), each with its plugin's non-secret auth
   * markers (`nonSecretAuthMarkers`, e.g. a local server's placeholder key); none means the plugin's own login.
   */
  syntheticAuth: Readonly<Record<string, readonly string[]>>;
  /**
   * The OpenAI plugin's route classes (`extensions/openai/model-route-contract.ts`), bare model ids: models with
   * both a Platform (API-key) and a ChatGPT (subscription) route, and those with only one of them wherever their
   * route facts come from.
   */
  openAIModelRoutes: {
    dual: readonly string[];
    platformOnly: readonly string[];
    subscriptionOnly: readonly string[];
  };
};

export type ModelIdNormalizationPolicy = {
  /** Lower-cased model id → canonical model id. */
  aliases?: Readonly<Record<string, string>>;
  /** Prefixes removed (case-insensitively, first match only) before the alias lookup. */
  stripPrefixes?: readonly string[];
  /** Namespace put in front of a model id that has none. */
  prefixWhenBare?: string;
  prefixWhenBareAfterAliasStartsWith?: readonly { modelPrefix: string; prefix: string }[];
};

/** One `if (…) return …;` of `upgradeOldClaudeModelId`: it matches an id when any one of its clauses does. */
export type ClaudeModelIdUpgradeRule = {
  /** The current id a matching id becomes; null for an id that is current already. */
  to: string | null;
  /** Ids matched as they are. */
  exact?: readonly string[];
  /** Id prefixes matched as plain prefixes (`claude-opus-4-8` matches `claude-opus-4-8-fast`). */
  prefixes?: readonly string[];
  /** Prefixes matched alone or followed by `-`, `.`, `:` or `@` (`hasRetiredVersionPrefix`). */
  versionPrefixes?: readonly string[];
  /** Regular expressions (source text, no flags) an id is tested against. */
  patterns?: readonly string[];
  /** Ids that start with `startsWith` and contain any of `includesAny`. */
  families?: readonly { startsWith: string; includesAny: readonly string[] }[];
};
