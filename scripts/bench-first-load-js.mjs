#!/usr/bin/env node
// @ts-check
// First-load JS per page of the web app's production build: for each page, the JavaScript a browser loads before
// the page runs (Next's root main files plus the chunks of the page's layouts and the page itself, read from the
// build manifests in apps/web/.next), each file gzip-compressed as the server sends it, summed. Chunks loaded
// later (`next/dynamic`, e.g. the command palette) do not count. Goal: every page under 250 kB (1 kB = 1,000 B).
//
//   node scripts/bench-first-load-js.mjs            reads the existing build, updates bench/results.md
//   node scripts/bench-first-load-js.mjs --build    builds @clawfleet/web first
//   node scripts/bench-first-load-js.mjs --section-out <file>   writes the section there instead (npm run bench)
//
// Exits 1 when a page is over the goal or the build cannot be read.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nextDir = join(root, "apps", "web", ".next");
const BUDGET_KB = 250;
export const SECTION_HEADING = "## First-load JS per page (scripts/bench-first-load-js.mjs)";

/**
 * @param {string} path
 * @returns {unknown}
 */
const readJson = (path) => /** @type {unknown} */ (JSON.parse(readFileSync(path, "utf8")));

/** @typedef {{ rootMainFiles?: string[] }} BuildManifest */

/**
 * The JS files of each page, from the build manifests. Turbopack builds keep them per page (the page's
 * build-manifest.json for the root main files, its client-reference manifest for its layouts' and its own
 * chunks); webpack builds in app-build-manifest.json.
 * @returns {Map<string, string[]>} route → files (relative to .next)
 */
export function pageScripts(dir = nextDir) {
  const routes = /** @type {Record<string, string>} */ (readJson(join(dir, "app-path-routes-manifest.json")));
  const globalBuild = /** @type {BuildManifest} */ (readJson(join(dir, "build-manifest.json")));
  const legacy = existsSync(join(dir, "app-build-manifest.json"))
    ? /** @type {{ pages: Record<string, string[]> }} */ (readJson(join(dir, "app-build-manifest.json")))
    : null;
  /** @type {Map<string, string[]>} */
  const byRoute = new Map();
  for (const [entry, route] of Object.entries(routes)) {
    if (!entry.endsWith("/page") || route.startsWith("/_")) continue;
    /** @type {Set<string>} */
    const files = new Set();
    const pageBuild = join(dir, "server", "app", entry, "build-manifest.json");
    const build = existsSync(pageBuild) ? /** @type {BuildManifest} */ (readJson(pageBuild)) : globalBuild;
    for (const file of build.rootMainFiles ?? []) files.add(file);
    if (legacy) {
      for (const file of legacy.pages[entry] ?? []) files.add(file);
    } else {
      const referenceFile = join(dir, "server", "app", `${entry}_client-reference-manifest.js`);
      /** @type {{ __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> }} */
      const sandbox = {};
      vm.runInNewContext(readFileSync(referenceFile, "utf8"), { globalThis: sandbox });
      const entryFiles = sandbox.__RSC_MANIFEST?.[entry]?.entryJSFiles;
      if (!entryFiles) throw new Error(`${referenceFile} lists no entry JS files for ${entry}.`);
      for (const list of Object.values(entryFiles)) for (const file of list) files.add(file);
    }
    byRoute.set(
      route,
      [...files].filter((file) => file.endsWith(".js")),
    );
  }
  return byRoute;
}

/**
 * @typedef {{ route: string; files: number; rawKb: number; gzipKb: number; overBudget: boolean }} PageWeight
 * @returns {PageWeight[]}
 */
export function measureFirstLoadJs(dir = nextDir) {
  /** @type {Map<string, number>} */
  const gzipped = new Map();
  /** @type {Map<string, number>} */
  const raw = new Map();
  const sizeOf = (/** @type {string} */ file) => {
    if (!gzipped.has(file)) {
      const bytes = readFileSync(join(dir, file.replace(/^\/?_next\//u, "")));
      raw.set(file, bytes.length);
      gzipped.set(file, gzipSync(bytes).length);
    }
    return { raw: raw.get(file) ?? 0, gzip: gzipped.get(file) ?? 0 };
  };
  return [...pageScripts(dir).entries()]
    .map(([route, files]) => {
      const sizes = files.map(sizeOf);
      const gzipKb = sizes.reduce((sum, size) => sum + size.gzip, 0) / 1000;
      return {
        route,
        files: files.length,
        rawKb: sizes.reduce((sum, size) => sum + size.raw, 0) / 1000,
        gzipKb,
        overBudget: gzipKb >= BUDGET_KB,
      };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}

/** @param {PageWeight[]} pages */
export function firstLoadSection(pages) {
  const heaviest = [...pages].sort((a, b) => b.gzipKb - a.gzipKb)[0];
  const over = pages.filter((page) => page.overBudget);
  return [
    SECTION_HEADING,
    "",
    `\`node scripts/bench-first-load-js.mjs\` (also run by \`npm run bench\`) reads the production build's manifests (apps/web/.next) and sums, per page, the gzip size of every script loaded before the page runs: Next's root main files plus the chunks of the page's layouts and the page. The list matches the page's \`<script src>\` tags; the \`nomodule\` polyfills (which current browsers skip) and chunks loaded on demand (the command palette) are not counted. 1 kB = 1,000 bytes.`,
    "",
    over.length
      ? `**${over.length} page(s) over the ${BUDGET_KB} kB goal: ${over.map((page) => page.route).join(", ")}.**`
      : `**Every page is under the ${BUDGET_KB} kB goal; the heaviest is ${heaviest?.route ?? "–"} at ${heaviest?.gzipKb.toFixed(1) ?? "–"} kB.**`,
    "",
    "| Page | Scripts | Raw kB | Gzip kB | Goal < 250 kB |",
    "| --- | --- | --- | --- | --- |",
    ...pages.map(
      (page) =>
        `| \`${page.route}\` | ${page.files} | ${page.rawKb.toFixed(1)} | **${page.gzipKb.toFixed(1)}** | ${page.overBudget ? "**missed**" : "met"} |`,
    ),
  ].join("\n");
}

/**
 * Puts the section into bench/results.md: in place of an earlier one, else before the OpenClaw comparison.
 * @param {string} section
 */
function writeIntoResults(section) {
  const file = join(root, "bench", "results.md");
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(SECTION_HEADING);
  let next;
  if (start >= 0) {
    const end = text.indexOf("\n## ", start + SECTION_HEADING.length);
    next = `${text.slice(0, start)}${section}\n${end >= 0 ? text.slice(end) : ""}`;
  } else {
    const anchor = text.indexOf("## Against the real OpenClaw CLI");
    next =
      anchor >= 0
        ? `${text.slice(0, anchor)}${section}\n\n${text.slice(anchor)}`
        : `${text.trimEnd()}\n\n${section}\n`;
  }
  writeFileSync(file, next);
  spawnSync(join(root, "node_modules", ".bin", "prettier"), ["--write", file], { stdio: "ignore" });
}

function main() {
  const args = process.argv.slice(2);
  if (args.includes("--build")) {
    const build = spawnSync("npx", ["turbo", "run", "build", "--filter=@clawfleet/web"], {
      cwd: root,
      stdio: "inherit",
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  if (!existsSync(join(nextDir, "BUILD_ID"))) {
    console.error("No production build in apps/web/.next: run with --build (or `npm run build`) first.");
    process.exit(1);
  }
  const pages = measureFirstLoadJs();
  const section = firstLoadSection(pages);
  console.log(section);
  const sectionOut = args.indexOf("--section-out");
  const target = sectionOut >= 0 ? args[sectionOut + 1] : undefined;
  if (target) writeFileSync(target, `${section}\n`);
  else {
    writeIntoResults(section);
    console.log("\nUpdated bench/results.md");
  }
  if (pages.some((page) => page.overBudget)) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
