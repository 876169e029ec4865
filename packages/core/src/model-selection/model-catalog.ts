import { OPENCLAW_DATA } from "../openclaw-data/openclaw-shipped-data";
import type { OpenClawShippedData } from "../openclaw-data/openclaw-shipped-data.schema";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { normalizeModelId } from "./model-id-normalization";

/** One model OpenClaw knows about: a provider and the model id under it. */
export type CatalogModel = { provider: string; id: string };

/** The trimmed, non-blank `id`s of a provider's configured `models` rows. */
export function readRowIds(rows: unknown): string[] {
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((row: unknown) => {
    const id = typeof row === "object" && row !== null ? (row as { id?: unknown }).id : undefined;
    return typeof id === "string" && id.trim() !== "" ? [id.trim()] : [];
  });
}

/**
 * The model catalog `models status` reads offline: the rows of `models.providers.<p>.models` (ids normalised as
 * `buildConfiguredModelCatalog` does) and the built-in catalog the plugin manifests ship, without duplicates.
 * Without network access OpenClaw discovers nothing more, so this is the whole catalog a `provider/*` policy
 * entry can expand to.
 */
export function offlineModelCatalog(
  config: OpenClawConfig,
  data: Pick<OpenClawShippedData, "catalog" | "modelIdNormalization"> = OPENCLAW_DATA,
): CatalogModel[] {
  const models: CatalogModel[] = [];
  const seen = new Set<string>();
  const add = (provider: string, id: string) => {
    const key = `${provider}/${id}`;
    if (seen.has(key)) return;
    seen.add(key);
    models.push({ provider, id });
  };
  for (const [provider, ids] of Object.entries(data.catalog)) {
    for (const id of ids) add(provider, id);
  }
  for (const [providerKey, providerConfig] of Object.entries(config.models?.providers ?? {})) {
    const provider = providerKey.trim().toLowerCase();
    if (provider === "") continue;
    for (const id of readRowIds((providerConfig as { models?: unknown }).models)) {
      add(provider, normalizeModelId(provider, id, data));
    }
  }
  return models;
}
