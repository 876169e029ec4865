import { z } from "zod";
import { modelParamsSchema } from "../model-params/model-params.schema";

/** A model reference as OpenClaw accepts it in config: `provider/model` or an alias such as `opus`. */
export const modelRefSchema = z
  .string()
  .trim()
  .min(1, "Choose a model.")
  .max(200, "Model references are at most 200 characters.")
  .regex(
    /^[A-Za-z0-9][\w.:@-]*(\/[\w.:@/-]+)?$/,
    "Use provider/model (e.g. anthropic/claude-opus-4-8) or an alias.",
  );

/**
 * How an agent picks its model (facts §3.2):
 * - `inherit`: no override; the gateway's `agents.defaults.model` (primary and fallbacks) applies;
 * - `strict`: its own primary and no model fallback at all (OpenClaw's string form);
 * - `fallbacks`: its own primary, then these fallbacks in order.
 */
export const agentModelChoiceSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("inherit") }),
  z.object({ mode: z.literal("strict"), primary: modelRefSchema }),
  z.object({
    mode: z.literal("fallbacks"),
    primary: modelRefSchema,
    fallbacks: z
      .array(modelRefSchema)
      .min(1, "Add at least one fallback, or choose strict primary.")
      .max(10, "At most 10 fallbacks.")
      .refine((refs) => new Set(refs).size === refs.length, "Each fallback may appear once."),
  }),
]);
export type AgentModelChoice = z.infer<typeof agentModelChoiceSchema>;

/** The `agents.entries.<id>.model` value a choice is stored as. */
export function agentModelConfigOf(
  choice: AgentModelChoice,
): string | { primary: string; fallbacks: string[] } | null {
  switch (choice.mode) {
    case "inherit":
      return null;
    case "strict":
      return choice.primary;
    case "fallbacks":
      return { primary: choice.primary, fallbacks: choice.fallbacks };
  }
}

/** The choice a stored `agents.entries.<id>.model` value stands for (an object without fallbacks is strict). */
export function agentModelChoiceOf(model: unknown): AgentModelChoice {
  if (typeof model === "string" && model.trim() !== "") return { mode: "strict", primary: model };
  if (model !== null && typeof model === "object") {
    const { primary, fallbacks } = model as { primary?: unknown; fallbacks?: unknown };
    if (typeof primary === "string") {
      const list = Array.isArray(fallbacks)
        ? fallbacks.filter((ref): ref is string => typeof ref === "string")
        : [];
      return list.length > 0 ? { mode: "fallbacks", primary, fallbacks: list } : { mode: "strict", primary };
    }
  }
  return { mode: "inherit" };
}

/**
 * One of the two agent-owned params layers (facts §3.3): `agents.entries.<id>.params` (every model) or
 * `agents.entries.<id>.models[ref].params` (one model). The edit replaces that layer's params.
 */
export const agentParamsEditSchema = z.object({
  layer: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("agent") }),
    z.object({ kind: z.literal("agent.models"), modelRef: modelRefSchema }),
  ]),
  params: modelParamsSchema,
});
export type AgentParamsEdit = z.infer<typeof agentParamsEditSchema>;
