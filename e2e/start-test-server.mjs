// Serves the built console on a fresh, seeded database for the e2e suite, and drops it on exit.
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

async function onServer(sql) {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}`)),
    );
  });
}

const env = {
  ...process.env,
  DATABASE_URL: databaseUrl.toString(),
  CLAWFLEET_SECRET_KEY: randomBytes(32).toString("base64"),
  NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
  NEXTAUTH_URL: `http://localhost:${port}`,
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
// why: use cases queue jobs (a re-auth request's lapse, webhook calls) in the same transaction as their change,
// so the job queue's schema must exist as in production, though no worker runs during these journeys.
await run("tsx", [join(root, "packages", "db", "scripts", "install-job-queue.ts")], env);
await run(process.execPath, [prisma, "db", "seed"], env);

const server = spawn(join(root, "node_modules", ".bin", "next"), ["start", "--port", port], {
  cwd: join(root, "apps", "web"),
  env,
  stdio: "inherit",
});
async function shutdown() {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  await onServer(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
server.once("exit", (code) => {
  console.error(`[e2e] next start exited (${code})`);
  void onServer(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`).finally(() =>
    process.exit(code ?? 1),
  );
});
