import { OPENCLAW_DATA } from "../openclaw-data/openclaw-shipped-data";
import { normalizeModelId } from "./model-id-normalization";

/** OpenClaw's built-in model when nothing is configured (`src/agents/defaults.ts`, facts §1.2). */
export const DEFAULT_PROVIDER = OPENCLAW_DATA.defaultModel.provider;
export const DEFAULT_MODEL = OPENCLAW_DATA.defaultModel.model;
export const BUILT_IN_DEFAULT_MODEL_REF = `${DEFAULT_PROVIDER}/${DEFAULT_MODEL}`;

/** A `provider/model` reference; the model part may itself contain slashes (`openrouter/moonshotai/kimi-k2`). */
export type ModelRef = { provider: string; model: string };

/**
 * Splits `provider/model` at the first slash and canonicalises it as OpenClaw does (`parseModelRef`,
 * `src/agents/model-selection-normalize.ts`): provider lower-cased, model id through the plugins' normalisation
 * (Google preview ids, Anthropic and xAI short names, …). Null for a bare name or alias.
 */
export function parseModelRef(ref: string): ModelRef | null {
  const trimmed = ref.trim();
  const slash = trimmed.indexOf("/");
  if (slash <= 0) return null;
  const provider = trimmed.slice(0, slash).trim().toLowerCase();
  const model = trimmed.slice(slash + 1).trim();
  if (provider === "" || model === "") return null;
  return { provider, model: normalizeModelId(provider, model) };
}

export function formatModelRef(ref: ModelRef): string {
  return `${ref.provider}/${ref.model}`;
}

/** Lower-cased alias, and `provider/alias` with the provider lower-cased → canonical `provider/model`. */
export type AliasLookup = ReadonlyMap<string, string>;

/**
 * `model@profile` names an auth profile after the model (`splitTrailingAuthProfile`,
 * `src/agents/model-ref-profile.ts`); an `@YYYYMMDD` date or an `@q4_k_m`-style quantisation belongs to the id.
 */
export function stripTrailingAuthProfile(raw: string): string {
  const trimmed = raw.trim();
  let at = trimmed.indexOf("@", trimmed.lastIndexOf("/") + 1);
  if (at <= 0) return trimmed;
  if (/^\d{8}(?:@|$)/u.test(trimmed.slice(at + 1))) {
    at = trimmed.indexOf("@", at + 9);
    if (at < 0) return trimmed;
  }
  if (/^(?:i?q\d+(?:_[a-z0-9]+)*|\d+bit)(?:@|$)/iu.test(trimmed.slice(at + 1))) {
    at = trimmed.indexOf("@", at + 1);
    if (at < 0) return trimmed;
  }
  const model = trimmed.slice(0, at).trim();
  return model === "" || trimmed.slice(at + 1).trim() === "" ? trimmed : model;
}

/**
 * The canonical `provider/model` for what a user wrote (`resolveModelRefFromString`): an alias
 * (case-insensitive, also scoped as `provider/alias`) → its target; a `provider/model` → itself, canonicalised; a
 * bare model id → the default provider's model. A trailing `@profile` is ignored. Null for an empty string.
 */
export function resolveModelRef(raw: string, aliases: AliasLookup): string | null {
  const trimmed = stripTrailingAuthProfile(raw);
  if (trimmed === "") return null;
  const aliased = aliases.get(trimmed.toLowerCase());
  if (aliased !== undefined) return aliased;
  const parsed = parseModelRef(trimmed.includes("/") ? trimmed : `${DEFAULT_PROVIDER}/${trimmed}`);
  return parsed ? formatModelRef(parsed) : null;
}
