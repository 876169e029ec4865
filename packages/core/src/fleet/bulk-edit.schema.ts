import { z } from "zod";
import { cacheRetentionSchema, modelParamsSchema } from "../model-params/model-params.schema";
import { agentModelChoiceSchema, agentParamsEditSchema } from "./agent-model-edit.schema";

/** One bulk edit reaches at most this many agents, so a preview stays readable and an apply bounded. */
export const BULK_EDIT_MAX_AGENTS = 1000;

/** The params a bulk edit may set or remove on one layer. */
export const BULK_PARAM_KEYS = ["cacheRetention", "temperature", "maxTokens"] as const;
export type BulkParamKey = (typeof BULK_PARAM_KEYS)[number];

/**
 * A params change applied to every selected agent's chosen layer (facts §3.3): `set` overwrites those
 * keys, `clear` removes them, and every other param of the layer stays as each agent has it.
 */
export const bulkParamsChangeSchema = z
  .object({
    layer: agentParamsEditSchema.shape.layer,
    set: z.strictObject({
      cacheRetention: cacheRetentionSchema.optional(),
      temperature: modelParamsSchema.shape.temperature,
      maxTokens: modelParamsSchema.shape.maxTokens,
    }),
    clear: z.array(z.enum(BULK_PARAM_KEYS)).max(BULK_PARAM_KEYS.length).default([]),
  })
  .refine(
    (change) => Object.values(change.set).some((value) => value !== undefined) || change.clear.length > 0,
    { message: "Set or remove at least one param.", path: ["set"] },
  )
  .refine((change) => change.clear.every((key) => change.set[key] === undefined), {
    message: "A param cannot be both set and removed.",
    path: ["clear"],
  });
export type BulkParamsChange = z.infer<typeof bulkParamsChangeSchema>;

/** What a bulk edit does to each selected agent: the agent editor's model choice, or a params change. */
export const bulkEditActionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("model"), choice: agentModelChoiceSchema }),
  z.object({ kind: z.literal("params"), change: bulkParamsChangeSchema }),
]);
export type BulkEditAction = z.infer<typeof bulkEditActionSchema>;

export const bulkEditAgentIdsSchema = z
  .array(z.uuid("Agent ids are UUIDs."))
  .min(1, "Select at least one agent.")
  .max(BULK_EDIT_MAX_AGENTS, `A bulk edit takes at most ${BULK_EDIT_MAX_AGENTS.toLocaleString("en")} agents.`)
  .refine((ids) => new Set(ids).size === ids.length, "Each agent may be selected once.");

/** The agents an apply reaches, each at the version its preview showed (a change since is a conflict). */
export const bulkEditItemsSchema = z
  .array(z.object({ agentId: z.uuid("Agent ids are UUIDs."), expectedVersion: z.number().int().positive() }))
  .min(1, "Select at least one agent.")
  .max(BULK_EDIT_MAX_AGENTS, `A bulk edit takes at most ${BULK_EDIT_MAX_AGENTS.toLocaleString("en")} agents.`)
  .refine(
    (items) => new Set(items.map((item) => item.agentId)).size === items.length,
    "Each agent may appear once.",
  );
export type BulkEditItem = z.infer<typeof bulkEditItemsSchema>[number];
