import "server-only";
import { z } from "zod";
import {
  WEBHOOK_ALLOWED_NETWORKS_VARIABLE,
  parseAllowedNetworks,
} from "@clawfleet/core/webhooks/webhook-destination";

/**
 * The server's configuration, validated once. This module is the web app's only reader of process.env.
 */
const serverEnvSchema = z.object({
  DATABASE_URL: z.string().url("DATABASE_URL must be a postgresql:// URL."),
  /** 32 bytes, base64. Validated (and proved against the database) by the secret box at start-up. */
  CLAWFLEET_SECRET_KEY: z.string().optional(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters."),
  /** Session lifetime in seconds (default 12 hours). */
  CLAWFLEET_SESSION_MAX_AGE: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 60 * 60),
  CLAWFLEET_DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** Proxies whose `X-Forwarded-For` is believed: IPs and CIDR ranges, comma-separated (checklist B8.3). */
  CLAWFLEET_TRUSTED_PROXIES: z.string().optional(),
  /** Set by `server.mjs` (never by hand): the header it overwrites with the socket's peer on every request. */
  CLAWFLEET_PEER_ADDRESS_HEADER: z.string().optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Single sign-on"),
  /** The console's public URL; links in emails start with it. */
  NEXTAUTH_URL: z.string().url("NEXTAUTH_URL must be the console's public URL.").optional(),
  /** Outgoing mail over SMTP (`smtp://user:pass@host:587`, `smtps://…`). */
  CLAWFLEET_SMTP_URL: z.string().url("CLAWFLEET_SMTP_URL must be an smtp:// or smtps:// URL.").optional(),
  CLAWFLEET_MAIL_FROM: z.string().optional(),
  /** Without SMTP: a folder where each outgoing email is written as an .eml file (demo, tests). */
  CLAWFLEET_MAIL_DIR: z.string().optional(),
  /** Log level of the server's JSON log lines. */
  CLAWFLEET_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  if (cached) return cached;
  // eslint-disable-next-line no-restricted-syntax -- the one env reader of the web app
  const parsed = serverEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
      .join("; ");
    throw new Error(`Invalid server configuration: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/** OIDC sign-in is on only when all three variables are set. */
export function oidcSettings(env: ServerEnv) {
  return env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
    ? {
        issuer: env.OIDC_ISSUER,
        clientId: env.OIDC_CLIENT_ID,
        clientSecret: env.OIDC_CLIENT_SECRET,
        name: env.OIDC_NAME,
      }
    : null;
}

/**
 * The internal networks team webhooks may reach (`CLAWFLEET_WEBHOOK_ALLOWED_NETWORKS`, IPs or CIDRs); none by
 * default, so a webhook reaches public addresses only. Read on each call, apart from `serverEnv`, so a router
 * test can set it without a whole server configuration.
 */
export function webhookAllowedNetworks(): readonly string[] {
  // eslint-disable-next-line no-restricted-syntax -- the one env reader of the web app
  const parsed = parseAllowedNetworks(process.env[WEBHOOK_ALLOWED_NETWORKS_VARIABLE]);
  if (!parsed.ok) throw new Error(`Invalid server configuration: ${parsed.message}`);
  return parsed.networks;
}

/** How the console sends mail, if at all: SMTP wins over the file outbox; links need the public URL. */
export function mailSettings(env: ServerEnv) {
  if (!env.NEXTAUTH_URL || (!env.CLAWFLEET_SMTP_URL && !env.CLAWFLEET_MAIL_DIR)) return null;
  return {
    consoleUrl: env.NEXTAUTH_URL,
    transport: {
      smtpUrl: env.CLAWFLEET_SMTP_URL,
      outboxDir: env.CLAWFLEET_SMTP_URL ? undefined : env.CLAWFLEET_MAIL_DIR,
      from: env.CLAWFLEET_MAIL_FROM,
    },
  };
}
