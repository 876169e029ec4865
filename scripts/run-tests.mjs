#!/usr/bin/env node
// @ts-check
// `npm test`: every suite, in order of speed — unit (core, cli), integration against real Postgres (db,
// services, web routers, worker), e2e in Chromium against `next start`, then the suites that drive a real OpenClaw
// Gateway (scripts/gateway-suites.mjs). Ends with one line totalling all suites: `N passed, N failed`. Exits
// non-zero if anything failed or a suite could not run.
import { join } from "node:path";
import { runGatewaySuites } from "./gateway-suites.mjs";
import {
  buildWeb,
  printTotals,
  resetResults,
  root,
  run,
  runPlaywrightSuite,
  runVitestSuite,
} from "./test-suites.mjs";

resetResults();

/** @type {{ name: string, dir: string }[]} */
const vitestSuites = [
  { name: "unit: core", dir: "packages/core" },
  { name: "unit: cli", dir: "apps/cli" },
  { name: "integration: db", dir: "packages/db" },
  { name: "integration: services", dir: "packages/services" },
  { name: "integration: web", dir: "apps/web" },
  { name: "integration: worker", dir: "apps/worker" },
];

/** @type {import("./test-suites.mjs").SuiteTotal[]} */
const totals = [];

// why: CI generates the client once before it starts static checks beside the tests (CLAWFLEET_PRISMA_GENERATED),
// so neither the tests nor turbo's build dependency rewrite it while the checks read it.
const clientGenerated = process.env.CLAWFLEET_PRISMA_GENERATED === "1";
if (
  !clientGenerated &&
  (await run(process.execPath, [join(root, "packages/db/scripts/prisma.cjs"), "generate"])) !== 0
) {
  totals.push({ name: "prisma generate", passed: 0, failed: 1 });
}

for (const suite of vitestSuites) totals.push(await runVitestSuite(suite));

const webBuilt = (await buildWeb(clientGenerated)) === 0;
if (!webBuilt) totals.push({ name: "e2e (web build failed)", passed: 0, failed: 1 });
else
  totals.push(
    await runPlaywrightSuite({
      name: "e2e: chromium",
      script: "test:e2e",
      report: join(root, "e2e", "test-results", "results.json"),
    }),
  );

totals.push(...(await runGatewaySuites({ webBuilt })));

process.exit(printTotals(totals));
