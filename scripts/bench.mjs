#!/usr/bin/env node
// @ts-check
// `npm run bench`: every workspace's `bench` script (each prints its own figures), the database figure
// (computeGatewayModelsStatuses over 10,000 agents, from packages/services' fleet-scale test), the loopback load
// benchmark (scripts/bench-load.mjs: 10,000- and 100,000-agent teams, cold and warm), the imports as worker
// jobs with agents.list measured during a 100,000-agent commit (scripts/bench-import-jobs.mjs), the fault runs
// (scripts/bench-faults.mjs), the abuse runs (scripts/bench-abuse.mjs), all under the build lock, the first-load JS per page
// (scripts/bench-first-load-js.mjs, from the build the load bench left), and the comparison with the real OpenClaw CLI
// (scripts/bench-openclaw.mjs, which installs it on demand and skips with a message when it cannot).
// Writes everything to bench/results.md with the machine, date, commit and load average.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  TURBO_TELEMETRY_DISABLED: "1",
  PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
};
/** @type {string[]} */
const failures = [];
const loadBefore = os.loadavg();

/**
 * Runs a command, echoes its output, and returns it (stdout and stderr).
 * @param {string} label
 * @param {string} command
 * @param {string[]} args
 */
function capture(label, command, args, cwd = root) {
  console.log(`\n━━ ${label} ━━`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  process.stdout.write(output);
  if (result.status !== 0) failures.push(`${label} exited ${result.status}`);
  return { output, seconds: (Date.now() - started) / 1000 };
}

const workspaces = capture("workspace benches", "npm", ["run", "bench", "--workspaces", "--if-present"]);
const coreLine = /models status: .*/.exec(workspaces.output)?.[0] ?? "not measured (see the output above)";

const dbRun = capture(
  "services: computeGatewayModelsStatuses over 10,000 agents",
  "vitest",
  ["run", "src/statuses/agent-models-status.test.ts", "-t", "fleet scale"],
  join(root, "packages", "services"),
);
const dbLine = /computeGatewayModelsStatuses: .*/.exec(dbRun.output)?.[0] ?? "not measured";

const hasFlock = spawnSync("flock", ["--version"], { encoding: "utf8" }).status === 0;
/**
 * Runs a bench script under the build lock (it builds and serves .next) and returns the JSON it wrote.
 * @param {string} label
 * @param {string} script
 * @param {string} jsonName
 * @returns {unknown}
 */
function runLocked(label, script, jsonName) {
  const jsonOut = join(root, "bench", "tmp", jsonName);
  rmSync(jsonOut, { force: true });
  const args = [join(root, "scripts", script), "--json-out", jsonOut];
  if (hasFlock) capture(label, "flock", ["/tmp/clawfleet-e2e.lock", process.execPath, ...args]);
  else capture(label, process.execPath, args);
  return existsSync(jsonOut) ? /** @type {unknown} */ (JSON.parse(readFileSync(jsonOut, "utf8"))) : null;
}

const load = /** @type {import("./bench-load.mjs").LoadFigures | null} */ (
  runLocked("load: next start on loopback, 10,000 and 100,000 agents", "bench-load.mjs", "load.json")
);
const importJobs = /** @type {import("./bench-import-jobs.mjs").ImportJobsFigures | null} */ (
  runLocked(
    "imports as worker jobs, agents.list during a 100,000-agent commit",
    "bench-import-jobs.mjs",
    "import-jobs.json",
  )
);

// why: the load bench left a production build in apps/web/.next; first-load JS is read from its manifests,
// under the build lock so no other build replaces it meanwhile.
const firstLoadFile = join(root, "bench", "tmp", "first-load-js.md");
rmSync(firstLoadFile, { force: true });
const firstLoadArgs = [join(root, "scripts", "bench-first-load-js.mjs"), "--section-out", firstLoadFile];
if (hasFlock)
  capture("first-load JS per page", "flock", ["/tmp/clawfleet-e2e.lock", process.execPath, ...firstLoadArgs]);
else capture("first-load JS per page", process.execPath, firstLoadArgs);
const firstLoadSection = existsSync(firstLoadFile)
  ? readFileSync(firstLoadFile, "utf8").trimEnd()
  : "## First-load JS per page (scripts/bench-first-load-js.mjs)\n\nNot measured: the production build could not be read (see the output of `npm run bench`).";

// why: the fault runs build and serve .next and restart Postgres, so they hold the same lock as e2e runs.
const faults = /** @type {import("./bench-faults.mjs").FaultFigures | null} */ (
  runLocked(
    "faults: Postgres restart under write load, import killed mid-commit",
    "bench-faults.mjs",
    "faults.json",
  )
);

// why: the connector bench serves .next and runs a real Gateway (about 1 GB), so it holds the same lock.
const connector =
  /** @type {(import("../bench/connector/connector-bench").ConnectorFigures & { skipped?: string }) | null} */ (
    runLocked(
      "connector: re-auth apply → verified and job throughput on a real OpenClaw Gateway",
      "bench-connector.mjs",
      "connector.json",
    )
  );

// why: the abuse bench builds and serves .next, so it holds the same lock.
const abuse = /** @type {import("./bench-abuse.mjs").AbuseFigures | null} */ (
  runLocked(
    "abuse: login burst, anonymous bad-token flood during a legitimate sign-in",
    "bench-abuse.mjs",
    "abuse.json",
  )
);

function abuseSection() {
  if (!abuse) return "The abuse bench did not complete; see the console output of `npm run bench`.";
  const { burst, flood } = abuse;
  const statuses = Object.entries(flood.flood.statuses)
    .map(([code, count]) => `${String(count)}× ${code}`)
    .join(", ");
  return [
    "The console's web server (`apps/web/server.mjs`) on 127.0.0.1 with `CLAWFLEET_TRUSTED_PROXIES=127.0.0.1`, each side given its own address through `X-Forwarded-For` (`node scripts/bench-abuse.mjs`).",
    "",
    "| Attack | Result | Goal |",
    "| --- | --- | --- |",
    `| Login burst: ${burst.attempts} sign-ins on one account at once (${burst.attempts - 1} wrong, 1 right), each from its own address | **${burst.checked} passwords checked** (${burst.failedChecks} wrong; counted from the account's \`auth.login.*\` audit rows, one per check), ${burst.throttled} refused unchecked, right password signed in: ${burst.rightSignedIn ? "yes (it won a slot)" : "no (throttled)"}; ${burst.elapsedMs} ms | ≤ ${burst.allowance} checked |`,
    `| ${flood.flood.connections} connections of anonymous bad-token requests for ${flood.flood.durationS} s (\`invitations.acceptAsNewUser\` with made-up tokens and ingest reports with made-up tokens, from 50 addresses) while a legitimate user signs in from another address | legitimate sign-in (CSRF + credentials callback) **p95 ${flood.signInP95} ms**, p50 ${flood.signInP50} ms, max ${flood.signInMax} ms over ${flood.signIns} sign-ins (${flood.signInFailures} failed); flood: ${flood.flood.requests} requests, ${flood.flood.reqPerSec} req/s, p95 ${flood.flood.p95} ms (${statuses}) | p95 < 1 s |`,
  ].join("\n");
}

function connectorSection() {
  if (!connector) return "The connector bench did not complete; see the console output of `npm run bench`.";
  if (connector.skipped) return `Skipped: ${connector.skipped}`;
  const runs = connector.reauthRuns
    .map(
      (run, index) =>
        `${index + 1}: ${(run.pushedMs / 1000).toFixed(1)} s / ${(run.verifiedMs / 1000).toFixed(1)} s`,
    )
    .join("; ");
  const t = connector.throughput;
  return [
    `A real OpenClaw ${connector.openclawVersion} Gateway in a loopback-only namespace, the console as two \`next start\` instances and a worker, and a host agent enrolled through the real flow and polling the second instance (\`node scripts/bench-connector.mjs\`).`,
    "",
    "| Measure | Median | Runs | Goal | Command |",
    "| --- | --- | --- | --- | --- |",
    `| Re-auth of a setup-token: "Apply credential" (the submission use case) → **verified** from the host's real \`models status --json\` | **${(connector.reauthMedianMs.verified / 1000).toFixed(1)} s** (pushed to host after ${(connector.reauthMedianMs.pushed / 1000).toFixed(1)} s) | ${runs} (pushed / verified) | median of 5 | \`node scripts/bench-connector.mjs\` |`,
    `| Job throughput per connected gateway: ${t.jobs} agent params edits queued at once, each a \`config.patch\` | **${t.jobsPerMinute} jobs/min** (all applied after ${(t.elapsedMs / 1000).toFixed(1)} s; median ${(t.medianApplyMs / 1000).toFixed(1)} s from delivery to applied) | ${t.jobs} | – | \`node scripts/bench-connector.mjs\` |`,
    "",
    "A setup-token push is `openclaw models auth paste-token` on stdin (a CLI start of several seconds), then `models.authRefresh` and a `models.authStatus` check; `verified` waits for the host agent's next `openclaw models status --json --agent main` (another CLI run of several seconds). Config patches are applied one at a time per gateway, in order (`config.get` → `config.patch`, then a wait for the Gateway's hot reload), while the agent reports each touched agent's real status beside them.",
  ].join("\n");
}

function faultSection() {
  if (!faults) return "The fault runs did not complete; see the console output of `npm run bench`.";
  if (faults.skipped) return `Skipped: ${faults.skipped}`;
  const lines = [];
  const r = faults.restart;
  if (r) {
    const http =
      Object.entries(r.failedStatuses)
        .map(([what, n]) => `${String(n)}× ${what}`)
        .join(", ") || "0";
    lines.push(
      `**Postgres restarted during a write load** (\`pg_ctlcluster … restart -m immediate\` ${r.restartAfterS} s into a ${r.loadSeconds} s load; ${r.writers} writers each editing one agent through \`agents.update\` on \`next start\` with version checks, keeping a ledger of acknowledged writes):`,
      "",
      "| Attempts | Acknowledged | Failed (network / HTTP answers / conflicts) | Retried | Restart command | First failure | Recovery (first acknowledged write after the outage) | Last failure | Acknowledged writes lost | Edits half-applied |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      `| ${r.attempts} | ${r.acknowledged} | ${r.failed} (${r.networkErrors} / ${http} / ${r.conflicts}) | ${r.retries} | ${r.restartCommandMs} ms | +${r.firstFailureMs ?? "–"} ms | **+${r.recoveryMs ?? "never"} ms** | +${r.lastFailureMs ?? "–"} ms | **${r.lostAcknowledged}** | **${r.halfApplied}** |`,
      "",
      "Times count from the start of the restart command. The app recovered by itself (the pg pool drops broken connections and opens new ones); every acknowledged write was found with its audit row, and each agent's audit rows cover its versions 2…n exactly once.",
      "",
    );
  }
  const k = faults.killedImport;
  if (k) {
    lines.push(
      `**Import process killed mid-commit** (\`kill -9\` of the process running \`commitImport\` for ${k.agents} agents with their own profiles, ${k.totalSteps} steps, as soon as the ImportRun row showed progress): killed after ${k.killedAfterMs} ms at ${k.doneStepsAtKill} steps done; the tenant's data checksum (every table but the ImportRun progress row, written outside the transaction on purpose) was **${k.tenantUnchanged ? "unchanged" : "CHANGED"}**, ${k.agentsAfterKill} agents imported, the run left \`${k.killedRunStatus}\`. The same import then completed in ${(k.completedImportMs / 1000).toFixed(1)} s: ${k.agentsImported} agents, ${k.profilesImported} profiles, run \`${k.completedRunStatus}\`, ${k.importAuditEvents} audit event.`,
    );
  }
  if (faults.problems?.length)
    lines.push("", ...faults.problems.map((/** @type {string} */ problem) => `- Problem: ${problem}`));
  return lines.join("\n");
}

// why: the comparison installs the real CLI on demand (npm registry only) and exits 0 with a "Skipped: …"
// section when it is unavailable, so an offline machine still gets the rest of the report.
const cliSectionFile = join(root, "bench", "tmp", "openclaw-section.md");
rmSync(cliSectionFile, { force: true });
capture("openclaw: the real CLI against Clawfleet", process.execPath, [
  join(root, "scripts", "bench-openclaw.mjs"),
  "--section-out",
  cliSectionFile,
]);
const cliComparison = existsSync(cliSectionFile)
  ? readFileSync(cliSectionFile, "utf8")
      .replace(/^## Against the real OpenClaw CLI\n\n/u, "")
      .trimEnd()
  : "The comparison did not run to the end; see the console output of `npm run bench`.";

/** @param {string[]} args */
const git = (args) => spawnSync("git", args, { cwd: root, encoding: "utf8" }).stdout.trim();
const commit = git(["rev-parse", "--short", "HEAD"]);
const dirty = git(["status", "--porcelain"]) ? " (working tree had uncommitted changes)" : "";
const cpus = os.cpus();
const machine = `${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;

const LOAD_COMMAND = "`node scripts/bench-load.mjs`";
const IMPORT_COMMAND = "`node scripts/bench-import-jobs.mjs`";

/**
 * Whether a row met its goal, in words.
 * @param {{ p95: number; p99: number; requests: number; note?: string; goal?: { percentile: "p95" | "p99"; ms: number } }} f
 */
function verdict(f) {
  if (!f.goal) return { goal: "–", met: "–" };
  const goal = `${f.goal.percentile} < ${f.goal.ms.toLocaleString("en")} ms`;
  if (f.note || f.requests === 0) return { goal, met: "**missed**" };
  return { goal, met: f[f.goal.percentile] < f.goal.ms ? "met" : "**missed**" };
}

/**
 * One row of the HTTP load table.
 * @param {{ name: string; connections: number; requests: number; durationS: number; reqPerSec: number; p50: number; p95: number; p99: number; non2xx: number; errors: number; note?: string; goal?: { percentile: "p95" | "p99"; ms: number } }} f
 * @param {string} command
 */
function row(f, command) {
  const { goal, met } = verdict(f);
  const figures = f.note
    ? `– | – | – | – | – | – | – | ${goal} | ${met}: ${f.note}`
    : `${f.requests} in ${f.durationS} s | **${f.reqPerSec}** | ${f.p50} | ${f.p95} | ${f.p99} | ${f.non2xx} | ${f.errors} | ${goal} | ${met}`;
  return `| ${f.name} | ${f.connections} | ${figures} | ${command} |`;
}

/** The 100,000-agent import run of bench-import-jobs, with agents.list measured before and during it. */
const heavyImport = importJobs?.runs.find((run) => run.agentsListDuringCommit);
const idleList = heavyImport?.agentsListIdle;
const duringList = heavyImport?.agentsListDuringCommit;
/** @type {string[]} */
const importRows =
  heavyImport && idleList && duringList
    ? [
        row(
          {
            name: "agents.list (page 1) idle, before the 100,000-agent import",
            connections: 10,
            durationS: 10,
            reqPerSec: Number((idleList.requests / 10).toFixed(1)),
            errors: 0,
            ...idleList,
            goal: { percentile: "p99", ms: 500 },
          },
          IMPORT_COMMAND,
        ),
        row(
          {
            name: "agents.list (page 1) while the worker commits the 100,000-agent import job",
            connections: 10,
            durationS: Number((heavyImport.commitMs / 1000).toFixed(1)),
            reqPerSec: Number((duringList.requests / (heavyImport.commitMs / 1000)).toFixed(1)),
            errors: 0,
            ...duringList,
            goal: { percentile: "p99", ms: 500 },
          },
          IMPORT_COMMAND,
        ),
      ]
    : [
        `| agents.list during the 100,000-agent import job | 10 | – | – | – | – | – | – | – | p99 < 500 ms | **missed** (the import bench did not complete) | ${IMPORT_COMMAND} |`,
      ];

/**
 * @typedef {{ agents: number; gateways: number; profiles: number; ownStores: number; seedMs: number;
 *   statusRefreshMs: number; storedStatuses: string; mix?: { ok: number; expiring: number; failing: number; refused: number; total: number } }} SeededTeamFigures
 */
/** @param {number} part @param {number} total */
const share = (part, total) => `${part} (${((100 * part) / Math.max(total, 1)).toFixed(1)} %)`;
const loadTable = load
  ? [
      "Seeded fleets (bench/load/seed-bench-fleet.ts, multi-row inserts through the db package's batched writes, then `ANALYZE`): every gateway has a valid config (`agents.ownership: \"explicit\"`, a default model with a fallback, aliases, `auth.profiles` and `auth.order`) and a shared store with an API key (a quarter disabled for billing), a team setup-token (5 % of gateways' expire within 24 h, 4 % expired), an OAuth sign-in and an OpenAI key in a rate-limit cooldown; one gateway in 33 keeps a config OpenClaw refuses. Every sixth agent has its own setup-token first in its stored order (some cooling down, some expiring within 24 h, some expired), every tenth its own OAuth sign-in, one in 31 uses a provider nobody has credentials for. The `--check` roll-up as `fleet.status` reported it before measuring (asserted: every verdict present, most agents ok, refused ≤ 10 %):",
      "",
      "| Team | Agents | Gateways | Profiles (own stores) | ok | expiring | failing | refused | Seeded in | Stored statuses |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...Object.entries(/** @type {Record<string, SeededTeamFigures>} */ (load.teams)).map(
        ([label, team]) => {
          const mix = team.mix ?? { ok: 0, expiring: 0, failing: 0, refused: 0, total: 0 };
          return `| ${label} | ${team.agents} | ${team.gateways} | ${team.profiles} (${team.ownStores}) | ${share(mix.ok, mix.total)} | ${share(mix.expiring, mix.total)} | ${share(mix.failing, mix.total)} | ${share(mix.refused, mix.total)} | ${(team.seedMs / 1000).toFixed(1)} s | ${team.storedStatuses}${team.statusRefreshMs > 100 ? ` in ${(team.statusRefreshMs / 1000).toFixed(1)} s` : ""} |`;
        },
      ),
      "",
      `Server: \`next start\` (production build) on 127.0.0.1:${load.port}, one Node process, Postgres on the same machine, signed-in admin session of each team; \`agents.list\` reported a total of ${load.agentsListTotal} for the 10,000-agent team. Statuses are stored rows (\`AgentStatus\`), never computed by a request. Cold: the first request after an agent edit (\`agents.update\`, which recomputes that agent and makes the server forget the team's shared status reads), one at a time; warm: 10 connections right after, where identical \`fleet.status\` and \`authMatrix.list\` reads in flight or started in the last 2 s share one answer (\`packages/services/src/statuses/shared-status-reads.ts\`).`,
      "",
      "| Target | Connections | Requests | req/s | p50 ms | p95 ms | p99 ms | non-2xx | errors | Goal | Met | Command |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...load.targets.map((/** @type {Parameters<typeof row>[0]} */ f) => row(f, LOAD_COMMAND)),
      ...importRows,
    ].join("\n")
  : "The load benchmark did not complete; see the console output of `npm run bench`.";

/** @param {{ label: string; agents: number; uploadMiB: number; previewMs: number; commitMs: number; workerPeakRssMiB: { afterPreview: number; afterCommit: number }; workerPickupDuringCommit?: { probes: number; p50: number; max: number } }} run */
const importRow = (run) =>
  `| ${run.label} | ${run.agents} | ${run.uploadMiB} | ${(run.previewMs / 1000).toFixed(1)} s | ${(run.commitMs / 1000).toFixed(1)} s | ${run.workerPeakRssMiB.afterPreview} / ${run.workerPeakRssMiB.afterCommit} MiB | ${run.workerPickupDuringCommit ? `p50 ${run.workerPickupDuringCommit.p50} ms, max ${run.workerPickupDuringCommit.max} ms (${run.workerPickupDuringCommit.probes} probes)` : "–"} |`;
const importTable = importJobs?.runs?.length
  ? [
      "| Import | Agents | Upload MiB | Preview (request to `previewed`) | Commit (confirm to `succeeded`) | Worker peak RSS after preview / commit | Other jobs picked up during the commit |",
      "| --- | --- | --- | --- | --- | --- | --- |",
      ...importJobs.runs.map(importRow),
    ].join("\n")
  : "The import-jobs bench did not complete; see the console output of `npm run bench`.";

const results = `# Clawfleet benchmark results

Written by \`npm run bench\` (scripts/bench.mjs). Loopback only, bounded duration and count.

- **Date:** ${new Date().toISOString()}
- **Commit:** ${commit}${dirty}
- **Machine:** ${machine}
- **Load average (1/5/15 min) before / after:** ${loadBefore.map((n) => n.toFixed(2)).join(" ")} / ${os
  .loadavg()
  .map((n) => n.toFixed(2))
  .join(" ")} (the machine is shared; other work running at the same time shows in the tails)

## Status computation (packages/core, pure)

\`npm run bench -w @clawfleet/core\`: ${coreLine}

## Status computation from the database (packages/services over packages/db)

\`vitest run src/statuses/agent-models-status.test.ts -t "fleet scale"\` (one gateway with 10,000 agents, one load, Postgres): ${dbLine}

## HTTP load (scripts/bench-load.mjs, scripts/bench-import-jobs.mjs, autocannon)

${loadTable}

Ingest posts the real \`openclaw models status --json\` capture of fixture 01 (about 2 KiB) with 100 gateway tokens in turn (the route allows 120 reports a minute per token).

## Imports as worker jobs (scripts/bench-import-jobs.mjs)

\`next start\` and one worker process (\`apps/worker/bin/worker.mjs\`) on a dedicated database; each import goes through tRPC as the browser sends it (\`imports.preview\`, then \`imports.commit\`), timed to the run's final state (polled every 100 ms). During the 100,000-agent commit, \`agents.list\` runs at 10 connections (rows above) and a no-op job is queued every 250 ms.

${importTable}

## Fault runs (scripts/bench-faults.mjs)

${faultSection()}

## Connector on a real OpenClaw Gateway (scripts/bench-connector.mjs)

${connectorSection()}

## Abuse (scripts/bench-abuse.mjs)

${abuseSection()}

${firstLoadSection}

## Against the real OpenClaw CLI

${cliComparison}
${failures.length ? `\n## Problems during this run\n\n${failures.map((line) => `- ${line}`).join("\n")}\n` : ""}`;

mkdirSync(join(root, "bench"), { recursive: true });
writeFileSync(join(root, "bench", "results.md"), results);
// why: the file is committed; formatted here, `prettier --check .` stays green without a manual step.
spawnSync("prettier", ["--write", join("bench", "results.md")], { cwd: root, env, stdio: "ignore" });
console.log(`\nWrote bench/results.md${failures.length ? ` (${failures.length} problems)` : ""}`);
process.exit(failures.length ? 1 : 0);
