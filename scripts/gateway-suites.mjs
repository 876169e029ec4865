// @ts-check
// The real-Gateway suites, run by `npm run test:gateway` and as the last part of `npm test`.
import { join } from "node:path";
import { root, runPlaywrightSuite, runVitestSuite } from "./test-suites.mjs";

/** @type {{ name: string, dir: string, throughScript: true }[]} */
export const GATEWAY_SUITES = [
  { name: "gateway: client", dir: "packages/openclaw-gateway", throughScript: true },
  { name: "gateway: host agent", dir: "apps/host-agent", throughScript: true },
];

/**
 * The Gateway client's and the host agent's suites, one after the other; with `logFd`, their output goes there.
 * @param {{ logFd?: number }} [options]
 * @returns {Promise<import("./test-suites.mjs").SuiteTotal[]>}
 */
export async function runGatewayVitestSuites({ logFd } = {}) {
  const totals = [];
  for (const suite of GATEWAY_SUITES) totals.push(await runVitestSuite(suite, { logFd }));
  return totals;
}

/**
 * The connector end to end: console instances, host agent, Gateway and browser; it needs the built web app.
 * With `logFd` its output goes to that file.
 * @param {{ webBuilt: boolean, logFd?: number }} options
 * @returns {Promise<import("./test-suites.mjs").SuiteTotal>}
 */
export async function runConnectorSuite({ webBuilt, logFd }) {
  if (!webBuilt) return { name: "gateway: connector (web build failed)", passed: 0, failed: 1 };
  return runPlaywrightSuite(
    {
      name: "gateway: connector",
      script: "test:connector",
      report: join(root, "e2e", "test-results", "connector-results.json"),
    },
    logFd === undefined ? {} : { logFd },
  );
}

/**
 * @param {{ webBuilt: boolean }} options
 * @returns {Promise<import("./test-suites.mjs").SuiteTotal[]>}
 */
export async function runGatewaySuites({ webBuilt }) {
  return [...(await runGatewayVitestSuites()), await runConnectorSuite({ webBuilt })];
}
