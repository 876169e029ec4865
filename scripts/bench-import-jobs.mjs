#!/usr/bin/env node
// @ts-check
// Imports as worker jobs, measured end to end on a dedicated database: `next start` and one worker process
// (`node apps/worker/bin/worker.mjs`), an admin signed in over HTTP, and three imports through tRPC exactly
// as the browser sends them: fixture 02, a 10,000-agent and a 100,000-agent `openclaw.json` with a shared
// store. For each: the preview request, the preview job and the commit job (request to the run's final
// state, polled every 100 ms), and the worker's peak RSS so far (VmHWM). While the 100,000-agent commit
// runs, autocannon drives `agents.list` (10 connections; 10 s just before it as the baseline) and a no-op
// job is queued every 250 ms to time how fast the busy worker picks other work up. Writes JSON to --json-out
// (default bench/tmp/import-jobs.json); scripts/bench.mjs runs it and reports the figures in bench/results.md.
// It builds and serves .next, so run it under the build lock like the other loopback benches:
//   flock /tmp/clawfleet-e2e.lock node scripts/bench-import-jobs.mjs
import { spawn } from "node:child_process";
/** @import { ChildProcess } from "node:child_process" */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { tsImport } from "tsx/esm/api";
import {
  benchEnvironment,
  percentiles,
  buildWebApp,
  createBenchDatabase,
  dropBenchDatabase,
  lastJsonLine,
  root,
  runOrThrow,
  signIn,
  startNextServer,
  stopServer,
  trpcQuery,
} from "./bench-next-server.mjs";

const argOut = process.argv.indexOf("--json-out");
const jsonOut =
  argOut > 0 ? (process.argv[argOut + 1] ?? "") : join(root, "bench", "tmp", "import-jobs.json");
const port = Number(process.env.CLAWFLEET_BENCH_IMPORT_PORT ?? 3231);
const SIZES = [10_000, 100_000];
const RUN_DEADLINE_MS = 20 * 60_000;

/**
 * @typedef {{ requests: number; p50: number; p95: number; p99: number; max: number; non2xx: number }} ListLatency
 * @typedef {{ label: string; agents: number; uploadMiB: number; previewRequestMs: number; previewMs: number;
 *   commitMs: number; workerPeakRssMiB: { afterPreview: number; afterCommit: number };
 *   agentsListIdle?: ListLatency; agentsListDuringCommit?: ListLatency;
 *   workerPickupDuringCommit?: { probes: number; p50: number; max: number } }} ImportRunFigures
 * @typedef {{ startedAt: string; finishedAt?: string; runs: ImportRunFigures[] }} ImportJobsFigures
 * @typedef {{ status: string; error: string | null; planHash: string; summary: { agents: { create: number } } }} ImportRun
 */

const { databaseName, databaseUrl, origin, env } = benchEnvironment({ prefix: "cf_bench_import", port });
/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * A TypeScript module of the db package, through tsx; the caller names its type.
 * @param {string} path
 * @returns {Promise<unknown>}
 */
const importTs = (path) => tsImport(path, import.meta.url);
const { largeOpenClawStateFiles } =
  /** @type {typeof import("../packages/db/src/testing/large-openclaw-state.ts")} */ (
    await importTs("../packages/db/src/testing/large-openclaw-state.ts")
  );
const { readFixtureFolder, fixturesRoot } =
  /** @type {typeof import("../packages/db/src/testing/openclaw-fixtures.ts")} */ (
    await importTs("../packages/db/src/testing/openclaw-fixtures.ts")
  );

/**
 * A tRPC mutation's data, or a thrown error naming the path and status.
 * @param {string} cookie
 * @param {string} path
 * @param {unknown} input
 */
async function trpcMutation(cookie, path, input) {
  const send = () =>
    fetch(`${origin}/api/trpc/${path}`, {
      method: "POST",
      headers: { cookie, origin, "content-type": "application/json" },
      body: JSON.stringify({ json: input }),
    });
  // why: fetch may pick a pooled keep-alive socket the server is just closing (EPIPE); a POST is not
  // retried by fetch itself, and nothing reached the server, so sending it once more is safe.
  const response = await send().catch(send);
  const body = /** @type {{ result?: { data?: { json?: unknown } }; error?: { json?: unknown } } | null} */ (
    await response.json().catch(() => null)
  );
  if (!response.ok)
    throw new Error(`${path} answered ${response.status}: ${JSON.stringify(body?.error?.json)}`);
  return body?.result?.data?.json;
}

/**
 * The import run as the page polls it.
 * @param {string} cookie
 * @param {string} importRunId
 * @returns {Promise<ImportRun>}
 */
async function readRun(cookie, importRunId) {
  const response = await fetch(`${origin}${trpcQuery("imports.run", { importRunId })}`, {
    headers: { cookie },
  });
  const body = /** @type {{ result: { data: { json: ImportRun } } }} */ (await response.json());
  return body.result.data.json;
}

/**
 * Polls the run until it leaves the in-progress states; returns it and the milliseconds since `since`.
 * @param {string} cookie
 * @param {string} importRunId
 * @param {number} since
 */
async function waitForRun(cookie, importRunId, since) {
  for (;;) {
    const run = await readRun(cookie, importRunId);
    if (!["queued", "previewing", "commit_queued", "committing"].includes(run.status))
      return { run, ms: Math.round(performance.now() - since) };
    if (performance.now() - since > RUN_DEADLINE_MS)
      throw new Error(`run ${importRunId} still ${run.status}`);
    await sleep(100);
  }
}

/**
 * The worker's peak resident set so far (VmHWM), in MiB.
 * @param {number | undefined} pid
 */
function workerPeakRssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmHWM:\s+(\d+) kB/u.exec(status)?.[1] ?? 0) / 1024);
}

/**
 * agents.list under 10 connections until `stop()` is called; resolves with its latency figures.
 * @param {string} cookie
 */
function loadAgentsList(cookie) {
  /** @type {number[]} */
  const times = [];
  let non2xx = 0;
  /** @type {() => void} */
  let finished = () => undefined;
  const done = new Promise((resolve) => {
    finished = () => resolve(undefined);
  });
  // why: with a callback autocannon returns its instance (to stop it), not a promise.
  const instance = autocannon(
    {
      url: origin,
      connections: 10,
      duration: RUN_DEADLINE_MS / 1000,
      requests: [
        { method: "GET", path: trpcQuery("agents.list", { page: 1, pageSize: 50 }), headers: { cookie } },
      ],
    },
    () => finished(),
  );
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    times.push(responseTime);
    if (statusCode < 200 || statusCode >= 300) non2xx += 1;
  });
  return {
    async stop() {
      instance.stop();
      await done;
      return { ...percentiles(times), non2xx };
    },
  };
}

/** Queues a no-op job every 250 ms and times how long the worker takes to finish each. */
function probeWorkerPickup() {
  const client = new pg.Client({ connectionString: databaseUrl.toString() });
  /** @type {number[]} */
  const latencies = [];
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const started = performance.now();
      /** @type {import("pg").QueryResult<{ id: string }>} */
      const { rows } = await client.query(`SELECT (graphile_worker.add_job('imports.sweep', '{}'::json)).id`);
      while (running) {
        const left = await client.query("SELECT 1 FROM graphile_worker._private_jobs WHERE id = $1", [
          rows[0]?.id,
        ]);
        if (left.rowCount === 0) break;
        await sleep(10);
      }
      latencies.push(performance.now() - started);
      await sleep(250);
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = latencies.sort((left, right) => left - right);
      return {
        probes: sorted.length,
        p50: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
        max: Math.round(sorted.at(-1) ?? 0),
      };
    },
  };
}

/**
 * One import through tRPC and the worker: preview, then commit; with a large upload, agents.list and the
 * worker's pickup of other jobs are measured during the commit.
 * @param {string} cookie
 * @param {ChildProcess} worker
 * @param {{ label: string; files: { path: string; text: string }[] }} upload
 * @returns {Promise<ImportRunFigures>}
 */
async function importOnce(cookie, worker, { label, files }) {
  const bytes = files.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
  const target = { newGateway: { name: label, homeDir: "/home/openclaw", openclawVersion: "2026.9.6" } };
  const requested = performance.now();
  const { importRunId } = /** @type {{ importRunId: string }} */ (
    await trpcMutation(cookie, "imports.preview", { target, upload: { files } })
  );
  const previewRequestMs = Math.round(performance.now() - requested);
  const preview = await waitForRun(cookie, importRunId, requested);
  if (preview.run.status !== "previewed")
    throw new Error(`${label}: preview ${preview.run.status}: ${preview.run.error ?? ""}`);
  const peakAfterPreview = workerPeakRssMiB(worker.pid);

  const heavy = bytes > 10 * 1024 * 1024;
  /** @type {ListLatency | undefined} */
  let idle;
  if (heavy) {
    // The same query with no import running, as a baseline for the figures during the commit.
    const baseline = loadAgentsList(cookie);
    await sleep(10_000);
    idle = await baseline.stop();
  }
  const load = heavy ? loadAgentsList(cookie) : null;
  const probe = heavy ? probeWorkerPickup() : null;
  const confirmed = performance.now();
  await trpcMutation(cookie, "imports.commit", { importRunId, planHash: preview.run.planHash });
  const commit = await waitForRun(cookie, importRunId, confirmed);
  const duringCommit = load ? await load.stop() : null;
  const pickup = probe ? await probe.stop() : undefined;
  if (commit.run.status !== "succeeded")
    throw new Error(`${label}: commit ${commit.run.status}: ${commit.run.error ?? ""}`);
  const figures = {
    label,
    agents: preview.run.summary.agents.create,
    uploadMiB: Number((bytes / 1048576).toFixed(1)),
    previewRequestMs,
    previewMs: preview.ms,
    commitMs: commit.ms,
    workerPeakRssMiB: { afterPreview: peakAfterPreview, afterCommit: workerPeakRssMiB(worker.pid) },
    ...(duringCommit
      ? { agentsListIdle: idle, agentsListDuringCommit: duringCommit, workerPickupDuringCommit: pickup }
      : {}),
  };
  console.log(`bench-import-jobs: ${JSON.stringify(figures)}`);
  return figures;
}

let server;
/** @type {ChildProcess | undefined} */
let worker;
/** @type {ImportJobsFigures} */
const figures = { startedAt: new Date().toISOString(), runs: [] };
try {
  await createBenchDatabase({ databaseName, env });
  const seed = /** @type {{ admin: { email: string; password: string } }} */ (
    lastJsonLine(runOrThrow(env, "tsx", [join(root, "bench/import/seed-import-bench.ts")]))
  );
  buildWebApp(env);
  server = await startNextServer({ env, port, origin });
  worker = spawn(process.execPath, [join(root, "apps", "worker", "bin", "worker.mjs")], {
    cwd: root,
    env: { ...env, CLAWFLEET_LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const cookie = await signIn(origin, seed.admin);
  const started = worker;

  const fixture02 = readFixtureFolder(
    join(fixturesRoot, "02-mixed-token-oauth-cooldown-disabled", "rendered-input"),
  );
  figures.runs.push(await importOnce(cookie, started, { label: "fixture-02", files: fixture02 }));
  for (const agents of SIZES) {
    const files = largeOpenClawStateFiles({ agents, label: `B${agents}` });
    figures.runs.push(await importOnce(cookie, started, { label: `agents-${agents}`, files }));
  }
} finally {
  const running = worker;
  if (running?.exitCode === null) {
    running.kill("SIGTERM");
    await new Promise((resolve) => running.once("exit", resolve));
  }
  await stopServer(server);
  await dropBenchDatabase(databaseName);
  figures.finishedAt = new Date().toISOString();
  mkdirSync(dirname(jsonOut), { recursive: true });
  writeFileSync(jsonOut, JSON.stringify(figures, null, 2));
}
