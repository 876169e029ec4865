// The console as production runs it, for the connector suite: a fresh database (through Postgres's unix socket,
// since the suite runs in a loopback-only network namespace), migrated and seeded, served by TWO `next start`
// instances (as behind a load balancer) and one worker.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import pg from "pg";

export const repositoryRoot = join(import.meta.dirname, "..", "..");
const bin = (name: string) => join(repositoryRoot, "node_modules", ".bin", name);
const prismaCli = join(repositoryRoot, "packages", "db", "scripts", "prisma.cjs");

/** Postgres through its unix socket; `localhost` is only a placeholder the `host` parameter overrides. */
export function socketDatabaseUrl(database: string): string {
  const socketDir = process.env.CLAWFLEET_PG_SOCKET_DIR ?? "/var/run/postgresql";
  return `postgresql://postgres@localhost/${database}?host=${encodeURIComponent(socketDir)}`;
}

async function onServer(sql: string) {
  const client = new pg.Client({ connectionString: socketDatabaseUrl("postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile, { flags: "a" });
    const child = spawn(command, args, { cwd: repositoryRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(" ")} exited ${code ?? "by a signal"}; see ${logFile}`)),
    );
  });
}

function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) {
        reject(new Error(`${url}: the server exited (${child.exitCode}) before it answered`));
        return;
      }
      fetch(url)
        .then(() => resolve())
        .catch(() => {
          if (Date.now() > deadline) reject(new Error(`${url} did not answer within ${timeoutMs} ms`));
          else setTimeout(attempt, 250);
        });
    };
    attempt();
  });
}

export type ConsoleStack = {
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  /** Base URLs of the two console instances. */
  urls: [string, string];
  stop: () => Promise<void>;
};

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export async function startConsoleStack({
  ports,
  logDir,
}: {
  ports: [number, number];
  logDir: string;
}): Promise<ConsoleStack> {
  const databaseName = `cf_connector_${process.pid}_${Date.now().toString(36)}`;
  const databaseUrl = socketDatabaseUrl(databaseName);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    CLAWFLEET_SECRET_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    NEXT_TELEMETRY_DISABLED: "1",
    // why: `prisma db seed` runs `tsx`, which only npm scripts put on PATH; the bench starts this stack directly.
    PATH: `${join(repositoryRoot, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
  };
  await onServer(`CREATE DATABASE "${databaseName}"`);
  const setupLog = join(logDir, "console-setup.log");
  await runToEnd(process.execPath, [prismaCli, "migrate", "deploy"], env, setupLog);
  await runToEnd(
    bin("tsx"),
    [join(repositoryRoot, "packages/db/scripts/install-job-queue.ts")],
    env,
    setupLog,
  );
  await runToEnd(process.execPath, [prismaCli, "db", "seed"], env, setupLog);

  const children: ChildProcess[] = [];
  const launch = (
    name: string,
    command: string,
    args: string[],
    extraEnv: NodeJS.ProcessEnv,
    cwd: string,
  ) => {
    const log = createWriteStream(join(logDir, `${name}.log`), { flags: "a" });
    const child = spawn(command, args, {
      cwd,
      env: { ...env, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    children.push(child);
    return child;
  };
  const urls = ports.map((port) => `http://localhost:${port}`) as [string, string];
  const webs = ports.map((port, index) =>
    launch(
      `console-${index + 1}`,
      process.execPath,
      [join(repositoryRoot, "apps", "web", "server.mjs"), "--port", String(port)],
      { NEXTAUTH_URL: `http://localhost:${port}` },
      join(repositoryRoot, "apps", "web"),
    ),
  );
  launch(
    "worker",
    process.execPath,
    [join(repositoryRoot, "apps", "worker", "bin", "worker.mjs")],
    { CLAWFLEET_LOG_LEVEL: "info" },
    repositoryRoot,
  );
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    await onServer(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`).catch(() => undefined);
  };
  try {
    await Promise.all(webs.map((child, index) => waitForHttp(`${urls[index]}/login`, child, 60_000)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { databaseUrl, env, urls, stop };
}
