#!/usr/bin/env node
// @ts-check
// `npm test`: every suite — unit (core, cli), integration against real Postgres (db, services, web routers,
// worker), e2e in Chromium against the built console, and the suites that drive a real OpenClaw Gateway
// (scripts/gateway-suites.mjs). The Gateway client's and host agent's suites, and the web build, e2e and
// connector suites in that order, run beside the unit and Postgres suites. Ends with one line totalling all
// suites: `N passed, N failed`. Exits non-zero if anything failed or a suite could not run.
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
// output is kept in a file and printed once they end.
const gatewayLog = join(resultsDir, "gateway-suites.log");
const gatewayLogFd = openSync(gatewayLog, "w");
const gatewayVitest = runGatewayVitestSuites({ logFd: gatewayLogFd });

// why: the browser suites spend most of their time waiting on the console and Chromium, so they run beside the
// unit and Postgres suites rather than after them (~6 min of CI on 2 cores): the web build first (it needs only
// the generated client; not niced, as this lane is the longer one), then e2e, then the connector suite, which
// starts console instances, a Gateway and a browser of its own, so it never overlaps e2e. Their output is
// printed once they end.
const browserLog = join(resultsDir, "browser-suites.log");
const browserLogFd = openSync(browserLog, "w");
const browserSuites = (async () => {
  const webBuilt = (await buildWeb(true, { logFd: browserLogFd })) === 0;
  const e2e = webBuilt
    ? await runPlaywrightSuite(
        {
          name: "e2e: chromium",
          script: "test:e2e",
          report: join(root, "e2e", "test-results", "results.json"),
        },
        { logFd: browserLogFd },
      )
    : { name: "e2e (web build failed)", passed: 0, failed: 1 };
  return { e2e, connector: await runConnectorSuite({ webBuilt, logFd: browserLogFd }) };
})();

for (const suite of vitestSuites) totals.push(await runVitestSuite(suite));

console.log(`\n━━ browser suites run beside the others (waited for at ${Math.round(process.uptime())} s) ━━`);
const { e2e, connector } = await browserSuites;
closeSync(browserLogFd);
process.stdout.write(readFileSync(browserLog, "utf8"));
totals.push(e2e);

console.log(`\n━━ gateway suites run beside the others (waited for at ${Math.round(process.uptime())} s) ━━`);
totals.push(...(await gatewayVitest));
closeSync(gatewayLogFd);
process.stdout.write(readFileSync(gatewayLog, "utf8"));
totals.push(connector);

process.exit(printTotals(totals));
