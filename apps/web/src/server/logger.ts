import "server-only";
import { pino } from "pino";
import { serverEnv } from "./env";

/**
 * The server's structured log: one JSON object per line on stdout, so a value holding a newline (a hostile
 * `callbackUrl`, say) is escaped inside its string and cannot forge a line (issue 12, finding 13). Fields
 * that could carry a secret are censored wherever they appear.
 */
let cached: pino.Logger | undefined;

export const CENSORED_LOG_FIELDS = [
  "password",
  "token",
  "secret",
  "clientSecret",
  "client_secret",
  "access_token",
  "id_token",
  "refresh_token",
  "code",
  "cookie",
  "authorization",
] as const;

export function serverLogger(): pino.Logger {
  cached ??= pino({
    level: serverEnv().CLAWFLEET_LOG_LEVEL,
    base: { service: "clawfleet-web" },
    redact: {
      paths: CENSORED_LOG_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
      censor: "[redacted]",
    },
  });
  return cached;
}
