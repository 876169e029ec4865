import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "@playwright/test";

export const REPOSITORY_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * `npm start` (scripts/start.mjs) as a user runs it, in its own process group, with everything it prints
 * collected; `stop` ends the whole group (start script, web server, worker, embedded Postgres).
 */
export function startNpmStart(env: NodeJS.ProcessEnv) {
  let output = "";
  const server: ChildProcess = spawn(process.execPath, [join(REPOSITORY_ROOT, "scripts", "start.mjs")], {
    cwd: REPOSITORY_ROOT,
    env,
    detached: true,
  });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return {
    output: () => output,
    /** Waits until the console says it serves, then until `line` was printed too. */
    async waitFor(line: string, timeoutMs: number) {
      await expect
        .poll(() => output, { timeout: timeoutMs, intervals: [500] })
        .toContain("Clawfleet is running at");
      await expect.poll(() => output, { timeout: 10_000 }).toContain(line);
    },
    async stop() {
      if (server.pid) process.kill(-server.pid, "SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    },
  };
}
