// Playwright global setup of the connector suite: one real OpenClaw Gateway (loopback-only namespace, throwaway
// state), the console (two web instances and a worker) on a fresh database, and the host's state imported into the
// demo team as gateway "real-host". Tests read the handles from `stack.json` (see stack-handle.ts); the host
// agent itself is enrolled by the first test, through the Gateways page, as an admin would.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import {
  networkInterfacesOtherThanLoopback,
  startRealGateway,
} from "@clawfleet/openclaw-gateway/testing/real-gateway";
import { type ConsoleStack, repositoryRoot, startConsoleStack } from "./console-processes";
import { STACK_FILE, type StackHandle } from "./stack-handle";

const CONSOLE_PORTS: [number, number] = [
  Number(process.env.CLAWFLEET_CONNECTOR_PORT ?? 3301),
  Number(process.env.CLAWFLEET_CONNECTOR_PORT ?? 3301) + 1,
];

export default async function connectorStack(): Promise<() => Promise<void>> {
  const outside = networkInterfacesOtherThanLoopback();
  if (outside.length > 0)
    throw new Error(
      `the connector suite runs only in a loopback-only network namespace (found ${outside.join(", ")}); run it with npm run test:gateway`,
    );
  const workDir = mkdtempSync(join(os.tmpdir(), "clawfleet-connector-"));
  const logDir = join(repositoryRoot, "e2e", "test-results", "connector-logs");
  mkdirSync(logDir, { recursive: true });

  const startedAt = Date.now();
  const [gateway, consoles] = await Promise.all([
    startRealGateway(),
    startConsoleStack({ ports: CONSOLE_PORTS, logDir }),
  ]);
  console.log(`connector stack up after ${Date.now() - startedAt} ms (OpenClaw ${gateway.version})`);
  const handle: StackHandle = {
    consoles: consoles.urls,
    databaseUrl: consoles.databaseUrl,
    secretKey: consoles.env.CLAWFLEET_SECRET_KEY ?? "",
    gateway: { url: gateway.url, token: gateway.token, version: gateway.version },
    workDir,
    logDir,
  };
  writeFileSync(STACK_FILE, JSON.stringify(handle), { mode: 0o600 });
  return async () => {
    await (consoles satisfies ConsoleStack).stop();
    await gateway.stop();
  };
}
