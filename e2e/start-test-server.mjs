// @ts-check
// Serves the built console (apps/web/server.mjs, as in production) on a fresh, seeded database for the e2e suite,
// with a worker beside it (imports and bulk edits are worker jobs), and stops both and drops the database on exit.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const port = process.argv[2] ?? "3100";
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const serverUrl = new URL(
  process.env.CLAWFLEET_TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
);
const databaseName = `cf_e2e_${process.pid}_${Date.now().toString(36)}`;
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/${databaseName}`;

/** @param {string} sql */
async function onServer(sql) {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<void>}
 */
function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    child.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(" ")} exited ${code ?? "by a signal"}`)),
    );
  });
}

const env = {
  ...process.env,
  DATABASE_URL: databaseUrl.toString(),
  CLAWFLEET_SECRET_KEY: randomBytes(32).toString("base64"),
  NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
  NEXTAUTH_URL: `http://localhost:${port}`,
  // Invitation sign-up links are "mailed" here; e2e/pages/mail-outbox.ts reads them as the invitee would.
  CLAWFLEET_MAIL_DIR: join(here, ".server", "mail"),
  NEXT_TELEMETRY_DISABLED: "1",
  PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
};
// Tests that start their own server (e.g. with a wrong key) need the same database and key.
mkdirSync(join(here, ".server"), { recursive: true });
writeFileSync(
  join(here, ".server", "server-env.json"),
  JSON.stringify({
    DATABASE_URL: env.DATABASE_URL,
    CLAWFLEET_SECRET_KEY: env.CLAWFLEET_SECRET_KEY,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET,
  }),
  { mode: 0o600 },
);

await onServer(`CREATE DATABASE "${databaseName}"`);
const prisma = join(root, "packages", "db", "scripts", "prisma.cjs");
await run(process.execPath, [prisma, "migrate", "deploy"], env);
// why: use cases queue jobs (imports, a re-auth request's lapse, webhook calls) in the same transaction as
// their change, so the job queue's schema must exist as in production; a worker runs beside the server.
await run(
  join(root, "node_modules", ".bin", "tsx"),
  [join(root, "packages", "db", "scripts", "install-job-queue.ts")],
  env,
);
await run(process.execPath, [prisma, "db", "seed"], env);

const server = spawn(process.execPath, [join(root, "apps", "web", "server.mjs"), "--port", port], {
  cwd: join(root, "apps", "web"),
  env,
  stdio: "inherit",
});
const worker = spawn(process.execPath, [join(root, "apps", "worker", "bin", "worker.mjs")], {
  cwd: root,
  env: { ...env, CLAWFLEET_LOG_LEVEL: "warn" },
  stdio: "inherit",
});
const children = [server, worker];

let stopping = false;
/**
 * Stops the server and the worker (which lets running jobs finish), then drops the database.
 * @param {number} code
 */
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running) child.kill("SIGTERM");
  await Promise.all(running.map((child) => new Promise((resolve) => child.once("exit", resolve))));
  await onServer(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`).catch(() => undefined);
  process.exit(code);
}
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGINT", () => void shutdown(0));
for (const [name, child] of /** @type {const} */ ([
  ["web server", server],
  ["worker", worker],
])) {
  child.once("exit", (code) => {
    if (stopping) return;
    console.error(`[e2e] ${name} exited (${code})`);
    void shutdown(code ?? 1);
  });
}
