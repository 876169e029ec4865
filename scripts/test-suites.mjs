// @ts-check
// Running the project's test suites and counting their results, shared by `npm test` (scripts/run-tests.mjs) and
// `npm run test:gateway` (scripts/run-gateway-tests.mjs). Each suite writes a JSON report; its counts come from
// there, and a runner that crashed before writing one counts as one failure.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { NAMESPACE_UNAVAILABLE_EXIT } from "./loopback-namespace.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const resultsDir = join(root, ".cache", "test-results");

export const testEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  TURBO_TELEMETRY_DISABLED: "1",
  PATH: `${join(root, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
};

/** @typedef {{ name: string, passed: number, failed: number, skipped?: string, seconds?: number }} SuiteTotal */

/**
 * Seconds since `startedAt` (from `performance.now()`), whole.
 * @param {number} startedAt
 */
function secondsSince(startedAt) {
  return Math.round((performance.now() - startedAt) / 1000);
}

/** Empties the folder the reports go to. */
export function resetResults() {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {number} [logFd] a file the command's output goes to instead of this process's stdout and stderr
 * @returns {Promise<number>} the exit code
 */
export function run(command, args, cwd = root, logFd) {
  return new Promise((resolve) => {
    /** @type {import("node:child_process").StdioOptions} */
    const stdio = logFd === undefined ? "inherit" : ["ignore", logFd, logFd];
    /** @type {import("node:child_process").ChildProcess} */
    const child = spawn(command, args, { cwd, env: testEnv, stdio });
    child.once("error", () => resolve(1));
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

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

/** Exit code of a suite that could not create its loopback-only namespace here and said so: not a failure. */
const SKIPPED_EXIT = NAMESPACE_UNAVAILABLE_EXIT;

/**
 * A vitest suite. With `throughScript` it runs through its package's `npm test`, which wraps vitest (the
 * real-Gateway suites install OpenClaw and enter a loopback-only network namespace there). With `logFd` its
 * output goes to that file, for a suite that runs beside another.
 * @param {{ name: string, dir: string, throughScript?: boolean }} suite
 * @param {{ logFd?: number }} [options]
 * @returns {Promise<SuiteTotal>}
 */
export async function runVitestSuite(suite, { logFd } = {}) {
  const output = join(resultsDir, `${suite.dir.replaceAll("/", "-")}.json`);
  const header = `\n━━ ${suite.name} (at ${Math.round(process.uptime())} s) ━━\n`;
  if (logFd === undefined) process.stdout.write(header);
  else writeSync(logFd, header);
  const startedAt = performance.now();
  const reporters = ["--reporter=default", "--reporter=json", `--outputFile=${output}`];
  const code = suite.throughScript
    ? await run("npm", ["run", "--silent", "test", "--", ...reporters], join(root, suite.dir), logFd)
    : await run("vitest", ["run", ...reporters], join(root, suite.dir), logFd);
  /** @type {VitestReport | null} */
  const report = readReport(output);
  if (!report && code === SKIPPED_EXIT)
    return { name: suite.name, passed: 0, failed: 0, skipped: "see above" };
  const passed = report?.numPassedTests ?? 0;
  // A file that fails to load has no failed tests but a failed suite; count it as a failure too.
  const unloadedFiles =
    report?.testResults.filter((file) => file.status === "failed" && file.assertionResults.length === 0)
      .length ?? 0;
  const failed = (report?.numFailedTests ?? 0) + unloadedFiles;
  return {
    name: suite.name,
    passed,
    failed: failed > 0 ? failed : code !== 0 ? 1 : 0,
    seconds: secondsSince(startedAt),
  };
}

/**
 * A Playwright suite run by an npm script of the e2e package, whose config writes its JSON report to `report`.
 * With `logFd` its output goes to that file, for a suite that runs beside others.
 * @param {{ name: string, script: string, report: string }} suite
 * @param {{ logFd?: number }} [options]
 * @returns {Promise<SuiteTotal>}
 */
export async function runPlaywrightSuite(suite, { logFd } = {}) {
  const header = `\n━━ ${suite.name} (at ${Math.round(process.uptime())} s) ━━\n`;
  if (logFd === undefined) process.stdout.write(header);
  else writeSync(logFd, header);
  const startedAt = performance.now();
  rmSync(suite.report, { force: true });
  const code = await run("npm", ["run", "--silent", suite.script], join(root, "e2e"), logFd);
  /** @type {PlaywrightReport | null} */
  const report = readReport(suite.report);
  if (!report && code === SKIPPED_EXIT)
    return { name: suite.name, passed: 0, failed: 0, skipped: "see above" };
  const passed = (report?.stats.expected ?? 0) + (report?.stats.flaky ?? 0);
  const failed = report?.stats.unexpected ?? 0;
  return {
    name: suite.name,
    passed,
    failed: failed > 0 ? failed : code !== 0 ? 1 : 0,
    seconds: secondsSince(startedAt),
  };
}

/**
 * Builds the web app (turbo caches an unchanged build). With the Prisma client already generated, `--only`
 * keeps turbo from regenerating it underneath the static checks CI runs beside the tests. With `logFd` the
 * build runs beside other suites and its output goes to that file; `niced` lets those suites keep the CPU.
 * @param {boolean} clientGenerated
 * @param {{ logFd?: number, niced?: boolean }} [options]
 */
export function buildWeb(clientGenerated, { logFd, niced = false } = {}) {
  const header = `\n━━ build: web (at ${Math.round(process.uptime())} s) ━━\n`;
  const args = [
    "run",
    "build",
    "--filter=@clawfleet/web",
    "--output-logs=errors-only",
    ...(clientGenerated ? ["--only"] : []),
  ];
  if (logFd === undefined) {
    process.stdout.write(header);
    return run("turbo", args);
  }
  writeSync(logFd, header);
  return niced ? run("nice", ["-n", "10", "turbo", ...args], root, logFd) : run("turbo", args, root, logFd);
}

/**
 * Prints one line per suite and the overall `N passed, N failed` line; returns the process exit code.
 * @param {SuiteTotal[]} totals
 */
export function printTotals(totals) {
  console.log("\n━━ summary ━━");
  for (const suite of totals)
    console.log(
      `${suite.name.padEnd(26)} ${suite.passed} passed, ${suite.failed} failed${suite.skipped ? " (skipped: cannot run here)" : ""}${suite.seconds === undefined ? "" : ` in ${suite.seconds} s`}`,
    );
  const passed = totals.reduce((sum, suite) => sum + suite.passed, 0);
  const failed = totals.reduce((sum, suite) => sum + suite.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}
