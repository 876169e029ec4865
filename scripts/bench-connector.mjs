#!/usr/bin/env node
// @ts-check
// The connector bench (bench/connector/connector-bench.ts) against a real OpenClaw Gateway: installs the CLI on
// demand, builds the web app (cached), and runs the bench in a loopback-only network namespace. Writes its figures
// as JSON to --json-out; exits 0 with `{ "skipped": reason }` there when OpenClaw or a namespace is unavailable.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ensureOpenClaw } from "./ensure-openclaw.mjs";
import { NAMESPACE_UNAVAILABLE_EXIT } from "./loopback-namespace.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { "json-out": { type: "string" } } });
const jsonOut = values["json-out"];
/** @param {string} reason */
const skip = (reason) => {
  console.log(`Skipped: ${reason}`);
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ skipped: reason }));
  process.exit(0);
};

const openclaw = ensureOpenClaw();
if (!openclaw.ok) skip(`the OpenClaw CLI is unavailable: ${openclaw.reason}`);
const build = spawnSync(
  "npx",
  ["turbo", "run", "build", "--filter=@clawfleet/web", "--output-logs=errors-only"],
  {
    cwd: root,
    stdio: "inherit",
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);
const bench = spawnSync(
  process.execPath,
  [
    join(root, "scripts", "loopback-namespace.mjs"),
    join(root, "node_modules", ".bin", "tsx"),
    join(root, "bench", "connector", "connector-bench.ts"),
    ...(jsonOut ? ["--json-out", jsonOut] : []),
  ],
  { cwd: root, stdio: "inherit", env: { ...process.env, CLAWFLEET_CONNECTOR_PORT: "3170" } },
);
if (bench.status === NAMESPACE_UNAVAILABLE_EXIT)
  skip("no loopback-only network namespace can be created here");
process.exit(bench.status ?? 1);
