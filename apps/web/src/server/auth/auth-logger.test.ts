/** next-auth's log goes through pino as JSON lines (issue 12, finding 13): no forged lines, no secrets. */
import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { CENSORED_LOG_FIELDS } from "../logger";
import { SessionEndedError, nextAuthLogger } from "./auth-logger";

function capturingLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const logger = pino(
    { level: "debug", redact: { paths: CENSORED_LOG_FIELDS.flatMap((field) => [field, `*.${field}`]) } },
    sink,
  );
  return { lines, logger: nextAuthLogger(logger) };
}

describe("nextAuthLogger", () => {
  it("keeps a hostile callbackUrl with %0A inside one JSON line", () => {
    const { lines, logger } = capturingLogger();
    const forged = "http://localhost:3400/\n[next-auth][error][FORGED] admin signed in\r\n";
    logger.error("SIGNIN_OAUTH_ERROR", new Error(`Invalid callbackUrl ${forged}`));
    logger.warn("DEBUG_ENABLED");
    expect(lines).toHaveLength(2);
    const entry = JSON.parse(lines[0] ?? "") as { event: string; error: { message: string } };
    expect(entry.event).toBe("SIGNIN_OAUTH_ERROR");
    expect(entry.error.message).toContain("[FORGED]");
    expect(lines.filter((line) => line.startsWith("[next-auth]"))).toEqual([]);
  });

  it("logs only an error's class and message, never the tokens or profile next-auth attaches", () => {
    const { lines, logger } = capturingLogger();
    logger.error("OAUTH_CALLBACK_ERROR", {
      error: new Error("invalid_grant"),
      providerId: "oidc",
      tokens: { access_token: "ACCESS-TOKEN-CANARY", id_token: "ID-TOKEN-CANARY" },
      profile: { email: "admin@corp.test" },
    });
    logger.debug("PROFILE_DATA", { profile: { access_token: "ANOTHER-CANARY" } });
    expect(lines.join("\n")).not.toMatch(/CANARY|admin@corp\.test/);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ error: { name: "Error", message: "invalid_grant" } });
  });

  it("records an ended session as information, not as a server error", () => {
    const { lines, logger } = capturingLogger();
    logger.error("JWT_SESSION_ERROR", new SessionEndedError("The session has ended."));
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ level: 30, msg: "session ended" });
  });
});
