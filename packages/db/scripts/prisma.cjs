#!/usr/bin/env node
// Runs the Prisma 6.19.3 CLI with two small fixes for its bundled WASM schema engine (toolchain.md §1c).
// Everything else is the stock CLI; node_modules is never modified.
//  1. `SchemaEngineWasm.stop()` frees the engine and is called twice on `migrate dev`, which aborts with
//     "null pointer passed to rust" after the migration was written. We make the second call a no-op.
//  2. The engine and the pg pool leave 10–60 s timers alive after a command has finished, so every
//     command lingered that long. Timers of 5 s or more are unref'd so the process exits when done.
// If a future Prisma changes the patched text, the CLI simply runs unpatched.
// @ts-check
"use strict";
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");

const cliPath = require.resolve("prisma/build/index.js");
let source = fs.readFileSync(cliPath, "utf8");
if (source.startsWith("#!")) source = "//" + source;
source = source
  .replace(
    "stop(){return this.isRunning=!1,this.engine.free(),Promise.resolve()}",
    "stop(){if(!this.isRunning)return Promise.resolve();return this.isRunning=!1,this.engine.free(),Promise.resolve()}",
  )
  // why: the CLI only runs its main() when it is the entry module; here it is compiled by this wrapper.
  .replace('eval("require.main === module")', "true");

const LINGERING_TIMER_MS = 5_000;
const originalSetTimeout = global.setTimeout;
/** @type {(handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => NodeJS.Timeout} */
function setTimeoutUnrefLong(handler, ms, ...args) {
  const timer = originalSetTimeout(handler, ms, ...args);
  if (typeof ms === "number" && ms >= LINGERING_TIMER_MS) timer.unref();
  return timer;
}
global.setTimeout = /** @type {typeof setTimeout} */ (/** @type {unknown} */ (setTimeoutUnrefLong));

process.chdir(path.resolve(__dirname, ".."));
/**
 * Module's loader internals, not in its public types: how a CommonJS source is compiled as a module.
 * @typedef {{ filename: string, paths: string[], _compile(source: string, filename: string): void }} LoadableModule
 * @typedef {{ new (id: string, parent: NodeModule): LoadableModule, _nodeModulePaths(dir: string): string[] }} ModuleLoader
 */
const ModuleInternals = /** @type {ModuleLoader} */ (/** @type {unknown} */ (Module));
const cli = new ModuleInternals(cliPath, module);
cli.filename = cliPath;
cli.paths = ModuleInternals._nodeModulePaths(path.dirname(cliPath));
cli._compile(source, cliPath);
