import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";

const here = dirname(fileURLToPath(import.meta.url));
const webDir = join(here, "..", "..", "apps", "web");

/** The running e2e server's database and key (written by start-test-server.mjs). */
function serverEnv(): Record<string, string> {
  return JSON.parse(readFileSync(join(here, "..", ".server", "server-env.json"), "utf8")) as Record<
    string,
    string
  >;
}

/** Starts the console's web server (apps/web/server.mjs) with the given key and reports how it ended (or that it kept running). */
function startServer(
  secretKey: string | undefined,
  port: number,
): Promise<{ exitCode: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...serverEnv(), NEXT_TELEMETRY_DISABLED: "1" };
  if (secretKey === undefined) delete env.CLAWFLEET_SECRET_KEY;
  else env.CLAWFLEET_SECRET_KEY = secretKey;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(webDir, "server.mjs"), "--port", String(port)], {
      cwd: webDir,
      env,
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve({ exitCode: null, output });
    }, 20_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code, output });
    });
  });
}

test.describe("the server refuses to start without the right secret key", () => {
  test("a wrong key", async () => {
    const { exitCode, output } = await startServer(randomBytes(32).toString("base64"), 3191);
    expect(exitCode).toBe(1);
    expect(output).toContain("refusing to start");
    expect(output).toContain("is not the key this database was encrypted with");
  });

  test("a missing key", async () => {
    const { exitCode, output } = await startServer(undefined, 3192);
    expect(exitCode).toBe(1);
    expect(output).toContain("CLAWFLEET_SECRET_KEY is not set");
  });

  test("a key of the wrong length", async () => {
    const { exitCode, output } = await startServer(randomBytes(16).toString("base64"), 3193);
    expect(exitCode).toBe(1);
    expect(output).toContain("must be exactly 32 bytes");
  });
});
