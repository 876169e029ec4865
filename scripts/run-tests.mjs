#!/usr/bin/env node
// @ts-check
// `npm test`: every suite — unit (core, cli), integration against real Postgres (db, services, web routers,
// worker), e2e in Chromium against the built console, and the suites that drive a real OpenClaw Gateway
// (scripts/gateway-suites.mjs: two of them run in the background from the start, the connector last). Ends with one line totalling all suites: `N passed, N failed`. Exits
// non-zero if anything failed or a suite could not run.
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runConnectorSuite, runGatewayVitestSuites } from "./gateway-suites.mjs";
import {
  buildWeb,
  printTotals,
  resetResults,
  resultsDir,
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

// why: the Gateway client's and host agent's suites mostly wait on a real Gateway (start-up, then loopback
// calls), so they run beside the Postgres and browser suites instead of after them (~2 min of CI); their
// output is kept in a file and printed once they end. The connector suite still runs last, on its own: it
// starts console instances and a browser of its own.
const gatewayLog = join(resultsDir, "gateway-suites.log");
const gatewayLogFd = openSync(gatewayLog, "w");
const gatewayVitest = runGatewayVitestSuites({ logFd: gatewayLogFd });

// why: the e2e suites need the built console, and the build needs only the generated client; building beside the
// unit and Postgres suites (niced) spares e2e minutes of compiling after them.
const buildLog = join(resultsDir, "build-web.log");
const buildLogFd = openSync(buildLog, "w");
const webBuild = buildWeb(true, { logFd: buildLogFd });

for (const suite of vitestSuites) totals.push(await runVitestSuite(suite));

const webBuilt = (await webBuild) === 0;
closeSync(buildLogFd);
process.stdout.write(readFileSync(buildLog, "utf8"));
if (!webBuilt) totals.push({ name: "e2e (web build failed)", passed: 0, failed: 1 });
else
  totals.push(
    await runPlaywrightSuite({
      name: "e2e: chromium",
      script: "test:e2e",
      report: join(root, "e2e", "test-results", "results.json"),
    }),
  );

console.log(`\n━━ gateway suites run beside the others (waited for at ${Math.round(process.uptime())} s) ━━`);
totals.push(...(await gatewayVitest));
closeSync(gatewayLogFd);
process.stdout.write(readFileSync(gatewayLog, "utf8"));
totals.push(await runConnectorSuite({ webBuilt }));

process.exit(printTotals(totals));
