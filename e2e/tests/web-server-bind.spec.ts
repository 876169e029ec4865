import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";

/**
 * Finding 18: `next start` listened on every interface. The console's server (apps/web/server.mjs) binds to
 * 127.0.0.1 unless HOST says otherwise, so a fresh install is not reachable from the network.
 */

const here = dirname(fileURLToPath(import.meta.url));
const webDir = join(here, "..", "..", "apps", "web");
const serverEnv = () =>
  JSON.parse(readFileSync(join(here, "..", ".server", "server-env.json"), "utf8")) as Record<string, string>;

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(3_000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

test("the web server listens on loopback only unless HOST is set", async () => {
  const external = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry?.family === "IPv4" && !entry.internal)?.address;
  test.skip(!external, "this machine has no non-loopback IPv4 address to try");
  const port = 3195;
  const env: NodeJS.ProcessEnv = { ...process.env, ...serverEnv(), NEXT_TELEMETRY_DISABLED: "1" };
  delete env.HOST;
  const server: ChildProcess = spawn(process.execPath, [join(webDir, "server.mjs"), "--port", String(port)], {
    cwd: webDir,
    env,
  });
  try {
    let output = "";
    server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => output, { timeout: 30_000 }).toContain("listening on http://127.0.0.1:3195");
    expect(output).toContain("loopback only; set HOST=0.0.0.0 to expose it");
    expect(await accepts("127.0.0.1", port)).toBe(true);
    expect(await accepts(external ?? "", port)).toBe(false);
  } finally {
    server.kill("SIGTERM");
  }
});
