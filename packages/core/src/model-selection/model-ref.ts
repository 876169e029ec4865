/** OpenClaw's built-in model when nothing is configured (`src/agents/defaults.ts`, facts §1.2). */
export const DEFAULT_PROVIDER = "openai";
export const DEFAULT_MODEL = "gpt-6-astra";
export const BUILT_IN_DEFAULT_MODEL_REF = `${DEFAULT_PROVIDER}/${DEFAULT_MODEL}`;

/** A `provider/model` reference; the model part may itself contain slashes (`openrouter/moonshotai/kimi-k2`). */
export type ModelRef = { provider: string; model: string };

/** Splits `provider/model` at the first slash (provider lower-cased); null for a bare name or alias. */
export function parseModelRef(ref: string): ModelRef | null {
  const trimmed = ref.trim();
  const slash = trimmed.indexOf("/");
  if (slash <= 0 || slash === trimmed.length - 1) return null;
  return { provider: trimmed.slice(0, slash).toLowerCase(), model: trimmed.slice(slash + 1) };
}

export function formatModelRef(ref: ModelRef): string {
  return `${ref.provider}/${ref.model}`;
}

/** Alias (lower-cased) → canonical `provider/model`. */
export type AliasLookup = ReadonlyMap<string, string>;

/**
 * The canonical `provider/model` for what a user wrote: an alias (case-insensitive) → its target; a
 * `provider/model` → itself with the provider lower-cased; a bare model id → the default provider's model.
 * Null for an empty string.
 */
export function resolveModelRef(raw: string, aliases: AliasLookup): string | null {
  const trimmed = raw.trim();
  if (trimmed === "") return null;
  const aliased = aliases.get(trimmed.toLowerCase());
  if (aliased !== undefined) return aliased;
  const parsed = parseModelRef(trimmed);
  return parsed ? formatModelRef(parsed) : `${DEFAULT_PROVIDER}/${trimmed}`;
}
