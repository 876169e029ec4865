import type { EnvValues } from "../auth-profiles/profile-eligibility";
import type { ModelCatalog, OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { OPENCLAW_DATA } from "../openclaw-data/openclaw-shipped-data";
import { buildAliasIndex } from "./model-aliases";
import { parseModelRef, resolveModelRef } from "./model-ref";

/** How the Anthropic plugin thinks this install authenticates (facts §3.4). */
export type AnthropicAuthMode = "api_key" | "oauth" | "none";

/** Models the plugin adds, in this order, when it detects API-key auth (facts §3.4). */
export const ANTHROPIC_API_KEY_SEEDED_MODELS = OPENCLAW_DATA.anthropicApiKeySeededModels;

const ANTHROPIC_ORDER_PROVIDERS = ["anthropic", "claude-cli"] as const;

function modeOfConfigProfile(config: OpenClawConfig, profileId: string): AnthropicAuthMode | null {
  if (profileId.startsWith("claude-cli:") || profileId === "anthropic:claude-cli") return "oauth";
  const mode = config.auth?.profiles?.[profileId]?.mode;
  if (mode === "api_key") return "api_key";
  if (mode === "oauth" || mode === "token") return "oauth";
  return null;
}

/**
 * The plugin's auth-mode detection (`config-defaults.ts`, facts §3.4): the first decisive profile in
 * `auth.order.anthropic` (then `claude-cli`) decides (API key → `api_key`; OAuth, token or Claude CLI →
 * `oauth`). Otherwise the Anthropic `auth.profiles`: only API keys → `api_key`, only OAuth/token → `oauth`;
 * with both kinds or none, the environment decides (`ANTHROPIC_OAUTH_TOKEN` → `oauth`, `ANTHROPIC_API_KEY`
 * → `api_key`), else `none`. (Sample 07 shows an env key alone selecting `api_key`.)
 */
export function detectAnthropicAuthMode(config: OpenClawConfig, env: EnvValues): AnthropicAuthMode {
  for (const provider of ANTHROPIC_ORDER_PROVIDERS) {
    for (const profileId of config.auth?.order?.[provider] ?? []) {
      const mode = modeOfConfigProfile(config, profileId);
      if (mode !== null) return mode;
    }
  }
  const modes = new Set(
    Object.entries(config.auth?.profiles ?? {})
      .filter(([, profile]) =>
        ANTHROPIC_ORDER_PROVIDERS.some((provider) => provider === profile.provider.toLowerCase()),
      )
      .map(([profileId]) => modeOfConfigProfile(config, profileId))
      .filter((mode) => mode !== null),
  );
  if (modes.size === 1) return modes.has("api_key") ? "api_key" : "oauth";
  if (env.ANTHROPIC_OAUTH_TOKEN?.trim()) return "oauth";
  if (env.ANTHROPIC_API_KEY?.trim()) return "api_key";
  return "none";
}

function isAnthropicModel(ref: string): boolean {
  return parseModelRef(ref)?.provider === "anthropic" || ref.includes("anthropic.claude");
}

function hasStringCacheRetention(params: Record<string, unknown> | undefined): boolean {
  return typeof params?.cacheRetention === "string";
}

/**
 * `agents.defaults.models` as OpenClaw holds it in memory after the Anthropic plugin's load-time defaults
 * (facts §3.4), which is why `allowed` and `aliases` can list models nobody wrote. Applied only when
 * `agents.defaults` exists and only in `api_key` mode: Anthropic entries without a string
 * `params.cacheRetention` get `"short"`, the primary model (when Anthropic) is added with `"short"`, and then,
 * only if the map now holds an Anthropic model, `anthropic/claude-sonnet-5` and `anthropic/claude-sonnet-4-6`
 * are added with `cacheRetention: "short"` when missing.
 */
export function applyAnthropicModelDefaults(config: OpenClawConfig, mode: AnthropicAuthMode): ModelCatalog {
  const defaults = config.agents?.defaults;
  const configured = defaults?.models ?? {};
  if (!defaults || mode !== "api_key") return configured;
  const models: ModelCatalog = {};
  for (const [ref, entry] of Object.entries(configured)) {
    models[ref] =
      isAnthropicModel(ref) && !hasStringCacheRetention(entry.params)
        ? { ...entry, params: { ...entry.params, cacheRetention: "short" } }
        : entry;
  }
  const rawPrimary = typeof defaults.model === "string" ? defaults.model : defaults.model?.primary;
  const primary = rawPrimary ? resolveModelRef(rawPrimary, buildAliasIndex([configured]).lookup) : null;
  if (primary && isAnthropicModel(primary)) models[primary] ??= { params: { cacheRetention: "short" } };
  // why: the plugin adds its default allow list only beside an Anthropic entry already there; with none
  // (no Anthropic models-map key, no Anthropic primary) the map stays as written (lab gen-2-025).
  if (!Object.keys(models).some(isAnthropicModel)) return models;
  for (const ref of ANTHROPIC_API_KEY_SEEDED_MODELS) models[ref] ??= { params: { cacheRetention: "short" } };
  return models;
}
