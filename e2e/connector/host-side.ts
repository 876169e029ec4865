// The gateway host, as the connector suite drives it: the real `openclaw` CLI on the Gateway's state, the Gateway's
// own RPC (as a local `cli` client), and the host agent `clawfleet-agent` as a separate process, enrolled with a
// token an admin copied from the console.
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GatewayRequestError, connectGateway } from "@clawfleet/openclaw-gateway/gateway-client";
import {
  OPENCLAW_EMBEDDING_ENV,
  type RealGateway,
  startRealGateway,
  stopGatewayByPid,
} from "@clawfleet/openclaw-gateway/testing/real-gateway";
import { repositoryRoot } from "./console-processes";
import { readStack, type StackHandle } from "./stack-handle";

const agentBin = join(repositoryRoot, "apps", "host-agent", "bin", "clawfleet-agent.mjs");

/** The environment of the OpenClaw user on the host: the Gateway's HOME and state dir. */
function hostEnv(stack: StackHandle, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: stack.gateway.home,
    OPENCLAW_STATE_DIR: stack.gateway.stateDir,
    ...OPENCLAW_EMBEDDING_ENV,
    ...extra,
  };
}

/** An `openclaw` executable on the host, as the agent finds it on PATH: the Node 24 CLI the Gateway runs. */
export function openclawExecutable(stack: StackHandle): string {
  const path = join(stack.workDir, "bin", "openclaw");
  mkdirSync(join(stack.workDir, "bin"), { recursive: true });
  writeFileSync(path, `#!/bin/sh\nexec "${stack.gateway.node}" "${stack.gateway.openclawMjs}" "$@"\n`, {
    mode: 0o755,
  });
  return path;
}

export type CommandResult = { code: number; stdout: string; stderr: string };

function runCommand(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  stdin?: string,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

/** Runs the real `openclaw` CLI on the Gateway's state, as someone on the host would. */
export function runOpenClaw(args: readonly string[], stdin?: string): Promise<CommandResult> {
  const stack = readStack();
  return runCommand(stack.gateway.node, [stack.gateway.openclawMjs, ...args], hostEnv(stack), stdin);
}

/** `openclaw models status --json --agent <id>`, parsed. */
export async function realModelsStatus(agentKey: string): Promise<Record<string, unknown>> {
  const result = await runOpenClaw(["models", "status", "--json", "--agent", agentKey]);
  if (result.code !== 0) throw new Error(`models status exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

/** One RPC on the Gateway as the local `cli` client. */
/**
 * One request to the host's Gateway, as the test's own eyes on the host. A refusal OpenClaw gives only while it
 * settles after a write (`GatewayRequestError.isTransient`) is asked again for up to 20 s, as the host agent does.
 */
export async function gatewayCall(method: string, params: unknown = {}): Promise<unknown> {
  const stack = readStack();
  const connection = await connectGateway({ url: stack.gateway.url, token: stack.gateway.token });
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await connection.request(method, params, { timeoutMs: 60_000 });
      } catch (error) {
        if (!(error instanceof GatewayRequestError) || !error.isTransient || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  } finally {
    await connection.close();
  }
}

export type HostAgentProcess = {
  child: ChildProcess;
  /** Every JSON log line so far, parsed. */
  lines: () => Record<string, unknown>[];
  exited: Promise<number>;
  kill: (signal?: NodeJS.Signals) => Promise<number>;
};

const agentHome = (stack: StackHandle) => join(stack.workDir, "agent-home");

/** `clawfleet-agent enrol --console <url>` with the token on stdin. */
export function enrolHostAgent(consoleUrl: string, token: string): Promise<CommandResult> {
  const stack = readStack();
  const env = hostEnv(stack, {
    CLAWFLEET_AGENT_HOME: agentHome(stack),
    CLAWFLEET_OPENCLAW_BIN: openclawExecutable(stack),
  });
  return runCommand(process.execPath, [agentBin, "enrol", "--console", consoleUrl], env, token);
}

/** Starts `clawfleet-agent run` against the suite's Gateway; its log goes to the suite's log folder too. */
export function startHostAgent(extraEnv: Record<string, string> = {}): HostAgentProcess {
  const stack = readStack();
  const env = hostEnv(stack, {
    CLAWFLEET_AGENT_HOME: agentHome(stack),
    CLAWFLEET_OPENCLAW_BIN: openclawExecutable(stack),
    OPENCLAW_GATEWAY_TOKEN: stack.gateway.token,
    ...extraEnv,
  });
  const child = spawn(process.execPath, [agentBin, "run", "--gateway-url", stack.gateway.url], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = createWriteStream(join(stack.logDir, "host-agent.log"), { flags: "a" });
  const parsed: Record<string, unknown>[] = [];
  let pending = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    log.write(chunk);
    pending += chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      try {
        parsed.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        parsed.push({ text: line });
      }
    }
  });
  child.stderr?.pipe(log);
  const exited = new Promise<number>((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
  return {
    child,
    lines: () => [...parsed],
    exited,
    kill: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The Gateway this test process started again after stopping the suite's one (see `restartGatewayProcess`). */
let restarted: RealGateway | null = null;

/** Stops the host's Gateway as `systemctl stop` would: its state stays. */
export async function stopGatewayProcess(): Promise<void> {
  const stack = readStack();
  await stopGatewayByPid(restarted?.pid ?? stack.gateway.pid);
  restarted = null;
}

/** Starts the host's Gateway again on the same state, port and token, and waits for its hello. */
export async function restartGatewayProcess(): Promise<void> {
  const { home, stateDir, port, token } = readStack().gateway;
  restarted = await startRealGateway({ reuse: { home, stateDir, port, token } });
}

/** Stops a Gateway this process restarted (the suite's teardown only knows the first one). */
export async function stopRestartedGateway(): Promise<void> {
  await restarted?.stop();
  restarted = null;
}
