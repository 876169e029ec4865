// @ts-check
// Whether the compiled CLI (dist/, scripts/build.ts) still matches its sources. The build records the source
// files it bundled; an edit to any of them, or a deleted one, after the build makes the bundle stale, and the bin
// then runs the sources. Plain JavaScript because it runs before anything is compiled.
import { readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import process from "node:process";

export const BUNDLE_FILE = "clawfleet.mjs";
export const INPUTS_FILE = "inputs.json";

/** @typedef {{ sources: string[] }} BundleInputs  source files, as paths relative to the dist folder */

/**
 * Null when `distDir` holds a bundle at least as new as every source it was built from; otherwise why not.
 * @param {string} distDir
 * @returns {string | null}
 */
export function bundleStaleness(distDir) {
  /** @type {number} */
  let builtAt;
  /** @type {unknown} */
  let inputs;
  try {
    builtAt = statSync(join(distDir, BUNDLE_FILE)).mtimeMs;
    inputs = JSON.parse(readFileSync(join(distDir, INPUTS_FILE), "utf8"));
  } catch {
    return "the compiled CLI is missing";
  }
  const sources = /** @type {Partial<BundleInputs> | null} */ (inputs)?.sources;
  if (!Array.isArray(sources)) return `the compiled CLI's ${INPUTS_FILE} lists no sources`;
  for (const source of sources) {
    const path = join(distDir, source);
    const modifiedAt = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
    const shown = relative(process.cwd(), path);
    if (modifiedAt === undefined) return `the compiled CLI was built from ${shown}, which is gone`;
    if (modifiedAt > builtAt) return `${shown} changed after the CLI was compiled`;
  }
  return null;
}
