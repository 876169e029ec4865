#!/usr/bin/env node
// why: the CLI runs compiled (dist/, built by `npm run build` and on `npm ci`), so it starts without transpiling
// TypeScript. In a checkout whose sources changed since that build, it runs the sources through tsx instead and
// says so. The process environment is handed over here, at the process edge.
import { fileURLToPath } from "node:url";

import { BUNDLE_FILE, bundleStaleness } from "./bundle-freshness.mjs";

const dist = new URL("../dist/", import.meta.url);
const staleness = bundleStaleness(fileURLToPath(dist));
/** @type {{ main: (argv: string[], io: { env: NodeJS.ProcessEnv }) => Promise<number> }} */
let cli;
if (staleness === null) cli = await import(new URL(BUNDLE_FILE, dist).href);
else {
  process.stderr.write(
    `clawfleet: ${staleness}; running the TypeScript sources (slower start). Rebuild: npm run build -w @clawfleet/cli\n`,
  );
  const { register } = await import("tsx/esm/api");
  register();
  cli = await import(new URL("../src/main.ts", import.meta.url).href);
}
process.exitCode = await cli.main(process.argv.slice(2), { env: process.env });
