import { OPENCLAW_DATA } from "../openclaw-data/openclaw-shipped-data";
import type {
  ModelIdNormalizationPolicy,
  OpenClawShippedData,
} from "../openclaw-data/openclaw-shipped-data.schema";

/**
 * Rules OpenClaw keeps in code rather than in plugin manifests (`normalizeBuiltInProviderModelId`,
 * `packages/model-catalog-core/src/provider-model-id-normalization.ts` and `provider-model-id-normalize.ts`,
 * 2026.9.6). They run after the manifest policies; only the rules the manifests do not already express are
 * listed (the built-in Anthropic, Google, xAI, OpenRouter, NVIDIA and Hugging Face tables repeat the manifests').
 */
const GOOGLE_CODE_ALIASES: Readonly<Record<string, string>> = { "gemma-4-26b": "gemma-4-26b-a4b-it" };
const VERCEL_CODE_ALIASES: Readonly<Record<string, string>> = {
  "opus-4.6": "claude-opus-4-6",
  "sonnet-5": "claude-sonnet-5",
  sonnet: "claude-sonnet-4-6",
  "sonnet-4.6": "claude-sonnet-4-6",
};
const XAI_CODE_ALIASES: Readonly<Record<string, string>> = {
  "grok-4-fast-reasoning": "grok-4-fast",
  "grok-4-1-fast-reasoning": "grok-4-1-fast",
};

/**
 * Google's preview-id fixes as OpenClaw's code applies them (`normalizeGooglePreviewModelId`): the Google
 * manifest's alias table, matched case-sensitively, plus the code-only Gemma rule; a nested `google/` id too.
 */
function normalizeGooglePreviewModelId(
  model: string,
  data: Pick<OpenClawShippedData, "modelIdNormalization">,
): string {
  if (model.startsWith("google/")) {
    return `google/${normalizeGooglePreviewModelId(model.slice("google/".length), data)}`;
  }
  return data.modelIdNormalization.google?.aliases?.[model] ?? GOOGLE_CODE_ALIASES[model] ?? model;
}

const GOOGLE_PROVIDERS: ReadonlySet<string> = new Set(["google", "google-gemini-cli", "google-vertex"]);

function togetherCodeRule(model: string): string {
  return model === "moonshotai/Kimi-K2.5" ? "moonshotai/Kimi-K2.6" : model;
}

const CODE_RULES: Readonly<Record<string, (model: string) => string>> = {
  google: (model) => normalizeGooglePreviewModelId(model, OPENCLAW_DATA),
  "google-gemini-cli": (model) => normalizeGooglePreviewModelId(model, OPENCLAW_DATA),
  "google-vertex": (model) => normalizeGooglePreviewModelId(model, OPENCLAW_DATA),
  "vercel-ai-gateway": (model) => {
    const aliased = VERCEL_CODE_ALIASES[model.toLowerCase()] ?? model;
    return aliased.toLowerCase().startsWith("claude-") ? `anthropic/${aliased}` : aliased;
  },
  xai: (model) => XAI_CODE_ALIASES[model.toLowerCase()] ?? model,
  together: togetherCodeRule,
};

/** A manifest's `modelIdNormalization` policy for one model id (`normalizeProviderModelIdWithPolicies`). */
function applyManifestPolicy(policy: ModelIdNormalizationPolicy, model: string): string {
  let modelId = model.trim();
  if (modelId === "") return modelId;
  for (const prefix of policy.stripPrefixes ?? []) {
    const lowered = prefix.toLowerCase();
    if (lowered && modelId.toLowerCase().startsWith(lowered)) {
      modelId = modelId.slice(lowered.length);
      break;
    }
  }
  modelId = policy.aliases?.[modelId.toLowerCase()] ?? modelId;
  if (modelId.includes("/")) return modelId;
  const namespaced = policy.prefixWhenBareAfterAliasStartsWith?.find((rule) =>
    modelId.toLowerCase().startsWith(rule.modelPrefix.toLowerCase()),
  );
  const prefix = namespaced?.prefix ?? policy.prefixWhenBare;
  return prefix === undefined ? modelId : `${prefix.replace(/\/+$/u, "")}/${modelId.replace(/^\/+/u, "")}`;
}

/** `anthropic/claude-x` written under provider `anthropic` is `claude-x` (`stripSelfProviderModelPrefix`). */
function stripOwnProviderPrefix(provider: string, model: string): string {
  const trimmed = model.trim();
  return trimmed.toLowerCase().startsWith(`${provider}/`) ? trimmed.slice(provider.length + 1) : model;
}

/**
 * The canonical model id OpenClaw uses for `model` under `provider` (provider already lower-cased): its own
 * provider prefix dropped, then the plugin manifest's policy (aliases such as Google's `gemini-3-pro` →
 * `gemini-3.1-pro-preview` or Anthropic's `opus-4.8` → `claude-opus-4-8`, stripped or added namespaces), then
 * OpenClaw's code rules (`normalizeProviderModelId`, `src/agents/model-ref-shared.ts`, with plugin runtime
 * hooks off, as `models status` parses them).
 */
export function normalizeModelId(
  provider: string,
  model: string,
  data: Pick<OpenClawShippedData, "modelIdNormalization"> = OPENCLAW_DATA,
): string {
  const own = stripOwnProviderPrefix(provider, model).trim();
  const policy = data.modelIdNormalization[provider];
  const fromManifest = policy === undefined ? own : applyManifestPolicy(policy, own);
  return CODE_RULES[provider]?.(fromManifest) ?? fromManifest;
}

/**
 * How config load rewrites a `provider/model` written in `agents.*.model` and as a `models` map key
 * (`normalizeAgentModelRefForConfig`, `src/config/model-input.ts`): trimmed, provider lower-cased, and only the
 * Google preview-id and Together fixes applied; anything without a provider stays as written (trimmed). This is
 * why `defaultModel` and `fallbacks` can differ from the file.
 */
export function normalizeConfigModelRef(
  raw: string,
  data: Pick<OpenClawShippedData, "modelIdNormalization"> = OPENCLAW_DATA,
): string {
  const trimmed = raw.trim();
  const slash = trimmed.indexOf("/");
  const provider = slash > 0 ? trimmed.slice(0, slash).trim().toLowerCase() : "";
  const model = slash > 0 ? trimmed.slice(slash + 1).trim() : "";
  if (provider === "" || model === "") return trimmed;
  if (GOOGLE_PROVIDERS.has(provider) || model.startsWith("google/")) {
    return `${provider}/${normalizeGooglePreviewModelId(model, data)}`;
  }
  return `${provider}/${provider === "together" ? togetherCodeRule(model) : model}`;
}
