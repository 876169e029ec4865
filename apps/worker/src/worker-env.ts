import { z } from "zod";
import {
  WEBHOOK_ALLOWED_NETWORKS_VARIABLE,
  parseAllowedNetworks,
} from "@clawfleet/core/webhooks/webhook-destination";

/** The worker's configuration, validated once at start. This module is the worker's only reader of env. */
const workerEnvSchema = z.object({
  DATABASE_URL: z.string().url("DATABASE_URL must be a postgresql:// URL."),
  CLAWFLEET_SECRET_KEY: z.string().optional(),
  /** Jobs run at once by this process; more processes add more. */
  CLAWFLEET_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  CLAWFLEET_DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /**
   * The worker's CPU niceness (0 to 19, higher yields more). A 100,000-agent import keeps a core busy for
   * seconds; at the default the web process, usually on the same machine, is served first, so pages stay
   * responsive while jobs run.
   */
  CLAWFLEET_WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  CLAWFLEET_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Internal networks team webhooks may reach; none by default (public addresses only). */
  [WEBHOOK_ALLOWED_NETWORKS_VARIABLE]: z
    .string()
    .optional()
    .transform((text, context) => {
      const parsed = parseAllowedNetworks(text);
      if (parsed.ok) return parsed.networks;
      context.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export function parseWorkerEnv(env: Record<string, string | undefined>): WorkerEnv {
  const parsed = workerEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
      .join("; ");
    throw new Error(`Invalid worker configuration: ${problems}`);
  }
  return parsed.data;
}
