import { z } from "zod";
import { modelParamsSchema } from "../model-params/model-params.schema";
import { modelRefSchema } from "./agent-model-edit.schema";

/**
 * The gateway defaults an operator edits (facts §3.2, §3.3): `agents.defaults.model`, which every agent without
 * its own model follows (null: none configured, OpenClaw's built-in choice applies), and `agents.defaults.params`,
 * the lowest params layer of every agent.
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
});
export type GatewayDefaultsEdit = z.infer<typeof gatewayDefaultsEditSchema>;
