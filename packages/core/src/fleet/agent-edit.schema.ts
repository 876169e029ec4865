import { z } from "zod";
import { AGENT_ID_PATTERN } from "../openclaw-config/openclaw-config.schema";
import { modelRefSchema } from "./agent-model-edit.schema";

export const agentTagSchema = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,39}$/,
    "Tags use lower-case letters, digits, '.', '_' or '-' (at most 40 characters).",
  );

/** The fields of an agent a console user edits directly; the version guards against lost updates. */
export const agentEditSchema = z.object({
  name: z.string().trim().min(1, "Name is required.").max(120, "Name is at most 120 characters."),
  tags: z.array(agentTagSchema).max(20, "An agent has at most 20 tags."),
});
export type AgentEdit = z.infer<typeof agentEditSchema>;

/**
 * A new agent (facts §3.2): OpenClaw's id rule, a display name, an optional workspace folder on the host (OpenClaw
 * picks `workspace-<id>` in its state dir when empty) and an optional model of its own.
 */
export const agentCreateSchema = z.object({
  agentKey: z
    .string()
    .trim()
    .regex(
      AGENT_ID_PATTERN,
      "An agent id is 1–64 lower-case letters, digits, '_' or '-', starting with a letter, digit or '_'.",
    ),
  name: agentEditSchema.shape.name,
  workspace: z
    .string()
    .trim()
    .max(1000, "The workspace path is at most 1000 characters.")
    .refine((path) => path === "" || path.startsWith("/") || path.startsWith("~/"), {
      message: "The workspace is an absolute path (or starts with ~/), or empty for OpenClaw's default.",
    })
    .transform((path) => (path === "" ? null : path)),
  model: z.union([z.literal("").transform(() => null), modelRefSchema]),
});
export type AgentCreate = z.infer<typeof agentCreateSchema>;
