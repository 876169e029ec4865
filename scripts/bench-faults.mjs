#!/usr/bin/env node
// @ts-check
// The fault runs of issue 7, bounded in count and time, on a dedicated database:
//  1. Postgres restarted (`-m immediate`) during a write load through `next start`: every acknowledged
//     agent edit must be in the database with its audit row, no edit half-applied, and the app must
//     recover by itself; prints failed/retried requests and the recovery time.
//  2. An import process killed (`kill -9`) while its transaction runs: the tenant's data must equal the
//     before-checksum and the run must not be `succeeded`; the same import then runs to completion.
// Writes its figures as JSON to the path after --json-out (default bench/tmp/faults.json); exits 1 when an
// assertion fails. It builds and serves .next and restarts Postgres, so run it under the build lock (as
// scripts/bench.mjs does): `flock /tmp/clawfleet-e2e.lock node scripts/bench-faults.mjs`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import pg from "pg";
import {
  benchEnvironment,
  buildWebApp,
  createBenchDatabase,
  dropBenchDatabase,
  lastJsonLine,
  root,
  runOrThrow,
  signIn,
  startNextServer,
  stopServer,
} from "./bench-next-server.mjs";

const argOut = process.argv.indexOf("--json-out");
const jsonOut = argOut > 0 ? (process.argv[argOut + 1] ?? "") : join(root, "bench", "tmp", "faults.json");
const port = Number(process.env.CLAWFLEET_BENCH_FAULTS_PORT ?? 3161);
const WRITERS = 4;
const LOAD_SECONDS = 20;
const RESTART_AFTER_MS = 5_000;
const REQUEST_TIMEOUT_MS = 5_000;
const IMPORT_AGENTS = 3_000;
const IMPORT_KILL_DEADLINE_MS = 120_000;

/**
 * @typedef {{ writers: number; restartAfterS: number; loadSeconds: number; attempts: number; acknowledged: number;
 *   ackedBeforeRestart: number; failed: number; conflicts: number; networkErrors: number; retries: number;
 *   failedStatuses: Record<string, number>; networkErrorKinds: Record<string, number>; restartCommandMs: number;
 *   firstFailureMs: number | null; lastFailureMs: number | null; recoveryMs: number | null;
 *   lostAcknowledged: number; halfApplied: number }} RestartFigures
 * @typedef {{ agents: number; totalSteps: number; doneStepsAtKill: number; killedAfterMs: number;
 *   killSignal: string | null; killedRunStatus: string | undefined; gatewayAfterKill: boolean;
 *   agentsAfterKill: number; tenantUnchanged: boolean; completedImportMs: number;
 *   completedRunStatus: string | undefined; agentsImported: number; profilesImported: number;
 *   importAuditEvents: number }} KilledImportFigures
 * @typedef {{ startedAt: string; finishedAt?: string; skipped?: string; problems?: string[];
 *   restart?: RestartFigures; killedImport?: KilledImportFigures }} FaultFigures
 * What bench/faults/import-fault.ts prints: `preview` the first four, `commit` ms, `inspect` the rest.
 * @typedef {{ importRunId: string; planHash: string; totalSteps: number; checksum: string; ms: number;
 *   run: { status: string } | null; gateway: boolean; agents: number; profiles: number; importAudits: number }} ImportFaultOutput
 */
/**
 * What the fault runs write for scripts/bench.mjs.
 * @type {FaultFigures}
 */
const figures = { startedAt: new Date().toISOString() };
/** @type {string[]} */
const problems = [];
/**
 * @param {boolean} ok
 * @param {string} message
 */
const check = (ok, message) => {
  if (!ok) problems.push(message);
  console.log(`${ok ? "ok  " : "FAIL"} ${message}`);
};

const clusterVersion = existsSync("/etc/postgresql") ? readdirSync("/etc/postgresql").sort()[0] : undefined;
const hasPgCtlCluster = spawnSync("pg_ctlcluster", ["--help"], { encoding: "utf8" }).error === undefined;

function writeFigures() {
  figures.problems = problems;
  figures.finishedAt = new Date().toISOString();
  mkdirSync(dirname(jsonOut), { recursive: true });
  writeFileSync(jsonOut, JSON.stringify(figures, null, 2));
}

if (!hasPgCtlCluster || !clusterVersion) {
  figures.skipped =
    "pg_ctlcluster or /etc/postgresql is not available here, so Postgres cannot be restarted by this script; both fault runs were skipped.";
  console.log(`bench-faults: ${figures.skipped}`);
  writeFigures();
  process.exit(0);
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One tRPC mutation over HTTP as the browser sends it (superjson envelope, same-origin header).
 * @param {string} origin
 * @param {string} cookie
 * @param {string} path
 * @param {unknown} input
 * @returns {Promise<{ status: number; data: { version: number; name: string } | undefined; error: unknown }>}
 */
async function trpcMutation(origin, cookie, path, input) {
  const response = await fetch(`${origin}/api/trpc/${path}`, {
    method: "POST",
    headers: { cookie, origin, "content-type": "application/json" },
    body: JSON.stringify({ json: input }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body =
    /** @type {{ result?: { data?: { json?: { version: number; name: string } } }; error?: { json?: unknown } } | null} */ (
      await response.json().catch(() => null)
    );
  return { status: response.status, data: body?.result?.data?.json, error: body?.error?.json };
}

/**
 * The agent's current version, or the HTTP status `agents.byId` answered instead.
 * @param {string} origin
 * @param {string} cookie
 * @param {string} agentId
 * @returns {Promise<{ version?: number; status?: number }>}
 */
async function readAgentVersion(origin, cookie, agentId) {
  const response = await fetch(
    `${origin}/api/trpc/agents.byId?input=${encodeURIComponent(JSON.stringify({ json: { agentId } }))}`,
    { headers: { cookie }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
  );
  if (!response.ok) return { status: response.status };
  const body = /** @type {{ result: { data: { json: { version: number } } } }} */ (await response.json());
  return { version: body.result.data.json.version };
}

/** An HTTP answer other than 2xx while re-reading the agent (not a network error). */
class HttpFailure extends Error {}

/**
 * One writer editing one agent in a loop with version checks. Every acknowledged (2xx) write goes to the
 * ledger with the version and name the server returned; after a failure it re-reads the agent (a write
 * whose answer was lost may still have committed) and carries on from the version it finds.
 */
/**
 * @typedef {{ agentId: string; version: number; name: string; at: number }} LedgerEntry
 * @typedef {{ attempts: number; failed: number; conflicts: number; networkErrors: number; retries: number;
 *   statuses: Record<string, number>; errorKinds: Record<string, number> }} Tally
 * @typedef {{ failure: (at: number) => void; success: (at: number) => void }} Timeline
 * @typedef {{ teamId: string; agentIds: string[]; admin: { email: string; password: string } }} FaultSeed
 */
/**
 * @param {{ origin: string; cookie: string; agentId: string; index: number; until: number;
 *   ledger: LedgerEntry[]; tally: Tally; timeline: Timeline }} options
 */
async function writer({ origin, cookie, agentId, index, until, ledger, tally, timeline }) {
  let version = 1;
  let sequence = 0;
  let needsReload = false;
  while (Date.now() < until) {
    tally.attempts += 1;
    try {
      if (needsReload) {
        const current = await readAgentVersion(origin, cookie, agentId);
        if (current.version === undefined) throw new HttpFailure(`agents.byId ${current.status}`);
        version = current.version;
        needsReload = false;
      }
      sequence += 1;
      const name = `Writer ${index} edit ${sequence}`;
      const result = await trpcMutation(origin, cookie, "agents.update", {
        agentId,
        expectedVersion: version,
        edit: { name, tags: [] },
      });
      if (result.status === 200 && result.data) {
        ledger.push({ agentId, version: result.data.version, name: result.data.name, at: Date.now() });
        version = result.data.version;
        timeline.success(Date.now());
        continue;
      }
      tally.failed += 1;
      timeline.failure(Date.now());
      if (result.status === 409) tally.conflicts += 1;
      tally.statuses[`agents.update ${result.status}`] =
        (tally.statuses[`agents.update ${result.status}`] ?? 0) + 1;
    } catch (error) {
      tally.failed += 1;
      timeline.failure(Date.now());
      if (error instanceof HttpFailure) {
        tally.statuses[error.message] = (tally.statuses[error.message] ?? 0) + 1;
        needsReload = true;
        tally.retries += 1;
        await sleep(100);
        continue;
      }
      tally.networkErrors += 1;
      const failure = /** @type {{ cause?: { code?: string }; name?: string } | undefined} */ (error);
      const kind = String(failure?.cause?.code ?? failure?.name ?? error);
      tally.errorKinds[kind] = (tally.errorKinds[kind] ?? 0) + 1;
    }
    needsReload = true;
    tally.retries += 1;
    await sleep(100);
  }
}

/**
 * Restarts the local cluster the way a crash-restart would (immediate: no clean shutdown). Asynchronous,
 * so the writers keep sending requests while Postgres is down.
 */
function restartPostgres() {
  return /** @type {Promise<void>} */ (
    new Promise((resolve, reject) => {
      const child = spawn(
        "pg_ctlcluster",
        ["--skip-systemctl-redirect", clusterVersion ?? "", "main", "restart", "-m", "immediate"],
        { stdio: ["ignore", "ignore", "pipe"] },
      );
      let stderr = "";
      child.stderr.on("data", (/** @type {Buffer} */ chunk) => (stderr += chunk.toString()));
      child.once("error", reject);
      child.once("exit", (code) =>
        code === 0 ? resolve() : reject(new Error(`pg_ctlcluster restart exited ${code}: ${stderr}`)),
      );
    })
  );
}

/**
 * @param {{ env: NodeJS.ProcessEnv; databaseUrl: URL; origin: string; seed: FaultSeed }} options
 */
async function postgresRestartRun({ env, databaseUrl, origin, seed }) {
  const server = await startNextServer({ env, port, origin });
  try {
    const cookie = await signIn(origin, seed.admin);
    /** @type {LedgerEntry[]} */
    const ledger = [];
    /** @type {Tally} */
    const tally = {
      attempts: 0,
      failed: 0,
      conflicts: 0,
      networkErrors: 0,
      retries: 0,
      statuses: {},
      errorKinds: {},
    };
    /** @type {number | null} */
    let restartStartedAt = null;
    let restartDoneAt = 0;
    // why: the outage starts at the first failed request after the restart began (Postgres goes down a
    // moment after pg_ctlcluster starts); the app has recovered at the first write acknowledged after that.
    /** @type {number | null} */
    let firstFailure = null;
    /** @type {number | null} */
    let lastFailure = null;
    /** @type {number | null} */
    let firstSuccessAfterOutage = null;
    /** @type {Timeline} */
    const timeline = {
      failure: (at) => {
        if (restartStartedAt === null) return;
        firstFailure ??= at;
        lastFailure = at;
      },
      success: (at) => {
        if (firstFailure !== null && firstSuccessAfterOutage === null) firstSuccessAfterOutage = at;
      },
    };
    const startedAt = Date.now();
    const until = startedAt + LOAD_SECONDS * 1000;
    const writers = seed.agentIds
      .slice(0, WRITERS)
      .map((agentId, index) => writer({ origin, cookie, agentId, index, until, ledger, tally, timeline }));
    await sleep(RESTART_AFTER_MS);
    const ackedBeforeRestart = ledger.length;
    console.log(`bench-faults: ${ackedBeforeRestart} writes acknowledged; restarting Postgres (immediate)…`);
    const restartAt = Date.now();
    restartStartedAt = restartAt;
    await restartPostgres();
    restartDoneAt = Date.now();
    await Promise.all(writers);
    const elapsedS = (Date.now() - startedAt) / 1000;

    const client = new pg.Client({ connectionString: databaseUrl.toString() });
    await client.connect();
    let missing = 0;
    let halfApplied = 0;
    try {
      /** @type {import("pg").QueryResult<{ id: string; name: string; version: number }>} */
      const agents = await client.query(`SELECT id, name, version FROM "Agent" WHERE id = ANY($1::uuid[])`, [
        seed.agentIds.slice(0, WRITERS),
      ]);
      /** @type {import("pg").QueryResult<{ targetId: string; after: { version: number; name: string } }>} */
      const audits = await client.query(
        `SELECT "targetId", "after" FROM "AuditEvent" WHERE "teamId" = $1 AND action = 'agent.update'`,
        [seed.teamId],
      );
      const audited = new Set(
        audits.rows.map((row) => `${row.targetId}@${row.after.version}=${row.after.name}`),
      );
      for (const entry of ledger)
        if (!audited.has(`${entry.agentId}@${entry.version}=${entry.name}`)) missing += 1;
      for (const agent of agents.rows) {
        const own = audits.rows.filter((row) => row.targetId === agent.id);
        const versions = own.map((row) => row.after.version).sort((a, b) => a - b);
        const expected = Array.from({ length: agent.version - 1 }, (_, index) => index + 2);
        const latest = own.find((row) => row.after.version === agent.version);
        const lastAcked = ledger.filter((entry) => entry.agentId === agent.id).at(-1);
        const consistent =
          JSON.stringify(versions) === JSON.stringify(expected) &&
          (agent.version === 1 || latest?.after.name === agent.name) &&
          (!lastAcked || agent.version >= lastAcked.version);
        if (!consistent) halfApplied += 1;
      }
    } finally {
      await client.end();
    }
    /** @param {number | null} at */
    const sinceRestart = (at) => (at === null ? null : at - restartAt);
    const recoveryMs = sinceRestart(firstSuccessAfterOutage);
    figures.restart = {
      writers: WRITERS,
      restartAfterS: RESTART_AFTER_MS / 1000,
      loadSeconds: Number(elapsedS.toFixed(1)),
      attempts: tally.attempts,
      acknowledged: ledger.length,
      ackedBeforeRestart,
      failed: tally.failed,
      conflicts: tally.conflicts,
      networkErrors: tally.networkErrors,
      retries: tally.retries,
      failedStatuses: tally.statuses,
      networkErrorKinds: tally.errorKinds,
      restartCommandMs: restartDoneAt - restartAt,
      firstFailureMs: sinceRestart(firstFailure),
      lastFailureMs: sinceRestart(lastFailure),
      recoveryMs,
      lostAcknowledged: missing,
      halfApplied,
    };
    console.log(
      `bench-faults: restart run: ${ledger.length} acknowledged writes of ${tally.attempts} attempts in ${elapsedS.toFixed(1)} s; ${tally.failed} failed (${tally.networkErrors} network ${JSON.stringify(tally.errorKinds)}, ${tally.conflicts} conflicts, statuses ${JSON.stringify(tally.statuses)}), ${tally.retries} retried; pg_ctlcluster restart took ${restartDoneAt - restartAt} ms; first failure ${sinceRestart(firstFailure) ?? "none"} ms, first successful write after it ${recoveryMs ?? "never"} ms, last failure ${sinceRestart(lastFailure) ?? "none"} ms after the restart began`,
    );
    check(
      recoveryMs !== null,
      "the load saw the outage and the app recovered by itself (a write succeeded after it)",
    );
    check(ledger.length > ackedBeforeRestart, "writes were acknowledged after the restart");
    check(missing === 0, `no acknowledged write lost (${missing} of ${ledger.length} missing)`);
    check(halfApplied === 0, `no edit half-applied: audit rows match versions (${halfApplied} agents off)`);
  } finally {
    await stopServer(server);
  }
}

/**
 * bench/faults/import-fault.ts … in a child process; resolves with its exit code/signal and output.
 * why: node with tsx's loader, not the `tsx` CLI, which runs the script in a grandchild that a SIGKILL
 * of the CLI would leave running (and committing).
 */
/**
 * @param {NodeJS.ProcessEnv} env
 * @param {string[]} args
 */
function importFault(env, args) {
  const script = join(root, "bench", "faults", "import-fault.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (/** @type {Buffer} */ chunk) => (output += chunk.toString()));
  child.stderr.on("data", (/** @type {Buffer} */ chunk) => (output += chunk.toString()));
  /** @type {Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>} */
  const done = new Promise((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, output })),
  );
  return { child, done };
}

/**
 * @param {NodeJS.ProcessEnv} env
 * @param {string[]} args
 * @returns {Promise<ImportFaultOutput>}
 */
async function importFaultJson(env, args) {
  const { code, output } = await importFault(env, args).done;
  if (code !== 0) throw new Error(`import-fault ${args[0]} exited ${code}\n${output}`);
  return /** @type {ImportFaultOutput} */ (lastJsonLine(output));
}

/** @param {string} checksum */
const withoutImportRun = (checksum) =>
  checksum
    .split("\n")
    .filter((line) => !line.startsWith("ImportRun:"))
    .join("\n");

/**
 * @param {{ env: NodeJS.ProcessEnv; databaseUrl: URL; seed: FaultSeed }} options
 */
async function killedImportRun({ env, databaseUrl, seed }) {
  const teamId = seed.teamId;
  const preview = await importFaultJson(env, ["preview", teamId, String(IMPORT_AGENTS)]);
  const before = await importFaultJson(env, ["inspect", teamId, preview.importRunId]);
  const started = Date.now();
  const { child, done } = importFault(env, [
    "commit",
    teamId,
    String(IMPORT_AGENTS),
    preview.importRunId,
    preview.planHash,
  ]);
  const client = new pg.Client({ connectionString: databaseUrl.toString() });
  await client.connect();
  let doneAtKill = 0;
  try {
    while (Date.now() - started < IMPORT_KILL_DEADLINE_MS && child.exitCode === null) {
      // why: progress is recorded per phase; only the write phases run inside the import's transaction.
      /** @type {import("pg").QueryResult<{ doneSteps: number }>} */
      const { rows } = await client.query(
        `SELECT "doneSteps" FROM "ImportRun" WHERE id = $1 AND phase LIKE 'writing%'`,
        [preview.importRunId],
      );
      if ((rows[0]?.doneSteps ?? 0) > 0) {
        doneAtKill = rows[0]?.doneSteps ?? 0;
        child.kill("SIGKILL");
        break;
      }
      await sleep(50);
    }
  } finally {
    await client.end();
  }
  const exit = await done;
  const killedAfterMs = Date.now() - started;
  const after = await importFaultJson(env, ["inspect", teamId, preview.importRunId]);
  // why: the run's progress row is written outside the import transaction on purpose (pollers see it),
  // so it is the one row that may move; every other tenant table must be byte-for-byte as before.
  const untouched = withoutImportRun(after.checksum) === withoutImportRun(before.checksum);

  const second = await importFaultJson(env, ["preview", teamId, String(IMPORT_AGENTS)]);
  const completed = await importFaultJson(env, [
    "commit",
    teamId,
    String(IMPORT_AGENTS),
    second.importRunId,
    second.planHash,
  ]);
  const final = await importFaultJson(env, ["inspect", teamId, second.importRunId]);
  figures.killedImport = {
    agents: IMPORT_AGENTS,
    totalSteps: preview.totalSteps,
    doneStepsAtKill: doneAtKill,
    killedAfterMs,
    killSignal: exit.signal,
    killedRunStatus: after.run?.status,
    gatewayAfterKill: after.gateway,
    agentsAfterKill: after.agents,
    tenantUnchanged: untouched,
    completedImportMs: completed.ms,
    completedRunStatus: final.run?.status,
    agentsImported: final.agents,
    profilesImported: final.profiles,
    importAuditEvents: final.importAudits,
  };
  console.log(
    `bench-faults: import of ${IMPORT_AGENTS} agents (${preview.totalSteps} steps) killed with ${exit.signal} after ${killedAfterMs} ms at ${doneAtKill} steps done; run left ${after.run?.status}; tenant unchanged: ${untouched}; the same import then completed in ${completed.ms} ms: ${final.agents} agents, ${final.profiles} profiles, run ${final.run?.status}`,
  );
  check(
    exit.signal === "SIGKILL" && doneAtKill > 0,
    "the import process was killed while its transaction ran",
  );
  check(
    untouched && !after.gateway && after.agents === 0,
    "nothing half-imported (tenant checksum as before)",
  );
  check(
    after.run?.status !== "succeeded",
    `the killed ImportRun is not succeeded (it is ${after.run?.status})`,
  );
  check(
    final.run?.status === "succeeded" && final.agents === IMPORT_AGENTS && final.importAudits === 1,
    `the same import then applied fully (${final.agents} agents, run ${final.run?.status}, ${final.importAudits} import audit event)`,
  );
}

const { databaseName, databaseUrl, origin, env } = benchEnvironment({ prefix: "cf_faults", port });
try {
  await createBenchDatabase({ databaseName, env });
  const seed = /** @type {FaultSeed} */ (
    lastJsonLine(
      runOrThrow(env, "tsx", [join(root, "bench", "faults", "seed-fault-fleet.ts"), String(WRITERS)]),
    )
  );
  console.log("bench-faults: building the web app…");
  buildWebApp(env);
  await postgresRestartRun({ env, databaseUrl, origin, seed });
  await killedImportRun({ env, databaseUrl, seed });
} catch (error) {
  problems.push(`fault run aborted: ${error instanceof Error ? error.message : String(error)}`);
  console.error(error);
} finally {
  await dropBenchDatabase(databaseName);
}
writeFigures();
process.exit(problems.length ? 1 : 0);
