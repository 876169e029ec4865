import { Logger, type LogLevel } from "graphile-worker";
import type { Logger as Pino } from "pino";

const PINO_LEVEL: Record<`${LogLevel}`, "error" | "warn" | "info" | "debug"> = {
  error: "error",
  warning: "warn",
  info: "info",
  debug: "debug",
};

/** graphile-worker's own messages (start, stop, job failures) as structured lines of the worker's log. */
export function jobRunnerLogger(log: Pino): Logger {
  return new Logger((scope) => {
    const scoped = log.child({ component: "graphile-worker", ...scope });
    return (level, message, meta) => scoped[PINO_LEVEL[level]](meta ?? {}, message);
  });
}
