import { z } from "zod";

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
