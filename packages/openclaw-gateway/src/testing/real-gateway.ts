// Starts a real OpenClaw Gateway for tests (shared/reference/openclaw-gateway.md §2, §10): the real CLI from
// `.cache/` (installed on demand by scripts/ensure-openclaw.mjs), a throwaway HOME and state dir, loopback only,
// token auth. It refuses to start unless the process runs in a network namespace that has only `lo`, so the
// Gateway cannot reach its model catalog or any provider.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { connectGateway, GatewayConnectionError, GatewayRequestError } from "../gateway-client";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const READY_BUDGET_MS = 90_000;
const POLL_INTERVAL_MS = 250;
const STOP_GRACE_MS = 15_000;

/**
 * A running Gateway. `home` and `stateDir` are its HOME and OPENCLAW_STATE_DIR, and `node`/`openclawMjs` the CLI it
 * runs: a test that runs the real CLI against the same state (as a host agent does) uses all four.
 */
export type RealGateway = {
  url: string;
  token: string;
  version: string;
  home: string;
  stateDir: string;
  node: string;
  openclawMjs: string;
  port: number;
  /** The Gateway's process id; it leads a process group with the workers it forks. */
  pid: number;
  stop: () => Promise<void>;
};

/** Where a stopped Gateway ran, to start it again on the same state, port and token (a restart on the host). */
export type GatewayPlace = { home: string; stateDir: string; port: number; token: string };

/** The environment OpenClaw runs with here: the embedding preset (OpenClaw docs/gateway/embedding.md). */
export const OPENCLAW_EMBEDDING_ENV = {
  OPENCLAW_DISABLE_BONJOUR: "1",
  OPENCLAW_NO_RESPAWN: "1",
  OPENCLAW_SKIP_CHANNELS: "1",
  OPENCLAW_EXEC_SHELL_SNAPSHOT: "0",
} as const;

type EnsureOpenClawResult =
  | { ok: true; node: string; openclawMjs: string; version: string; installed: boolean }
  | { ok: false; reason: string };
type EnsureOpenClawModule = {
  ensureOpenClaw: (options?: { log?: (line: string) => void }) => EnsureOpenClawResult;
};

/** The interfaces this process can use; a loopback-only namespace has exactly `lo`. */
export function networkInterfacesOtherThanLoopback(): string[] {
  return Object.keys(os.networkInterfaces()).filter((name) => name !== "lo");
}

/**
 * Starts a Gateway on a fresh throwaway HOME and state dir, or, with `reuse`, again on the state a stopped one left
 * (then `stop` leaves that state in place for its owner to remove).
 */
export async function startRealGateway(options: { reuse?: GatewayPlace } = {}): Promise<RealGateway> {
  const outside = networkInterfacesOtherThanLoopback();
  if (outside.length > 0) {
    throw new Error(
      `refusing to start a real Gateway with a route out (interfaces: ${outside.join(", ")}); run the suite through ` +
        "its npm script, which enters a loopback-only network namespace (unshare -n)",
    );
  }
  // why: a path in a variable, so TypeScript leaves the plain-JS tooling script alone; the type is declared above.
  const ensureScript = join(repositoryRoot, "scripts", "ensure-openclaw.mjs");
  const { ensureOpenClaw } = (await import(ensureScript)) as EnsureOpenClawModule;
  const openclaw = ensureOpenClaw();
  if (!openclaw.ok) throw new Error(`the OpenClaw CLI is unavailable: ${openclaw.reason}`);

  const place = options.reuse ?? (await freshPlace());
  const { home, stateDir, token, port } = place;
  const outputFile = join(home, "gateway.out");
  const output = openSync(outputFile, "a");
  const child = spawn(
    openclaw.node,
    [
      openclaw.openclawMjs,
      "gateway",
      "run",
      "--allow-unconfigured",
      "--port",
      String(port),
      "--bind",
      "loopback",
      "--auth",
      "token",
    ],
    {
      cwd: home,
      // why detached: the Gateway forks workers (spawn broker, sqlite reader); stopping the group stops them too.
      detached: true,
      stdio: ["ignore", output, output],
      env: {
        ...process.env,
        HOME: home,
        OPENCLAW_STATE_DIR: stateDir,
        OPENCLAW_GATEWAY_TOKEN: token,
        // no mDNS, no respawn, no channels
        ...OPENCLAW_EMBEDDING_ENV,
      },
    },
  );
  closeSync(output);

  const stop = async () => {
    await stopProcessGroup(child);
    if (!options.reuse) rmSync(home, { recursive: true, force: true });
  };
  const url = `ws://127.0.0.1:${port}`;
  try {
    const version = await waitForHello(url, token, child, () => outputTail(outputFile, token));
    return {
      url,
      token,
      version,
      home,
      stateDir,
      node: openclaw.node,
      openclawMjs: openclaw.openclawMjs,
      port,
      pid: child.pid ?? 0,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function freshPlace(): Promise<GatewayPlace> {
  const home = mkdtempSync(join(os.tmpdir(), "clawfleet-real-gateway-"));
  const stateDir = join(home, ".openclaw");
  mkdirSync(stateDir);
  // why logging.file: otherwise every OpenClaw process on the host shares /tmp/openclaw/openclaw-<date>.log.
  writeFileSync(
    join(stateDir, "openclaw.json"),
    JSON.stringify({ logging: { file: join(home, "gateway.log") } }),
  );
  return { home, stateDir, token: randomBytes(24).toString("hex"), port: await freeLoopbackPort() };
}

/**
 * Stops a Gateway started by another process (SIGTERM to its process group, SIGKILL after the grace period) and
 * resolves once it is gone; its state stays for a restart with `startRealGateway({ reuse })`.
 */
export async function stopGatewayByPid(pid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  signalGroup("SIGTERM");
  const deadline = Date.now() + STOP_GRACE_MS;
  while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  signalGroup("SIGKILL");
  while (alive()) await new Promise((resolve) => setTimeout(resolve, 100));
}

async function waitForHello(
  url: string,
  token: string,
  child: ChildProcess,
  tail: () => string,
): Promise<string> {
  const deadline = Date.now() + READY_BUDGET_MS;
  let lastProblem = "no attempt yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the Gateway exited (${child.exitCode ?? child.signalCode}) before it accepted a client:\n${tail()}`,
      );
    }
    try {
      const connection = await connectGateway({
        url,
        token,
        handshakeTimeoutMs: 5_000,
        startupRetryBudgetMs: 0,
      });
      await connection.close();
      return connection.hello.serverVersion;
    } catch (error) {
      // Not listening yet, or still starting its sidecars: both mean "poll again".
      if (
        !(error instanceof GatewayConnectionError) &&
        !(error instanceof GatewayRequestError && error.isStartingUp)
      )
        throw error;
      lastProblem = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  throw new Error(`the Gateway did not say hello within ${READY_BUDGET_MS} ms (${lastProblem}):\n${tail()}`);
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function stopProcessGroup(child: ChildProcess) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid ?? 0), signal);
    } catch {
      // already gone
    }
  };
  signalGroup("SIGTERM");
  const timer = setTimeout(() => signalGroup("SIGKILL"), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
  signalGroup("SIGKILL"); // workers that outlived the main process
}

function outputTail(file: string, token: string): string {
  try {
    return readFileSync(file, "utf8").trim().split("\n").slice(-20).join("\n").replaceAll(token, "[token]");
  } catch {
    return "(no output)";
  }
}
