import type { EnvValues } from "../auth-profiles/profile-eligibility";
import type { ModelCatalog, OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { OPENCLAW_DATA } from "../openclaw-data/openclaw-shipped-data";
import { upgradeRetiredClaudeModelId } from "./claude-model-id-upgrades";
import { stripTrailingAuthProfile } from "./model-ref";

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

/** A model ref as the Anthropic plugin reads it (`parseAnthropicModelRef`): a bare id is Anthropic's. */
type AnthropicPluginRef = { provider: string; model: string; explicitProvider: boolean };

const BEDROCK_PROVIDER_SPELLINGS: ReadonlySet<string> = new Set(["bedrock", "aws-bedrock"]);

function parseAnthropicPluginRef(raw: string): AnthropicPluginRef | null {
  const trimmed = raw.trim();
  if (trimmed === "") return null;
  const slash = trimmed.indexOf("/");
  if (slash <= 0) return { provider: "anthropic", model: trimmed, explicitProvider: false };
  const provider = trimmed.slice(0, slash).trim().toLowerCase();
  const model = trimmed.slice(slash + 1).trim();
  if (provider === "" || model === "") return null;
  return {
    provider: BEDROCK_PROVIDER_SPELLINGS.has(provider) ? "amazon-bedrock" : provider,
    model,
    explicitProvider: true,
  };
}

/** `isAnthropicCacheRetentionTarget`: Anthropic models, and Anthropic's Claude models on Amazon Bedrock. */
function isCacheRetentionTarget(ref: AnthropicPluginRef | null): boolean {
  if (ref === null) return false;
  return (
    ref.provider === "anthropic" ||
    (ref.provider === "amazon-bedrock" && ref.model.toLowerCase().includes("anthropic.claude"))
  );
}

/**
 * `canonicalizeKnownClaudeCliModelId`: a retired Claude id upgraded, a `claude-…` id kept, a short name through
 * Anthropic's alias table (`opus` → `claude-opus-5`); null for anything else. A trailing `@profile` is kept.
 */
function canonicalClaudeId(modelId: string): string | null {
  const model = stripTrailingAuthProfile(modelId);
  const profile = model === modelId.trim() ? "" : modelId.trim().slice(model.length);
  const id = model.toLowerCase();
  if (id === "") return null;
  const canonical =
    upgradeRetiredClaudeModelId(id, OPENCLAW_DATA.claudeModelIdUpgrades) ??
    (id.startsWith("claude-") ? model : OPENCLAW_DATA.modelIdNormalization.anthropic?.aliases?.[id]);
  return canonical === undefined ? null : `${canonical}${profile}`;
}

/**
 * The primary as the Anthropic plugin sees it (`resolveKnownAnthropicModelRef`): written as is, not through
 * config aliases; an Anthropic or Claude CLI model, or a bare Claude name, becomes the current Anthropic model
 * (`anthropic/claude-opus-4-5` → `anthropic/claude-opus-5`, `opus` → `anthropic/claude-opus-5`). Any other bare
 * name stays bare, which the plugin then reads as Anthropic's (lab capture gen-1-046: `gpt-mini` adds
 * `anthropic/gpt-mini`).
 */
function knownAnthropicPrimary(raw: string): string {
  const parsed = parseAnthropicPluginRef(raw);
  if (parsed === null || (parsed.provider !== "anthropic" && parsed.provider !== "claude-cli")) return raw;
  const canonical = canonicalClaudeId(parsed.model);
  if (!parsed.explicitProvider && canonical === null) return raw;
  return canonical !== null || parsed.provider === "claude-cli"
    ? `anthropic/${canonical ?? parsed.model}`
    : raw;
}

function hasStringCacheRetention(params: Record<string, unknown> | undefined): boolean {
  return typeof params?.cacheRetention === "string";
}

/**
 * `agents.defaults.models` as OpenClaw holds it in memory after the Anthropic plugin's load-time defaults
 * (`applyAnthropicConfigDefaults`, facts §3.4), which is why `allowed` and `aliases` can list models nobody
 * wrote, and a bare primary can resolve to Anthropic. Applied only when `agents.defaults` exists and only in
 * `api_key` mode: Anthropic entries without a string `params.cacheRetention` get `"short"`; the primary (as
 * {@link knownAnthropicPrimary} reads it), when Anthropic's, is added with it; then, when any Anthropic entry
 * exists, `anthropic/claude-sonnet-5` and `anthropic/claude-sonnet-4-6` are added with it when missing.
 */
export function applyAnthropicModelDefaults(config: OpenClawConfig, mode: AnthropicAuthMode): ModelCatalog {
  const defaults = config.agents?.defaults;
  const configured = defaults?.models ?? {};
  if (!defaults || mode !== "api_key") return configured;
  const models: ModelCatalog = {};
  for (const [ref, entry] of Object.entries(configured)) {
    models[ref] =
      isCacheRetentionTarget(parseAnthropicPluginRef(ref)) && !hasStringCacheRetention(entry.params)
        ? { ...entry, params: { ...entry.params, cacheRetention: "short" } }
        : entry;
  }
  const rawPrimary = (typeof defaults.model === "string" ? defaults.model : defaults.model?.primary)?.trim();
  const primary = rawPrimary ? parseAnthropicPluginRef(knownAnthropicPrimary(rawPrimary)) : null;
  if (primary !== null && isCacheRetentionTarget(primary)) {
    const key = `${primary.provider}/${primary.model}`;
    const entry = models[key] ?? {};
    if (!hasStringCacheRetention(entry.params)) {
      models[key] = { ...entry, params: { ...entry.params, cacheRetention: "short" } };
    }
  }
  if (Object.keys(models).some((ref) => isCacheRetentionTarget(parseAnthropicPluginRef(ref)))) {
    for (const ref of ANTHROPIC_API_KEY_SEEDED_MODELS) {
      models[ref] ??= { params: { cacheRetention: "short" } };
    }
  }
  return models;
}
