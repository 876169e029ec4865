import type { AgentEntry, ModelCatalog, OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import type { CatalogModel } from "./model-catalog";
import { type AliasLookup, resolveModelRef } from "./model-ref";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasOwnAllow(policy: unknown): policy is { allow?: string[] } {
  return isRecord(policy) && Object.hasOwn(policy, "allow");
}

/**
 * The model policy entries that restrict an agent (`resolveConfiguredModelPolicyAllow`,
 * `src/agents/model-selection-shared.ts`): the agent's own `modelPolicy.allow` when it has that key, else the
 * defaults' one, else — for configs not yet migrated (no `meta.migrations.modelPolicyAllowlist` and no
 * `agents.defaults.modelPolicy` object) — the keys of `agents.defaults.models`, as before the policy existed.
 * `byAgent` says whether the list is the agent's own (its aliases then count).
 */
export function modelPolicyEntries(
  config: OpenClawConfig,
  agentEntry: AgentEntry | undefined,
  defaultsModels: ModelCatalog,
): { entries: readonly string[]; byAgent: boolean } {
  if (hasOwnAllow(agentEntry?.modelPolicy))
    return { entries: agentEntry.modelPolicy.allow ?? [], byAgent: true };
  const defaults = config.agents?.defaults;
  if (hasOwnAllow(defaults?.modelPolicy))
    return { entries: defaults.modelPolicy.allow ?? [], byAgent: false };
  const migrations = (config as { meta?: { migrations?: { modelPolicyAllowlist?: unknown } } }).meta
    ?.migrations;
  if (migrations?.modelPolicyAllowlist === true || isRecord(defaults?.modelPolicy)) {
    return { entries: [], byAgent: false };
  }
  return { entries: Object.keys(defaultsModels).filter((key) => key.trim() !== ""), byAgent: false };
}

/** `provider/*` or `provider/namespace/*` as a key (provider lower-cased), or null (`parseModelPolicyWildcardRef`). */
function wildcardKey(entry: string): string | null {
  const segments = entry
    .trim()
    .split("/")
    .map((segment) => segment.trim());
  if (segments.length < 2 || segments.at(-1) !== "*") return null;
  const namespace = segments.slice(0, -1);
  if (namespace.some((segment) => segment === "" || segment === "*")) return null;
  return [namespace[0]?.toLowerCase(), ...segments.slice(1)].join("/");
}

/** True when a wildcard key covers `key` at a segment boundary (`isModelKeyAllowedBySet`). */
function coveredByWildcard(wildcards: ReadonlySet<string>, key: string): boolean {
  for (let slash = key.indexOf("/"); slash > 0; slash = key.indexOf("/", slash + 1)) {
    if (wildcards.has(`${key.slice(0, slash + 1)}*`)) return true;
  }
  return false;
}

/**
 * The one provider whose catalog holds a bare model id (exact ids first, then case-insensitively), as
 * `inferUniqueProviderFromCatalog` picks it; undefined when none or several do (the default provider applies).
 */
function soleCatalogProvider(catalog: readonly CatalogModel[], model: string): string | undefined {
  const exact = new Set(catalog.filter((entry) => entry.id === model).map((entry) => entry.provider));
  const folded = new Set(
    catalog.filter((entry) => entry.id.toLowerCase() === model.toLowerCase()).map((entry) => entry.provider),
  );
  const matches = exact.size > 0 ? exact : folded;
  return matches.size === 1 ? [...matches][0] : undefined;
}

const modelKey = (model: CatalogModel) => `${model.provider}/${model.id}`;
const foldedKey = (model: CatalogModel) => `${model.provider}/${model.id.toLowerCase()}`;

/**
 * `allowed` of `models status` (`createModelVisibilityPolicy` and `list.status-command.ts`): empty when nothing
 * restricts the agent (any model). Otherwise the catalog models the policy admits — wildcards expand against the
 * catalog, exact entries (aliases resolved) match a catalog model case-insensitively, and an exact entry the
 * catalog lacks is listed as resolved — plus each wildcard that matched no catalog model, sorted.
 */
export function allowedModels(
  policy: readonly string[],
  catalog: readonly CatalogModel[],
  aliases: AliasLookup,
): string[] {
  if (policy.length === 0) return [];
  const wildcards = new Set<string>();
  const exact: CatalogModel[] = [];
  for (const entry of policy) {
    if (entry.trim() === "") continue;
    const wildcard = wildcardKey(entry);
    if (wildcard !== null) {
      wildcards.add(wildcard);
      continue;
    }
    const bare = !entry.includes("/") && !aliases.has(entry.trim().toLowerCase());
    const provider = bare ? soleCatalogProvider(catalog, entry.trim()) : undefined;
    const resolved = resolveModelRef(provider === undefined ? entry : `${provider}/${entry.trim()}`, aliases);
    const slash = resolved?.indexOf("/") ?? -1;
    if (resolved && slash > 0)
      exact.push({ provider: resolved.slice(0, slash), id: resolved.slice(slash + 1) });
  }
  const admitted = new Set([...exact.map(foldedKey)]);
  const allowed = new Set<string>();
  for (const model of catalog) {
    if (admitted.has(foldedKey(model)) || coveredByWildcard(wildcards, modelKey(model))) {
      allowed.add(modelKey(model));
    }
  }
  const catalogKeys = new Set(catalog.map(foldedKey));
  for (const model of exact) if (!catalogKeys.has(foldedKey(model))) allowed.add(modelKey(model));
  for (const wildcard of wildcards) {
    const prefix = wildcard.slice(0, -1);
    if (!catalog.some((model) => modelKey(model).startsWith(prefix))) allowed.add(wildcard);
  }
  return [...allowed].sort();
}
