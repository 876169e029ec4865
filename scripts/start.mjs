#!/usr/bin/env node
// @ts-check
// `npm start`: prepares everything a fresh clone needs, then serves the console and runs its worker.
//  - DATABASE_URL unset → an embedded PostgreSQL server (binaries from npm) with data in .data/postgres, and
//    the demo: a demo fleet with known logins, served on 127.0.0.1 only;
//  - DATABASE_URL set → a real install: no demo and no account with a known password (unless `--demo` or
//    CLAWFLEET_DEMO=1); the first admin comes from `npx clawfleet admin create`;
//  - secrets not set → generated once into .data/ (development only; set them in production);
//  - generate the Prisma client, apply migrations, install the job queue, seed the demo fleet (demo only,
//    once), build the web app (cached);
//  - the web server (apps/web/server.mjs, on 127.0.0.1 unless HOST is set; the demo always on 127.0.0.1) and
//    the background worker side by side, then print the URL and the demo logins.
// `npm run setup` (--setup-only) stops before serving. In production run the web tier (`npm run start:web`)
// and the worker (`npm run worker`) as separate processes, as many of each as you like.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";
import { startEmbeddedPostgres } from "./embedded-postgres.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = process.env.CLAWFLEET_DATA_DIR ?? join(root, ".data");
const setupOnly = process.argv.includes("--setup-only");
// why: the demo's logins are printed with their password; a real install (its own DATABASE_URL) must never
// get them unless asked for.
const demo =
  !process.env.DATABASE_URL || process.argv.includes("--demo") || process.env.CLAWFLEET_DEMO === "1";
// why: the demo has well-known passwords, so it is never reachable from another machine.
const host = demo ? "127.0.0.1" : (process.env.HOST ?? "127.0.0.1");
const port = Number(process.env.PORT ?? 3000);

/** @param {string} message */
function log(message) {
  console.log(`[clawfleet] ${message}`);
}

/**
 * A development secret kept in .data/ so restarts keep working; never used when the env sets one.
 * @param {string} envName
 * @param {string} fileName
 * @returns {string}
 */
function developmentSecret(envName, fileName, { productionHint = true } = {}) {
  if (process.env[envName]) return process.env[envName];
  const path = join(dataDir, fileName);
  if (!existsSync(path)) {
    writeFileSync(path, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600 });
    log(
      `generated ${envName} into .data/${fileName}${productionHint ? ` (set ${envName} yourself in production)` : ""}`,
    );
  }
  chmodSync(path, 0o600);
  return readFileSync(path, "utf8").trim();
}

/**
 * Runs a step to completion; on failure stops everything and exits.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
async function run(command, args, env) {
  /** @type {number | string} */
  const status = await new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    child.once("error", (error) => resolve(error.message));
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "no exit code"));
  });
  if (status !== 0) {
    console.error(`[clawfleet] \`${[command, ...args].join(" ")}\` failed (${status}).`);
    await embedded?.stop();
    process.exit(1);
  }
}

/**
 * @param {number} targetPort
 * @param {number} timeoutMs
 * @returns {Promise<void>}
 */
function waitForPort(targetPort, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      // why: a wildcard bind answers on loopback; a specific address only on itself.
      const socket = createConnection({
        port: targetPort,
        host: host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host,
      });
      socket.once("connect", () => {
        socket.end();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline)
          reject(new Error(`nothing listens on port ${targetPort} after ${timeoutMs} ms`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

/**
 * Whether the database has no user account yet.
 * @param {string} url
 * @returns {Promise<boolean>}
 */
async function installHasNoAccounts(url) {
  /** @type {unknown} */
  const clientModule = await tsImport("../packages/db/src/client.ts", import.meta.url);
  /** @type {unknown} */
  const accountsModule = await tsImport(
    "../packages/services/src/members/admin-accounts.ts",
    import.meta.url,
  );
  const { createDbClient } = /** @type {typeof import("../packages/db/src/client.ts")} */ (clientModule);
  const { hasNoAccounts } =
    /** @type {typeof import("../packages/services/src/members/admin-accounts.ts")} */ (accountsModule);
  const db = createDbClient(url, { maxConnections: 1 });
  try {
    return await hasNoAccounts({ db });
  } finally {
    await db.$disconnect();
  }
}

mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const secretKey = developmentSecret("CLAWFLEET_SECRET_KEY", "secret-key");
const sessionSecret = developmentSecret("NEXTAUTH_SECRET", "session-secret");

/** @type {{ url: string, stop: () => Promise<void> } | null} */
let embedded = null;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  // why: as root the embedded server runs as the `postgres` user, which must be able to reach its folder
  // inside .data/ (traverse only: the secrets beside it stay 0600).
  chmodSync(dataDir, 0o711);
  try {
    embedded = await startEmbeddedPostgres({
      dataDir: join(dataDir, "postgres"),
      port: Number(process.env.CLAWFLEET_EMBEDDED_PG_PORT ?? 5499),
      password: developmentSecret("CLAWFLEET_EMBEDDED_PG_PASSWORD", "postgres-password", {
        productionHint: false,
      }),
      log,
    });
  } catch (error) {
    console.error(`[clawfleet] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  databaseUrl = embedded.url;
  log("no DATABASE_URL: using the embedded Postgres in .data/postgres");
}

const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  CLAWFLEET_SECRET_KEY: secretKey,
  NEXTAUTH_SECRET: sessionSecret,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  // why: the demo sends no real mail; invitation sign-up links land as files the demo user can open.
  ...(demo ? { CLAWFLEET_MAIL_DIR: process.env.CLAWFLEET_MAIL_DIR ?? join(dataDir, "mail") } : {}),
  NEXT_TELEMETRY_DISABLED: "1",
  TURBO_TELEMETRY_DISABLED: "1",
  PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
};

const prisma = join(root, "packages", "db", "scripts", "prisma.cjs");
log("preparing the database");
await run(process.execPath, [prisma, "generate"], env);
await run(process.execPath, [prisma, "migrate", "deploy"], env);
await run("tsx", [join(root, "packages", "db", "scripts", "install-job-queue.ts")], env);
if (demo) await run(process.execPath, [prisma, "db", "seed"], env);
log("building the web app: the first start takes a few minutes, later starts reuse the build");
{
  // why: a first build is minutes of Next compiling; Next's own step lines (new-only: a cached build stays
  // quiet) and a heartbeat show it is moving rather than hung.
  const buildStarted = Date.now();
  const heartbeat = setInterval(
    () => log(`still building the web app (${Math.round((Date.now() - buildStarted) / 1000)} s so far)…`),
    20_000,
  );
  await run("turbo", ["run", "build", "--filter=@clawfleet/web", "--output-logs=new-only"], env);
  clearInterval(heartbeat);
  log(`web app ready (${Math.round((Date.now() - buildStarted) / 1000)} s)`);
}

if (setupOnly) {
  await embedded?.stop();
  log("setup complete");
  process.exit(0);
}

if (demo && process.env.HOST && process.env.HOST !== host)
  log(`the demo listens on ${host} only (HOST=${process.env.HOST} is ignored: its passwords are public)`);
// The console's own server (apps/web/server.mjs), not `next start`: it binds to the host chosen above and
// records each request's real peer address for the per-IP limits.
const server = spawn(
  process.execPath,
  [join(root, "apps", "web", "server.mjs"), "--port", String(port), "--host", host],
  { cwd: join(root, "apps", "web"), env, stdio: "inherit" },
);
const worker = spawn(process.execPath, [join(root, "apps", "worker", "bin", "worker.mjs")], {
  cwd: root,
  env,
  stdio: "inherit",
});
let stopping = false;
/**
 * Stops the web server and the worker (letting running jobs finish), then the embedded Postgres.
 * @param {number} code
 */
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  const exited = [server, worker]
    .filter((child) => child.exitCode === null && child.signalCode === null)
    .map((child) => new Promise((resolve) => child.once("exit", resolve)));
  server.kill("SIGTERM");
  worker.kill("SIGTERM");
  await Promise.race([Promise.all(exited), new Promise((resolve) => setTimeout(resolve, 15_000))]);
  await embedded?.stop();
  process.exit(code);
}
server.on("exit", (code) => void shutdown(code ?? 0));
worker.on("exit", (code) => {
  if (!stopping) console.error(`[clawfleet] the worker stopped (${code}); stopping the console too.`);
  void shutdown(code ?? 1);
});
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  await waitForPort(port, 60_000);
  log(`Clawfleet is running at http://${host === "127.0.0.1" ? "localhost" : host}:${port}`);
  if (demo) {
    /** @type {unknown} */
    const credentials = await tsImport("../packages/db/src/demo/demo-credentials.ts", import.meta.url);
    const { DEMO_PASSWORD, DEMO_USERS } =
      /** @type {typeof import("../packages/db/src/demo/demo-credentials.ts")} */ (credentials);
    for (const user of DEMO_USERS)
      log(`  demo ${user.role.padEnd(8)} ${user.email}  password: ${DEMO_PASSWORD}`);
  } else if (await installHasNoAccounts(databaseUrl)) {
    log("this install has no account yet; create the first admin (the password is asked for, never echoed):");
    log("  npx clawfleet admin create --email you@example.com --team 'Your team'");
  }
} catch (error) {
  console.error(
    `[clawfleet] the web server did not come up: ${error instanceof Error ? error.message : String(error)}`,
  );
  await shutdown(1);
}
