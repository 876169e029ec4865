import { z } from "zod";

/** Prompt-cache retention (facts §3.3); `"standard"` is not an alias and is ignored by OpenClaw. */
export const CACHE_RETENTION_VALUES = ["none", "short", "long"] as const;
export const cacheRetentionSchema = z.enum(CACHE_RETENTION_VALUES);
export type CacheRetention = z.infer<typeof cacheRetentionSchema>;

/** Legacy `cacheControlTtl` values and the retention each maps to (facts §3.3). */
export const LEGACY_CACHE_CONTROL_TTL: Readonly<Record<string, CacheRetention>> = {
  "5m": "short",
  "1h": "long",
};

/**
 * The documented model params (facts §3.3) as an admin edits them; unknown keys pass through, since
 * OpenClaw forwards provider-specific params it does not list.
 */
export const modelParamsSchema = z.looseObject({
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().optional(),
  cacheRetention: cacheRetentionSchema.optional(),
  cacheControlTtl: z.enum(["5m", "1h"]).optional(),
  context1m: z.boolean().optional(),
  anthropicServerCompaction: z.boolean().optional(),
  anthropicCompactThreshold: z.number().positive().optional(),
  responsesServerCompaction: z.boolean().optional(),
  responsesCompactThreshold: z.number().positive().optional(),
  fastAutoOnSeconds: z.number().nonnegative().optional(),
});
export type ModelParams = z.infer<typeof modelParamsSchema>;
