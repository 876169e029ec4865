#!/usr/bin/env node
// `npm run bench`: every workspace's `bench` script (each prints its own figures), the database figure
// (computeGatewayModelsStatuses over 10,000 agents, from packages/services' fleet-scale test), the loopback load
// benchmark (scripts/bench-load.mjs, under the build lock), and the comparison with the real OpenClaw CLI
// (scripts/bench-openclaw.mjs, which installs it on demand and skips with a message when it cannot).
// Writes everything to bench/results.md with the machine, date and commit.
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
const failures = [];

/** Runs a command, echoes its output, and returns it (stdout and stderr). */
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

const loadJson = join(root, "bench", "tmp", "load.json");
const lockArgs = [
  "/tmp/clawfleet-e2e.lock",
  process.execPath,
  join(root, "scripts", "bench-load.mjs"),
  "--json-out",
  loadJson,
];
const hasFlock = spawnSync("flock", ["--version"], { encoding: "utf8" }).status === 0;
const loadRun = hasFlock
  ? capture("load: next start on loopback, 10,000 agents", "flock", lockArgs)
  : capture("load: next start on loopback, 10,000 agents", process.execPath, lockArgs.slice(2));
const load = loadRun.output && existsSync(loadJson) ? JSON.parse(readFileSync(loadJson, "utf8")) : null;

// why: the fault runs build and serve .next and restart Postgres, so they hold the same lock as e2e runs.
const faultsJson = join(root, "bench", "tmp", "faults.json");
const faultArgs = [join(root, "scripts", "bench-faults.mjs"), "--json-out", faultsJson];
const faultsLabel = "faults: Postgres restart under write load, import killed mid-commit";
rmSync(faultsJson, { force: true });
const faultsRun = hasFlock
  ? capture(faultsLabel, "flock", ["/tmp/clawfleet-e2e.lock", process.execPath, ...faultArgs])
  : capture(faultsLabel, process.execPath, faultArgs);
const faults =
  faultsRun.output && existsSync(faultsJson) ? JSON.parse(readFileSync(faultsJson, "utf8")) : null;

function faultSection() {
  if (!faults) return "The fault runs did not complete; see the console output of `npm run bench`.";
  if (faults.skipped) return `Skipped: ${faults.skipped}`;
  const lines = [];
  const r = faults.restart;
  if (r) {
    const http =
      Object.entries(r.failedStatuses)
        .map(([what, n]) => `${n}× ${what}`)
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
  if (faults.problems?.length) lines.push("", ...faults.problems.map((problem) => `- Problem: ${problem}`));
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

const git = (args) => spawnSync("git", args, { cwd: root, encoding: "utf8" }).stdout.trim();
const commit = git(["rev-parse", "--short", "HEAD"]);
const dirty = git(["status", "--porcelain"]) ? " (working tree had uncommitted changes)" : "";
const cpus = os.cpus();
const machine = `${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;

const row = (f) =>
  `| ${f.name} | ${f.connections} | ${f.requests} in ${f.durationS} s | **${f.reqPerSec}** | ${f.p50} | ${f.p95} | ${f.p99} | ${f.non2xx} | ${f.errors} |`;
const loadTable = load
  ? [
      `Seeded ${load.seed.agents} agents on ${load.seed.gateways} gateways (2 profiles each: API key and setup-token, encrypted) in ${(load.seed.seedMs / 1000).toFixed(1)} s; \`agents.list\` reported a total of ${load.agentsListTotal}. Server: \`next start\` (production build) on 127.0.0.1:${load.port}, one Node process, Postgres 15 on the same machine, signed-in admin session.`,
      "",
      "| Target | Connections | Requests | req/s | p50 ms | p95 ms | p99 ms | non-2xx | errors |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...["agentsList", "agentsSearch", "fleetStatus", "ingest"].map((key) => row(load[key])),
    ].join("\n")
  : "The load benchmark did not complete; see the console output of `npm run bench`.";

const results = `# Clawfleet benchmark results

Written by \`npm run bench\` (scripts/bench.mjs). Loopback only, bounded duration and count.

- **Date:** ${new Date().toISOString()}
- **Commit:** ${commit}${dirty}
- **Machine:** ${machine}

## Status computation (packages/core, pure)

\`npm run bench -w @clawfleet/core\`: ${coreLine}

## Status computation from the database (packages/services over packages/db)

\`vitest run src/statuses/agent-models-status.test.ts -t "fleet scale"\` (one gateway with 10,000 agents, one load, Postgres): ${dbLine}

## HTTP load (scripts/bench-load.mjs, autocannon)

${loadTable}

\`fleet.status\` reads the stored statuses (SQL aggregates; the seed computes them once, as the worker would).
Ingest posts the real \`openclaw models status --json\` capture of fixture 01 (about 2 KiB) with 100 gateway tokens in turn (the route allows 120 reports a minute per token).

## Fault runs (scripts/bench-faults.mjs)

${faultSection()}

## Against the real OpenClaw CLI

${cliComparison}
${failures.length ? `\n## Problems during this run\n\n${failures.map((line) => `- ${line}`).join("\n")}\n` : ""}`;

mkdirSync(join(root, "bench"), { recursive: true });
writeFileSync(join(root, "bench", "results.md"), results);
console.log(`\nWrote bench/results.md${failures.length ? ` (${failures.length} problems)` : ""}`);
process.exit(failures.length ? 1 : 0);
