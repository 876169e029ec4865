import "server-only";
import type { LoggerInstance } from "next-auth";
import type { Logger } from "pino";
import { serverLogger } from "../logger";

/** Thrown by the jwt callback when a session no longer counts; next-auth then clears the cookie. */
export class SessionEndedError extends Error {
  override readonly name = "SessionEndedError";
}

const MAX_MESSAGE_LENGTH = 300;

/** Only an error's class and (shortened) message: next-auth's metadata can hold tokens, profiles, cookies. */
function describeError(metadata: unknown): { error?: { name: string; message: string } } {
  const error =
    metadata instanceof Error
      ? metadata
      : metadata && typeof metadata === "object" && "error" in metadata
        ? metadata.error
        : undefined;
  if (!(error instanceof Error)) return {};
  return { error: { name: error.name, message: error.message.slice(0, MAX_MESSAGE_LENGTH) } };
}

/** next-auth's log, through the server's JSON logger instead of its default multi-line console output. */
export function nextAuthLogger(logger: Logger = serverLogger()): LoggerInstance {
  return {
    error(code, metadata) {
      const described = describeError(metadata);
      if (described.error?.name === SessionEndedError.name) {
        logger.info({ event: code, reason: described.error.message }, "session ended");
        return;
      }
      logger.error({ event: code, ...described }, "next-auth error");
    },
    warn(code) {
      logger.warn({ event: code }, "next-auth warning");
    },
    debug(code) {
      logger.debug({ event: code }, "next-auth debug");
    },
  };
}
