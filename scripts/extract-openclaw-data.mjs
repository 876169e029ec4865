#!/usr/bin/env node
// @ts-check
// Extracts the model data OpenClaw ships (built-in model catalog per provider, model-id normalisation policies,
// built-in model aliases, the built-in default model, the Anthropic plugin's API-key allowlist seeds, the
// providers plugins can authenticate themselves, the OpenAI plugin's route classes of its models) from the
// installed npm package into a committed, versioned data file in core, so core stays pure and following the next
// OpenClaw release is one re-extraction away.
//
//   npm run openclaw:extract-data             (re)writes packages/core/src/openclaw-data/openclaw-<version>.ts
//   npm run openclaw:extract-data -- --check  exit 1 when the committed file differs from a fresh extraction
//   … -- --package <dir>                      read another unpacked `openclaw` package (default: the one
//                                             scripts/ensure-openclaw.mjs installs into .cache/)
//
// Data is read from the package's files: plugin manifests (`dist/extensions/*/openclaw.plugin.json`) as JSON,
// and a few constants that only exist in the compiled bundles (found by their `//#region <source path>` markers).
import { readFileSync, readdirSync, existsSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import JSON5 from "json5";
import * as prettier from "prettier";
import { OPENCLAW_VERSION, ensureOpenClaw } from "./ensure-openclaw.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = join(root, "packages", "core", "src", "openclaw-data");

/**
 * @typedef {{ aliases?: Record<string, string>, stripPrefixes?: string[], prefixWhenBare?: string,
 *   prefixWhenBareAfterAliasStartsWith?: { modelPrefix: string, prefix: string }[] }} ModelIdNormalizationPolicy
 * @typedef {{ id: string, providers?: string[],
 *   modelCatalog?: { providers?: Record<string, { defaultUtilityModel?: string, models?: { id: string }[] }> },
 *   modelIdNormalization?: { providers?: Record<string, ModelIdNormalizationPolicy> },
 *   syntheticAuthRefs?: string[], nonSecretAuthMarkers?: string[] }} PluginManifest
 */

/**
 * @param {string} text
 * @returns {never}
 */
function fail(text) {
  process.stderr.write(`extract-openclaw-data: ${text}\n`);
  process.exit(2);
}

/**
 * @param {string} file
 * @returns {unknown}
 */
function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/**
 * The bundle file that holds `//#region <sourcePath>`, and that region's text.
 * @param {string} distDir
 * @param {string} sourcePath
 */
function readRegion(distDir, sourcePath) {
  const marker = `//#region ${sourcePath}\n`;
  for (const name of readdirSync(distDir)
    .filter((file) => file.endsWith(".mjs"))
    .sort()) {
    const text = readFileSync(join(distDir, name), "utf8");
    const start = text.indexOf(marker);
    if (start === -1) continue;
    const end = text.indexOf("//#endregion", start);
    return { file: name, text: text.slice(start + marker.length, end === -1 ? undefined : end) };
  }
  return fail(`no bundle in ${distDir} has the region ${sourcePath}`);
}

/**
 * The literal assigned by `const <name> = <literal>;` in a region, parsed as JSON5 (bundles print plain literals).
 * @param {{ file: string, text: string }} region
 * @param {string} name
 * @returns {unknown}
 */
function readConstLiteral(region, name) {
  const match = new RegExp(`const ${name} = ([\\s\\S]*?);\\n`, "u").exec(region.text);
  if (!match?.[1]) return fail(`const ${name} not found in ${region.file}`);
  try {
    return JSON5.parse(match[1]);
  } catch (error) {
    return fail(`const ${name} in ${region.file} is not a plain literal: ${String(error)}`);
  }
}

/**
 * The values of string-array constants of a region whose arrays are built from other constants (spreads), so no
 * single literal holds them: the region's declarations run in an empty context (no imports, no globals), which
 * only evaluates their initialisers.
 * @param {{ file: string, text: string }} region
 * @param {string[]} names
 * @returns {Record<string, string[]>}
 */
function evaluateConstArrays(region, names) {
  const script = `${region.text}\n;({ ${names.join(", ")} })`;
  /** @type {Record<string, unknown>} */
  let values;
  try {
    /** @type {unknown} */
    const result = new vm.Script(script, { filename: region.file }).runInNewContext({}, { timeout: 1000 });
    values = /** @type {Record<string, unknown>} */ (result);
  } catch (error) {
    return fail(`the constants of ${region.file} do not evaluate on their own: ${String(error)}`);
  }
  return Object.fromEntries(
    names.map((name) => {
      const value = values[name];
      if (!Array.isArray(value) || !value.every((item) => typeof item === "string"))
        fail(`const ${name} in ${region.file} is not a string array`);
      return [name, /** @type {string[]} */ ([...value])];
    }),
  );
}

/**
 * @typedef {{ exact?: string[], prefixes?: string[], versionPrefixes?: string[], patterns?: string[],
 *   families?: { startsWith: string, includesAny: string[] }[] }} ClaudeIdClauses
 * @typedef {ClaudeIdClauses & { to: string | null }} ClaudeIdUpgradeRule
 */

/**
 * Splits `text` at every `separator` outside brackets and parentheses.
 * @param {string} text
 * @param {string} separator
 */
function splitTopLevel(text, separator) {
  /** @type {string[]} */
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (char === "(" || char === "[") depth += 1;
    else if (char === ")" || char === "]") depth -= 1;
    else if (depth === 0 && text.startsWith(separator, index)) {
      parts.push(text.slice(start, index).trim());
      start = index + separator.length;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/**
 * Adds one `||` term of an `upgradeOldClaudeModelId` condition to `clauses`; fails on a term of a shape this
 * script does not know, so a changed function is noticed rather than half read.
 * @param {string} term
 * @param {ClaudeIdClauses} clauses
 * @param {string} file
 */
function readClaudeIdTerm(term, clauses, file) {
  /** @param {string} literal */
  const list = (literal) => /** @type {string[]} */ (JSON5.parse(literal));
  /** @type {[RegExp, (match: RegExpExecArray) => void][]} */
  const shapes = [
    [/^normalized === ("[^"]+")$/u, (m) => (clauses.exact ??= []).push(JSON5.parse(m[1] ?? ""))],
    [/^(\[[^\]]*\])\.includes\(normalized\)$/u, (m) => (clauses.exact ??= []).push(...list(m[1] ?? ""))],
    [
      /^(\[[^\]]*\])\.some\(\(prefix\) => normalized\.startsWith\(prefix\)\)$/u,
      (m) => (clauses.prefixes ??= []).push(...list(m[1] ?? "")),
    ],
    [
      /^hasRetiredVersionPrefix\(normalized, ("[^"]+")\)$/u,
      (m) => (clauses.versionPrefixes ??= []).push(JSON5.parse(m[1] ?? "")),
    ],
    [
      /^hasAnyRetiredVersionPrefix\(normalized, (\[[^\]]*\])\)$/u,
      (m) => (clauses.versionPrefixes ??= []).push(...list(m[1] ?? "")),
    ],
    [/^\/(.+)\/\.test\(normalized\)$/u, (m) => (clauses.patterns ??= []).push(m[1] ?? "")],
    [
      /^normalized\.startsWith\(("[^"]+")\) && (.+)$/u,
      (m) => {
        const tests = m[2] ?? "";
        const inner = tests.startsWith("(") && tests.endsWith(")") ? tests.slice(1, -1) : tests;
        const includesAny = splitTopLevel(inner, "||").map((part) => {
          const included = /^normalized\.includes\(("[^"]+")\)$/u.exec(part);
          if (!included?.[1]) return fail(`upgradeOldClaudeModelId in ${file}: unknown family test ${part}`);
          return /** @type {string} */ (JSON5.parse(included[1]));
        });
        (clauses.families ??= []).push({ startsWith: JSON5.parse(m[1] ?? ""), includesAny });
      },
    ],
  ];
  for (const [shape, read] of shapes) {
    const match = shape.exec(term);
    if (match) return read(match);
  }
  return fail(`upgradeOldClaudeModelId in ${file}: unknown condition ${term}`);
}

/**
 * The Anthropic plugin's upgrades of retired Claude model ids (`upgradeOldClaudeModelId` in
 * `extensions/anthropic/claude-model-refs.ts`): its \`if (…) return …;\` statements in order, each condition's
 * \`||\` terms sorted into clauses. The function holds these lists inline, so they are read from its text.
 * @param {{ file: string, text: string }} region
 * @returns {ClaudeIdUpgradeRule[]}
 */
function readClaudeIdUpgrades(region) {
  const body = /function upgradeOldClaudeModelId\(normalized\) \{\n([\s\S]*?)\n\}\n/u.exec(region.text)?.[1];
  if (body === undefined) return fail(`upgradeOldClaudeModelId not found in ${region.file}`);
  const statements = [...body.matchAll(/\tif \(([\s\S]*?)\) return ("[^"]*"|null);\n/gu)];
  const rest = body.replace(/\tif \(([\s\S]*?)\) return ("[^"]*"|null);\n/gu, "").trim();
  if (statements.length === 0 || rest !== "return null;")
    return fail(`upgradeOldClaudeModelId in ${region.file} is not a list of if/return statements`);
  return statements.map((statement) => {
    /** @type {ClaudeIdClauses} */
    const clauses = {};
    const condition = (statement[1] ?? "").replace(/\s+/gu, " ").replace(/\[ /gu, "[").replace(/ \]/gu, "]");
    for (const term of splitTopLevel(condition, "||")) readClaudeIdTerm(term, clauses, region.file);
    const to = /** @type {string | null} */ (JSON5.parse(statement[2] ?? "null"));
    return { to, ...clauses };
  });
}

/**
 * @param {unknown} value
 * @param {string} what
 * @returns {string}
 */
function requireString(value, what) {
  if (typeof value !== "string" || value === "") fail(`${what} is not a string`);
  return /** @type {string} */ (value);
}

/**
 * Reads everything from one unpacked `openclaw` package.
 * @param {string} packageDir
 */
export function extractOpenClawData(packageDir) {
  const { version } = /** @type {{ version?: unknown }} */ (readJson(join(packageDir, "package.json")));
  const distDir = join(packageDir, "dist");
  const extensionsDir = join(distDir, "extensions");

  /** @type {Record<string, string[]>} */
  const catalog = {};
  /** @type {Record<string, string>} */
  const utilityModels = {};
  /** @type {Record<string, ModelIdNormalizationPolicy>} */
  const modelIdNormalization = {};
  /** @type {Record<string, string[]>} */
  const syntheticAuth = {};
  const pluginIds = readdirSync(extensionsDir)
    .filter((name) => existsSync(join(extensionsDir, name, "openclaw.plugin.json")))
    .sort();
  for (const pluginId of pluginIds) {
    const manifest = /** @type {PluginManifest} */ (
      readJson(join(extensionsDir, pluginId, "openclaw.plugin.json"))
    );
    for (const [provider, entry] of Object.entries(manifest.modelCatalog?.providers ?? {})) {
      const ids = (entry.models ?? []).map((model) =>
        requireString(model.id, `${pluginId} ${provider} model id`),
      );
      if (ids.length > 0) catalog[provider.toLowerCase()] = ids;
      if (entry.defaultUtilityModel) utilityModels[provider.toLowerCase()] = entry.defaultUtilityModel;
    }
    for (const [provider, policy] of Object.entries(manifest.modelIdNormalization?.providers ?? {})) {
      modelIdNormalization[provider.toLowerCase()] = policy;
    }
    for (const provider of manifest.syntheticAuthRefs ?? []) {
      syntheticAuth[provider.toLowerCase()] = manifest.nonSecretAuthMarkers ?? [];
    }
  }

  const modelDefaults = readRegion(distDir, "src/agents/defaults.ts");
  const configDefaults = readRegion(distDir, "src/config/defaults.ts");
  const anthropicDefaults = readRegion(distDir, "extensions/anthropic/config-defaults.ts");
  const openAIRouteContract = evaluateConstArrays(
    readRegion(distDir, "extensions/openai/model-route-contract.ts"),
    [
      "OPENAI_DUAL_ROUTE_MODEL_IDS",
      "OPENAI_PLATFORM_ONLY_ROUTE_MODEL_IDS",
      "OPENAI_SUBSCRIPTION_ONLY_ROUTE_MODEL_IDS",
    ],
  );
  const claudeModelIdUpgrades = readClaudeIdUpgrades(
    readRegion(distDir, "extensions/anthropic/claude-model-refs.ts"),
  );
  const defaultModelAliases = /** @type {Record<string, string>} */ (
    readConstLiteral(configDefaults, "DEFAULT_MODEL_ALIASES")
  );
  const anthropicApiKeySeededModels = /** @type {string[]} */ (
    readConstLiteral(anthropicDefaults, "ANTHROPIC_API_KEY_DEFAULT_ALLOWLIST_REFS")
  );

  return {
    openclawVersion: requireString(version, "package.json version"),
    defaultModel: {
      provider: requireString(readConstLiteral(modelDefaults, "DEFAULT_PROVIDER"), "DEFAULT_PROVIDER"),
      model: requireString(readConstLiteral(modelDefaults, "DEFAULT_MODEL"), "DEFAULT_MODEL"),
    },
    defaultModelAliases,
    anthropicApiKeySeededModels,
    claudeModelIdUpgrades,
    utilityModels,
    catalog,
    modelIdNormalization,
    syntheticAuth,
    openAIModelRoutes: {
      dual: openAIRouteContract.OPENAI_DUAL_ROUTE_MODEL_IDS ?? [],
      platformOnly: openAIRouteContract.OPENAI_PLATFORM_ONLY_ROUTE_MODEL_IDS ?? [],
      subscriptionOnly: openAIRouteContract.OPENAI_SUBSCRIPTION_ONLY_ROUTE_MODEL_IDS ?? [],
    },
  };
}

/**
 * The data file's source text, formatted with the repository's Prettier settings.
 * @param {ReturnType<typeof extractOpenClawData>} data
 * @param {string} file
 */
async function renderDataModule(data, file) {
  const constName = `OPENCLAW_${data.openclawVersion.replace(/\W/gu, "_")}`;
  const source = [
    `// Generated by scripts/extract-openclaw-data.mjs from npm openclaw@${data.openclawVersion}; do not edit.`,
    "// Re-run `npm run openclaw:extract-data` to refresh it (or against a new version to add one).",
    'import type { OpenClawShippedData } from "./openclaw-shipped-data.schema";',
    "",
    `export const ${constName} = ${JSON.stringify(data)} as const satisfies OpenClawShippedData;`,
    "",
  ].join("\n");
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(source, { ...options, filepath: file });
}

async function main() {
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const packageFlag = args.indexOf("--package");
  let packageDir = packageFlag === -1 ? undefined : args[packageFlag + 1];
  if (packageFlag !== -1 && packageDir === undefined) fail("--package needs a directory");
  if (packageDir === undefined) {
    const install = ensureOpenClaw();
    if (!install.ok || install.openclawMjs === undefined) {
      return fail(`the OpenClaw CLI is unavailable: ${install.reason ?? "unknown reason"}`);
    }
    packageDir = dirname(install.openclawMjs);
  }
  const data = extractOpenClawData(packageDir);
  if (packageFlag === -1 && data.openclawVersion !== OPENCLAW_VERSION) {
    fail(`expected openclaw@${OPENCLAW_VERSION}, found ${data.openclawVersion}`);
  }
  const file = join(dataDir, `openclaw-${data.openclawVersion}.ts`);
  const text = await renderDataModule(data, file);
  if (check) {
    const committed = existsSync(file) ? readFileSync(file, "utf8") : "";
    if (committed !== text) {
      process.stderr.write(`${file} differs from a fresh extraction; run npm run openclaw:extract-data\n`);
      process.exit(1);
    }
    process.stdout.write(`${file} matches openclaw@${data.openclawVersion}\n`);
    return;
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, text);
  process.stdout.write(`wrote ${file}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
