// @ts-check
/**
 * Extracts which keys OpenClaw's config schema accepts, in its own order, from the installed
 * `openclaw@<version>` package into `packages/core/src/openclaw-config/openclaw-config-keys.v<version>.json`.
 *
 * OpenClaw validates `openclaw.json` with a closed zod schema: every object refuses keys it does not know and
 * reports them in the order it walks its shape. Core reproduces those refusals (and their order) from this
 * data, so the next OpenClaw version is one re-extraction away and core itself never reads the package.
 *
 * Usage: node scripts/extract-openclaw-config-keys.mjs   (installs the CLI with ensure-openclaw.mjs if needed;
 * the schema module is loaded with Node 24, which the package requires).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
/** The subtrees whose every object is described; elsewhere only the root's own keys are kept. */
const DESCRIBED_ROOT_KEYS = ["env", "agents", "models", "auth"];

/** Runs in Node 24 inside the package: walks the zod schema and prints the key tree as JSON. */
const WALKER = `
const [distDir, describedText] = process.argv.slice(1);
const described = new Set(JSON.parse(describedText));
const fs = await import("node:fs");
const file = fs.readdirSync(distDir).find((name) => /^zod-schema-[\\w-]+\\.mjs$/.test(name)
  && fs.readFileSync(distDir + "/" + name, "utf8").includes("const OpenClawSchema = strictObject("));
const module = await import(distDir + "/" + file);
const schema = Object.values(module).find((value) => value?._zod?.def?.type === "pipe" || value?._zod?.def?.shape?.agents
  || value?._zod?.def?.in?._zod?.def?.shape?.agents);
const WRAPPERS = new Set(["optional", "default", "nullable", "prefault", "readonly", "catch", "lazy", "pipe"]);
function unwrap(node) {
  let current = node;
  for (let def = current._zod.def; WRAPPERS.has(def.type); def = current._zod.def)
    // why: a preprocess step is a pipe whose input is a transform; the shape it checks is its output.
    current = def.type === "pipe" ? (def.in._zod.def.type === "transform" ? def.out : def.in)
      : def.type === "lazy" ? def.getter() : def.innerType;
  return current;
}
function describe(node, depth) {
  const inner = unwrap(node);
  const def = inner._zod.def;
  if (def.type === "object") {
    const closed = def.catchall?._zod?.def?.type === "never";
    const keys = {};
    for (const [key, child] of Object.entries(def.shape)) keys[key] = depth === 0 && !described.has(key) ? null : describe(child, depth + 1);
    return { closed, keys };
  }
  if (def.type === "record") {
    const value = describe(def.valueType, depth + 1);
    return value === null ? null : { record: value };
  }
  if (def.type === "array") {
    const item = describe(def.element, depth + 1);
    return item === null ? null : { items: item };
  }
  return null;
}
process.stdout.write(JSON.stringify(describe(schema, 0)));
`;

function main() {
  /** @type {unknown} */
  const reported = JSON.parse(
    execFileSync(process.execPath, [path.join(repoRoot, "scripts", "ensure-openclaw.mjs"), "--json"], {
      encoding: "utf8",
    }),
  );
  const ensured = /** @type {{ node: string; openclawMjs: string; version: string }} */ (reported);
  const { node, openclawMjs, version } = ensured;
  const distDir = path.join(path.dirname(openclawMjs), "dist");
  if (!readdirSync(distDir).some((name) => name.startsWith("zod-schema-")))
    throw new Error(`No zod-schema module in ${distDir}; the package layout changed.`);
  /** @type {unknown} */
  const tree = JSON.parse(
    execFileSync(node, ["--input-type=module", "-e", WALKER, distDir, JSON.stringify(DESCRIBED_ROOT_KEYS)], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
  const versionNumber = /(\d+\.\d+\.\d+)/u.exec(version)?.[1];
  if (versionNumber === undefined) throw new Error(`Cannot read a version from "${version}".`);
  const data = {
    openclawVersion: versionNumber,
    source: `openclaw@${versionNumber} dist/zod-schema-*.mjs (OpenClawSchema), extracted by scripts/extract-openclaw-config-keys.mjs`,
    describedRootKeys: DESCRIBED_ROOT_KEYS,
    tree,
  };
  const out = path.join(
    repoRoot,
    "packages",
    "core",
    "src",
    "openclaw-config",
    `openclaw-config-keys.v${versionNumber}.json`,
  );
  writeFileSync(out, `${JSON.stringify(data, null, 2)}\n`);
  // why: the repository's formatter owns the layout, so a re-extraction only shows the data that changed.
  execFileSync("npx", ["prettier", "--write", out], { cwd: repoRoot, stdio: "ignore" });
  console.log(`wrote ${path.relative(repoRoot, out)}`);
}

main();
