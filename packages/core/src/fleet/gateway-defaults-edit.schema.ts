import { z } from "zod";
import {
  type CacheRetention,
  LEGACY_CACHE_CONTROL_TTL,
  modelParamsSchema,
} from "../model-params/model-params.schema";
import { modelRefSchema } from "./agent-model-edit.schema";

/** One `agents.defaults.models[ref]` entry as an operator edits it: its alias and its params. */
export const gatewayModelEntryEditSchema = z.object({
  alias: z
    .string()
    .trim()
    .max(64, "An alias is at most 64 characters.")
    .regex(/^[A-Za-z0-9][\w.-]*$/u, "An alias is letters, digits, '.', '_' or '-'.")
    .optional(),
  params: modelParamsSchema.optional(),
});
export type GatewayModelEntryEdit = z.infer<typeof gatewayModelEntryEditSchema>;

/**
 * The gateway defaults an operator edits (facts §3.2, §3.3): `agents.defaults.model`, which every agent without
 * its own model follows (null: none configured, OpenClaw's built-in choice applies; no fallbacks is a strict
 * primary), and `agents.defaults.params`, the lowest params layer of every agent. `imageModel`, `utilityModel`
 * and the `models` map (aliases and per-model params) are replaced when present and left as they are when absent;
 * null clears a model.
 */
export const gatewayDefaultsEditSchema = z.object({
  model: z
    .object({
      primary: modelRefSchema,
      fallbacks: z
        .array(modelRefSchema)
        .max(10, "At most 10 fallbacks.")
        .refine((refs) => new Set(refs).size === refs.length, "Each fallback may appear once."),
    })
    .nullable(),
  params: modelParamsSchema,
  imageModel: modelRefSchema.nullable().optional(),
  utilityModel: modelRefSchema.nullable().optional(),
  models: z
    .record(modelRefSchema, gatewayModelEntryEditSchema)
    .refine((models) => Object.keys(models).length <= 200, "At most 200 model entries.")
    .superRefine((models, context) => {
      const seen = new Map<string, string>();
      for (const [ref, entry] of Object.entries(models)) {
        if (entry.alias === undefined) continue;
        const other = seen.get(entry.alias.toLowerCase());
        if (other !== undefined)
          context.addIssue({
            code: "custom",
            path: [ref, "alias"],
            message: `The alias ${entry.alias} is already used by ${other}.`,
          });
        seen.set(entry.alias.toLowerCase(), ref);
      }
    })
    .optional(),
});
export type GatewayDefaultsEdit = z.infer<typeof gatewayDefaultsEditSchema>;

type JsonRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is JsonRecord =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * The `models` map an edit writes: each edited entry's alias and params replaced, its other settings (runtime
 * policy, streaming…) kept from `current`; entries the edit leaves out are removed; empty params are dropped.
 */
export function gatewayModelsAfterEdit(
  current: Readonly<Record<string, unknown>>,
  edited: Readonly<Record<string, GatewayModelEntryEdit>>,
): Record<string, JsonRecord> {
  const next: Record<string, JsonRecord> = {};
  for (const [ref, entry] of Object.entries(edited)) {
    const kept: JsonRecord = isRecord(current[ref]) ? { ...current[ref] } : {};
    delete kept.alias;
    delete kept.params;
    if (entry.alias !== undefined && entry.alias !== "") kept.alias = entry.alias;
    if (entry.params !== undefined && Object.keys(entry.params).length > 0) kept.params = entry.params;
    next[ref] = kept;
  }
  return next;
}

/**
 * Params with a legacy `cacheControlTtl` replaced by the `cacheRetention` OpenClaw derives from it (facts §3.3):
 * an explicit `cacheRetention` wins and is kept; `5m` becomes `short`, `1h` becomes `long`. Params without the
 * legacy key come back unchanged.
 */
export function migrateCacheControlTtl(params: Readonly<JsonRecord>): JsonRecord {
  if (!("cacheControlTtl" in params)) return { ...params };
  const { cacheControlTtl, ...rest } = params;
  const mapped: CacheRetention | undefined =
    typeof cacheControlTtl === "string" ? LEGACY_CACHE_CONTROL_TTL[cacheControlTtl] : undefined;
  if (rest.cacheRetention === undefined && mapped !== undefined) return { ...rest, cacheRetention: mapped };
  return rest;
}

/** The defaults columns an edit writes; fields the edit leaves out are absent (kept as they are). */
export type GatewayDefaultsWrite = {
  model: { primary: string; fallbacks: string[] } | null;
  params: JsonRecord;
  imageModel?: string | null;
  utilityModel?: string | null;
  models?: Record<string, JsonRecord>;
};

/** What saving `edit` over a gateway whose `models` map is `currentModels` writes (see {@link gatewayModelsAfterEdit}). */
export function gatewayDefaultsWriteOf(
  currentModels: Readonly<Record<string, unknown>>,
  edit: GatewayDefaultsEdit,
): GatewayDefaultsWrite {
  return {
    model: edit.model,
    params: edit.params,
    ...(edit.imageModel !== undefined ? { imageModel: edit.imageModel } : {}),
    ...(edit.utilityModel !== undefined ? { utilityModel: edit.utilityModel } : {}),
    ...(edit.models !== undefined ? { models: gatewayModelsAfterEdit(currentModels, edit.models) } : {}),
  };
}
