#!/usr/bin/env node
// @ts-check
// `npm run test:gateway`: every suite that drives a real OpenClaw Gateway, each in a loopback-only network
// namespace: the Gateway client, the host agent's job executors, and the connector end to end (console, host
// agent, Gateway, browser). Installs OpenClaw on demand (scripts/ensure-openclaw.mjs) and builds the web app if
// needed. Ends with `N passed, N failed`.
import { pathToFileURL } from "node:url";
import { GATEWAY_SUITES, runGatewaySuites } from "./gateway-suites.mjs";
import { buildWeb, printTotals, resetResults } from "./test-suites.mjs";

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  resetResults();
  const clientGenerated = process.env.CLAWFLEET_PRISMA_GENERATED === "1";
  const built = (await buildWeb(clientGenerated)) === 0;
  const totals = await runGatewaySuites({ webBuilt: built });
  process.exit(printTotals(totals));
}

export { GATEWAY_SUITES };
