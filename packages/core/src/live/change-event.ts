/**
 * The change feed's events (issue 13, live updates): what a database trigger announces when a row the live pages
 * show changes (`prisma/migrations/*_live_change_feed`), and what the browser is sent. Ids only, never a name or a
 * secret; a browser that hears one refetches the queries of that topic.
 */
import { z } from "zod";

export const LIVE_TOPICS = [
  "agents",
  "statuses",
  "reauth",
  "jobs",
  "profiles",
  "gateways",
  "members",
] as const;

export type LiveTopic = (typeof LIVE_TOPICS)[number];

const jobDoneSchema = z.object({
  kind: z.enum(["import", "bulk_edit", "host_job"]),
  id: z.string(),
  outcome: z.enum(["succeeded", "failed", "applied"]),
  /** The user who started the job (null when the worker or a host started it). */
  by: z.string().nullable(),
});

export type JobDone = z.infer<typeof jobDoneSchema>;

export const changeEventSchema = z.object({
  team: z.string(),
  topic: z.enum(LIVE_TOPICS),
  /** The rows' ids when one statement touched only a few; absent means "some". */
  ids: z.array(z.string()).nullish(),
  done: jobDoneSchema.optional(),
});

export type ChangeEvent = z.infer<typeof changeEventSchema>;

/** A notification's payload as an event, or null when it is not one (another version's shape, garbage). */
export function parseChangeEvent(payload: string): ChangeEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = changeEventSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
