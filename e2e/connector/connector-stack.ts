// Playwright global setup of the connector suite: one real OpenClaw Gateway (loopback-only namespace, throwaway
// state), the console (two web instances and a worker) on a fresh database, and the host's state imported into the
// demo team as gateway "real-host". Tests read the handles from `stack.json` (see stack-handle.ts); the host
// agent itself is enrolled by the first test, through the Gateways page, as an admin would.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import {
  type RealGateway,
  networkInterfacesOtherThanLoopback,
  startRealGateway,
} from "@clawfleet/openclaw-gateway/testing/real-gateway";
import pg from "pg";
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
  const { stop: _stop, ...running } = gateway;
  const gatewayId = await importHostIntoConsole(consoles, running, workDir, logDir);
  const handle: StackHandle = {
    consoles: consoles.urls,
    databaseUrl: consoles.databaseUrl,
    secretKey: consoles.env.CLAWFLEET_SECRET_KEY ?? "",
    gateway: running,
    gatewayId,
    workDir,
    logDir,
  };
  writeFileSync(STACK_FILE, JSON.stringify(handle), { mode: 0o600 });
  return async () => {
    await (consoles satisfies ConsoleStack).stop();
    await gateway.stop();
  };
}

/** The profiles the console holds for the host before the suite starts: both need a re-auth. */
export const HOST_PROFILES = { apiKey: "anthropic:fleet-key", setupToken: "anthropic:fleet-token" } as const;

/**
 * Brings the host into the console as an admin would with `clawfleet import`: the Gateway's implicit `main` agent
 * and, in the shared store, an API key and an expired setup-token that the suite re-auths. The host itself holds
 * neither yet; the re-auth pushes them there.
 */
async function importHostIntoConsole(
  consoles: ConsoleStack,
  gateway: Omit<RealGateway, "stop">,
  workDir: string,
  logDir: string,
): Promise<string> {
  const folder = join(workDir, "console-import");
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "openclaw.json"), JSON.stringify({ agents: { defaults: {} } }));
  writeFileSync(
    join(folder, "shared-auth-profiles.json"),
    JSON.stringify({
      version: 1,
      profiles: {
        [HOST_PROFILES.apiKey]: {
          type: "api_key",
          provider: "anthropic",
          key: `sk-ant-api03-CONNECTOROLD${"o".repeat(80)}`,
        },
        [HOST_PROFILES.setupToken]: {
          type: "token",
          provider: "anthropic",
          token: `sk-ant-oat01-CONNECTOROLD${"o".repeat(80)}`,
          expires: Date.now() - 3_600_000,
        },
      },
    }),
  );
  const result = spawnSync(
    process.execPath,
    [
      join(repositoryRoot, "apps", "cli", "bin", "clawfleet.mjs"),
      "import",
      "--gateway",
      "real-host",
      "--team",
      "demo-fleet",
      "--home",
      gateway.home,
      "--state-dir",
      gateway.stateDir,
      "--openclaw-version",
      gateway.version,
      folder,
    ],
    { env: consoles.env, encoding: "utf8" },
  );
  writeFileSync(join(logDir, "console-import.log"), `${result.stdout}${result.stderr}`);
  if (result.status !== 0) throw new Error(`clawfleet import failed (${result.status}): ${result.stderr}`);
  const client = new pg.Client({ connectionString: consoles.databaseUrl });
  await client.connect();
  try {
    const found = await client.query<{ id: string }>(`SELECT id FROM "Gateway" WHERE name = 'real-host'`);
    const id = found.rows[0]?.id;
    if (!id) throw new Error("the imported gateway real-host is not in the console database");
    return id;
  } finally {
    await client.end();
  }
}
