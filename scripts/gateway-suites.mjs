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
 * @param {{ webBuilt: boolean }} options
 * @returns {Promise<import("./test-suites.mjs").SuiteTotal[]>}
 */
export async function runGatewaySuites({ webBuilt }) {
  const totals = [];
  for (const suite of GATEWAY_SUITES) totals.push(await runVitestSuite(suite));
  if (!webBuilt) totals.push({ name: "gateway: connector (web build failed)", passed: 0, failed: 1 });
  else
    totals.push(
      await runPlaywrightSuite({
        name: "gateway: connector",
        script: "test:connector",
        report: join(root, "e2e", "test-results", "connector-results.json"),
      }),
    );
  return totals;
}
