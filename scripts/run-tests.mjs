#!/usr/bin/env node
// @ts-check
// `npm test`: every suite, in order of speed — unit (core, cli), integration against real Postgres (db,
// services, web routers, worker) and against a real OpenClaw Gateway, then e2e in Chromium against `next start`.
// Ends with one line totalling all suites: `N passed, N failed`. Exits non-zero if anything failed or a suite
// could not run.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const resultsDir = join(root, ".cache", "test-results");
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  TURBO_TELEMETRY_DISABLED: "1",
  PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
};

/**
 * @param {string} command
 * @param {string[]} args
 * @returns {Promise<number>} the exit code
 */
function run(command, args, cwd = root) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: "inherit" });
    child.once("error", () => resolve(1));
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

/**
 * A suite with `throughScript` runs through its package's `npm test`, which wraps vitest (the real-Gateway suite
 * enters a loopback-only network namespace there); the others run vitest directly.
 * @type {{ name: string, dir: string, throughScript?: boolean }[]}
 */
const vitestSuites = [
  { name: "unit: core", dir: "packages/core" },
  { name: "unit: cli", dir: "apps/cli" },
  { name: "integration: db", dir: "packages/db" },
  { name: "integration: services", dir: "packages/services" },
  { name: "integration: web", dir: "apps/web" },
  { name: "integration: worker", dir: "apps/worker" },
  { name: "integration: gateway", dir: "packages/openclaw-gateway", throughScript: true },
  { name: "integration: host agent", dir: "apps/host-agent", throughScript: true },
];

/** @type {{ name: string, passed: number, failed: number }[]} */
const totals = [];

/**
 * The parts of vitest's JSON report counted here.
 * @typedef {{ numPassedTests: number, numFailedTests: number,
 *   testResults: { status: string, assertionResults: unknown[] }[] }} VitestReport
 * The parts of Playwright's JSON report counted here.
 * @typedef {{ stats: { expected: number, unexpected: number, flaky: number } }} PlaywrightReport
 */

/**
 * A JSON report a runner wrote, or null when it wrote none (it crashed before the end).
 * @template Report
 * @param {string} path
 * @returns {Report | null}
 */
function readReport(path) {
  if (!existsSync(path)) return null;
  /** @type {unknown} */
  const parsed = JSON.parse(readFileSync(path, "utf8"));
  return /** @type {Report} */ (parsed);
}

// why: CI generates the client once before it starts static checks beside the tests (CLAWFLEET_PRISMA_GENERATED),
// so neither the tests nor turbo's build dependency rewrite it while the checks read it.
const clientGenerated = process.env.CLAWFLEET_PRISMA_GENERATED === "1";
if (
  !clientGenerated &&
  (await run(process.execPath, [join(root, "packages/db/scripts/prisma.cjs"), "generate"])) !== 0
) {
  totals.push({ name: "prisma generate", passed: 0, failed: 1 });
}

for (const suite of vitestSuites) {
  const output = join(resultsDir, `${suite.dir.replaceAll("/", "-")}.json`);
  console.log(`\n━━ ${suite.name} ━━`);
  const reporters = ["--reporter=default", "--reporter=json", `--outputFile=${output}`];
  const code = suite.throughScript
    ? await run("npm", ["run", "--silent", "test", "--", ...reporters], join(root, suite.dir))
    : await run("vitest", ["run", ...reporters], join(root, suite.dir));
  /** @type {VitestReport | null} */
  const report = readReport(output);
  const passed = report?.numPassedTests ?? 0;
  // A file that fails to load has no failed tests but a failed suite; count it as a failure too.
  const unloadedFiles =
    report?.testResults.filter((file) => file.status === "failed" && file.assertionResults.length === 0)
      .length ?? 0;
  const failed = (report?.numFailedTests ?? 0) + unloadedFiles;
  totals.push({ name: suite.name, passed, failed: failed > 0 ? failed : code !== 0 ? 1 : 0 });
}

console.log("\n━━ build: web ━━");
const buildCode = await run("turbo", [
  "run",
  "build",
  "--filter=@clawfleet/web",
  "--output-logs=errors-only",
  ...(clientGenerated ? ["--only"] : []),
]);
if (buildCode !== 0) {
  totals.push({ name: "e2e (web build failed)", passed: 0, failed: 1 });
} else {
  console.log("\n━━ e2e: chromium ━━");
  const code = await run("playwright", ["test"], join(root, "e2e"));
  /** @type {PlaywrightReport | null} */
  const report = readReport(join(root, "e2e", "test-results", "results.json"));
  const passed = (report?.stats.expected ?? 0) + (report?.stats.flaky ?? 0);
  const failed = report?.stats.unexpected ?? 0;
  totals.push({ name: "e2e: chromium", passed, failed: failed > 0 ? failed : code !== 0 ? 1 : 0 });
}

console.log("\n━━ summary ━━");
for (const suite of totals)
  console.log(`${suite.name.padEnd(22)} ${suite.passed} passed, ${suite.failed} failed`);
const passed = totals.reduce((sum, suite) => sum + suite.passed, 0);
const failed = totals.reduce((sum, suite) => sum + suite.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
