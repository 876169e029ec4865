import { OPENCLAW_DATA } from "../openclaw-data/openclaw-shipped-data";
import type { OpenClawShippedData } from "../openclaw-data/openclaw-shipped-data.schema";
import type { ModelCatalog } from "../openclaw-config/openclaw-config.schema";
import { type AliasLookup, DEFAULT_PROVIDER, formatModelRef, parseModelRef } from "./model-ref";

function foldAlias(alias: string | undefined): string {
  return (alias ?? "").trim().toLowerCase();
}

/**
 * Config load gives OpenClaw's built-in aliases (`DEFAULT_MODEL_ALIASES`, `applyModelDefaults` in
 * `src/config/defaults.ts`) to `agents.defaults.models`: in the table's order, an entry whose key is exactly the
 * alias's target and that has no `alias` key gets it, unless another entry already uses that alias.
 */
export function applyDefaultModelAliases(
  models: ModelCatalog,
  data: Pick<OpenClawShippedData, "defaultModelAliases"> = OPENCLAW_DATA,
): ModelCatalog {
  let next = models;
  for (const [alias, target] of Object.entries(data.defaultModelAliases)) {
    const entry = next[target];
    if (entry === undefined || entry.alias !== undefined) continue;
    const taken = Object.entries(next).some(
      ([ref, other]) => ref !== target && foldAlias(other.alias) === foldAlias(alias),
    );
    if (taken) continue;
    next = { ...next, [target]: { ...entry, alias } };
  }
  return next;
}

export type AliasIndex = {
  /** Alias → `provider/model` (the `aliases` object of `models status`). */
  byAlias: Record<string, string>;
  /** For resolution: lower-cased alias, and `provider/alias` scoped to the target's provider. */
  lookup: AliasLookup;
};

function isWildcardKey(key: string): boolean {
  return key.trim().split("/").at(-1)?.trim() === "*";
}

/**
 * The alias index of the models maps a status reads, in order (`buildModelAliasIndex`,
 * `src/agents/model-selection-shared.ts`): every non-wildcard entry that has an `alias` key, its key
 * canonicalised (a bare key is the default provider's). A later entry for the same model replaces an earlier
 * one, and an empty alias removes it; a later use of the same alias (case-insensitively) takes it over, in the
 * position it was first given.
 */
export function buildAliasIndex(modelMaps: readonly (ModelCatalog | undefined)[]): AliasIndex {
  const byModel = new Map<string, string | null>();
  for (const models of modelMaps) {
    for (const [key, entry] of Object.entries(models ?? {})) {
      if (isWildcardKey(key) || !Object.hasOwn(entry, "alias")) continue;
      const ref = parseModelRef(key.includes("/") ? key : `${DEFAULT_PROVIDER}/${key.trim()}`);
      if (ref === null) continue;
      const target = formatModelRef(ref);
      const alias = entry.alias?.trim() ?? "";
      byModel.delete(target);
      byModel.set(target, alias === "" ? null : alias);
    }
  }
  const byFoldedAlias = new Map<string, { alias: string; target: string }>();
  const lookup = new Map<string, string>();
  for (const [target, alias] of byModel) {
    if (alias === null) continue;
    byFoldedAlias.set(foldAlias(alias), { alias, target });
    lookup.set(foldAlias(alias), target);
    lookup.set(`${target.slice(0, target.indexOf("/"))}/${foldAlias(alias)}`, target);
  }
  const byAlias: Record<string, string> = {};
  for (const { alias, target } of byFoldedAlias.values()) byAlias[alias] = target;
  return { byAlias, lookup };
}
