// What the loopback benches share (scripts/bench-load.mjs, scripts/bench-faults.mjs): a dedicated database
// on the test Postgres server, the environment `next start` runs with, starting it, waiting for it, and
// signing in through next-auth's credentials callback as the login form does.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export const serverUrl = new URL(
  process.env.CLAWFLEET_TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
);

/** A fresh database name and URL on the test server, and the environment of the app and its scripts. */
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

/** Runs one statement on the server's maintenance database (CREATE/DROP DATABASE). */
export async function onServer(sql) {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function runOrThrow(env, command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, env, encoding: "utf8", ...options });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}\n${result.stderr ?? ""}`);
  return result.stdout ?? "";
}

/** Creates and migrates the bench database. */
export async function createBenchDatabase({ databaseName, env }) {
  await onServer(`CREATE DATABASE "${databaseName}"`);
  runOrThrow(env, process.execPath, [join(root, "packages/db/scripts/prisma.cjs"), "migrate", "deploy"]);
}

export function dropBenchDatabase(databaseName) {
  return onServer(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`).catch(() => undefined);
}

/** The last line a seed script printed, as JSON. */
export function lastJsonLine(output) {
  return JSON.parse(output.trim().split("\n").at(-1));
}

/** Builds the web app (turbo caches an unchanged build); call it only while holding the build lock. */
export function buildWebApp(env) {
  if (process.env.CLAWFLEET_BENCH_SKIP_BUILD === "1") return;
  runOrThrow(env, "turbo", ["run", "build", "--filter=@clawfleet/web", "--output-logs=errors-only"], {
    stdio: "inherit",
  });
}

/** `next start` on 127.0.0.1:port; resolves once /login answers. */
export async function startNextServer({ env, port, origin }) {
  const server = spawn(
    join(root, "node_modules", ".bin", "next"),
    ["start", "--port", String(port), "-H", "127.0.0.1"],
    { cwd: join(root, "apps", "web"), env, stdio: ["ignore", "ignore", "inherit"] },
  );
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited ${server.exitCode}`);
    try {
      if ((await fetch(`${origin}/login`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill("SIGTERM");
  throw new Error("next start did not answer within 120 s");
}

export async function stopServer(server) {
  if (!server || server.exitCode !== null) return;
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
}

/** Signs in through next-auth's credentials callback, as the login form does; returns the Cookie header. */
export async function signIn(origin, { email, password }) {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = await csrf.json();
  const jar = new Map(csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0].split("=")));
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(), origin },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: origin, json: "true" }),
  });
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(";");
    const index = pair.indexOf("=");
    jar.set(pair.slice(0, index), pair.slice(index + 1));
  }
  if (![...jar.keys()].some((name) => name.endsWith("next-auth.session-token")))
    throw new Error(`sign-in failed (${response.status})`);
  return cookieHeader();
}

export const trpcQuery = (path, input) =>
  `/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`;
