// @ts-check
// What the loopback benches share (scripts/bench-load.mjs, scripts/bench-faults.mjs,
// scripts/bench-import-jobs.mjs): a dedicated database on the test Postgres server, the environment
// `next start` runs with, starting it, waiting for it, signing in through next-auth's credentials callback
// as the login form does, and autocannon runs summarized as latency percentiles.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export const serverUrl = new URL(
  process.env.CLAWFLEET_TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
);

/**
 * A fresh database name and URL on the test server, and the environment of the app and its scripts.
 * @param {{ prefix: string; port: number }} options
 */
export function benchEnvironment({ prefix, port }) {
  const databaseName = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${databaseName}`;
  const origin = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl.toString(),
    CLAWFLEET_SECRET_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    NEXTAUTH_URL: origin,
    NEXT_TELEMETRY_DISABLED: "1",
    TURBO_TELEMETRY_DISABLED: "1",
    PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
  };
  return { databaseName, databaseUrl, origin, env };
}

/**
 * Runs one statement on the server's maintenance database (CREATE/DROP DATABASE).
 * @param {string} sql
 */
export async function onServer(sql) {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Runs a command to the end and returns its stdout; throws with its stderr when it fails.
 * @param {NodeJS.ProcessEnv} env
 * @param {string} command
 * @param {string[]} args
 * @param {import("node:child_process").SpawnSyncOptions} [options]
 * @returns {string}
 */
export function runOrThrow(env, command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, env, encoding: "utf8", ...options });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}\n${String(result.stderr ?? "")}`);
  return String(result.stdout ?? "");
}

/**
 * Creates and migrates the bench database.
 * @param {{ databaseName: string; env: NodeJS.ProcessEnv }} options
 */
export async function createBenchDatabase({ databaseName, env }) {
  await onServer(`CREATE DATABASE "${databaseName}"`);
  runOrThrow(env, process.execPath, [join(root, "packages/db/scripts/prisma.cjs"), "migrate", "deploy"]);
  // why: edits, imports and stored-status refreshes queue jobs; graphile-worker's schema must exist to take them.
  runOrThrow(env, "tsx", [join(root, "packages/db/scripts/install-job-queue.ts")]);
}

/** @param {string} databaseName */
export function dropBenchDatabase(databaseName) {
  return onServer(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`).catch(() => undefined);
}

/**
 * The last line a seed script printed, as JSON; the caller names its shape.
 * @param {string} output
 * @returns {unknown}
 */
export function lastJsonLine(output) {
  return /** @type {unknown} */ (JSON.parse(output.trim().split("\n").at(-1) ?? "null"));
}

/**
 * Builds the web app (turbo caches an unchanged build); call it only while holding the build lock.
 * @param {NodeJS.ProcessEnv} env
 */
export function buildWebApp(env) {
  if (process.env.CLAWFLEET_BENCH_SKIP_BUILD === "1") return;
  runOrThrow(env, "turbo", ["run", "build", "--filter=@clawfleet/web", "--output-logs=errors-only"], {
    stdio: "inherit",
  });
}

/**
 * The console's web server (apps/web/server.mjs) on 127.0.0.1:port; resolves once /login answers.
 * @param {{ env: NodeJS.ProcessEnv; port: number; origin: string }} options
 * @returns {Promise<import("node:child_process").ChildProcess>}
 */
export async function startNextServer({ env, port, origin }) {
  const server = spawn(
    process.execPath,
    [join(root, "apps", "web", "server.mjs"), "--port", String(port), "--host", "127.0.0.1"],
    { cwd: join(root, "apps", "web"), env, stdio: ["ignore", "ignore", "inherit"] },
  );
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the web server exited ${server.exitCode}`);
    try {
      if ((await fetch(`${origin}/login`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill("SIGTERM");
  throw new Error("the web server did not answer within 120 s");
}

/** @param {import("node:child_process").ChildProcess | undefined} server */
export async function stopServer(server) {
  if (server?.exitCode !== null) return;
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
}

/**
 * Signs in through next-auth's credentials callback, as the login form does; returns the Cookie header.
 * @param {string} origin
 * @param {{ email: string; password: string }} credentials
 */
export async function signIn(origin, { email, password }) {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = /** @type {{ csrfToken: string }} */ (await csrf.json());
  /** @type {Map<string, string>} */
  const jar = new Map();
  for (const cookie of csrf.headers.getSetCookie()) {
    const [pair = ""] = cookie.split(";");
    const index = pair.indexOf("=");
    jar.set(pair.slice(0, index), pair.slice(index + 1));
  }
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(), origin },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: origin, json: "true" }),
  });
  for (const cookie of response.headers.getSetCookie()) {
    const [pair = ""] = cookie.split(";");
    const index = pair.indexOf("=");
    jar.set(pair.slice(0, index), pair.slice(index + 1));
  }
  if (![...jar.keys()].some((name) => name.endsWith("next-auth.session-token")))
    throw new Error(`sign-in failed (${response.status})`);
  return cookieHeader();
}

/**
 * The GET path of a tRPC query with its input, as the browser client sends it.
 * @param {string} path
 * @param {unknown} [input]
 */
export const trpcQuery = (path, input) =>
  `/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`;

/**
 * Latency figures of one measured target, as the results table shows them.
 * @typedef {{ name: string; connections: number; durationS: number; requests: number; reqPerSec: number;
 *   p50: number; p95: number; p99: number; max: number; non2xx: number; errors: number;
 *   statuses: Record<string, number> }} LatencyFigures
 */

/**
 * Percentiles (ms, nearest rank) of response times.
 * @param {number[]} times
 */
export function percentiles(times) {
  const sorted = [...times].sort((left, right) => left - right);
  /** @param {number} fraction */
  const at = (fraction) =>
    Number((sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0).toFixed(1));
  return { requests: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/**
 * Figures of a set of timed requests.
 * @param {{ name: string; connections: number; durationS: number; times: number[]; statuses: Map<number, number>; errors: number }} run
 * @returns {LatencyFigures}
 */
export function latencyFigures({ name, connections, durationS, times, statuses, errors }) {
  const figures = percentiles(times);
  const non2xx = [...statuses]
    .filter(([code]) => code < 200 || code >= 300)
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    name,
    connections,
    durationS: Number(durationS.toFixed(1)),
    ...figures,
    reqPerSec: Number((figures.requests / Math.max(durationS, 0.001)).toFixed(1)),
    non2xx,
    errors,
    statuses: Object.fromEntries(statuses),
  };
}

/**
 * Drives autocannon at `origin` and summarizes every response time it recorded.
 * @param {string} origin
 * @param {string} name
 * @param {Omit<import("autocannon").Options, "url">} options
 * @returns {Promise<LatencyFigures>}
 */
export function runAutocannon(origin, name, options) {
  return new Promise((resolve, reject) => {
    /** @type {number[]} */
    const times = [];
    /** @type {Map<number, number>} */
    const statuses = new Map();
    const instance = autocannon({ ...options, url: origin }, (error, result) =>
      error
        ? reject(error instanceof Error ? error : new Error(String(error)))
        : resolve(
            latencyFigures({
              name,
              connections: result.connections,
              durationS: result.duration,
              times,
              statuses,
              errors: result.errors + result.timeouts,
            }),
          ),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
}
