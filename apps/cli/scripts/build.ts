// Compiles the `clawfleet` command: esbuild bundles src/main.ts with the workspace packages it imports into
// dist/clawfleet.mjs, so a run starts without transpiling TypeScript. Every command is its own lazily loaded
// chunk (main.ts imports them dynamically), so `models status --from` loads core and nothing of the database.
//   npm run -w @clawfleet/cli build   (also run by `npm run build` and by the root `prepare` on `npm ci`)
// Besides the bundle it writes dist/inputs.json, the source files the bundle was made from: bin/clawfleet.mjs
// runs the sources instead when one of them is newer than the bundle (an edit not yet rebuilt).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Metafile, type Plugin, build } from "esbuild";

import { BUNDLE_FILE, INPUTS_FILE, type BundleInputs } from "../bin/bundle-freshness.mjs";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const repositoryRoot = join(packageRoot, "..", "..");

/**
 * Dependencies loaded from node_modules at run time instead of bundled: native addons, Prisma's runtime (it
 * loads its WebAssembly query compiler itself), the Postgres driver with the job queue built on it (one `pg`
 * for Prisma's adapter and the queue; graphile-worker would drag in TypeScript, which it loads for config
 * files), and the optional native speed-ups `ws` looks for inside try/catch. All are hoisted to the root
 * node_modules, where the bundle finds them. Only the database commands' chunks import them.
 */
const RUNTIME_DEPENDENCIES = [
  "@prisma/client",
  "@prisma/adapter-pg",
  "pg",
  "graphile-worker",
  "@node-rs/argon2",
  "bufferutil",
  "utf-8-validate",
];

/** Marks RUNTIME_DEPENDENCIES (and their subpaths) external; everything else is bundled. */
const runtimeDependencies: Plugin = {
  name: "runtime-dependencies",
  setup(pluginBuild) {
    const names = RUNTIME_DEPENDENCIES.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/gu, "\\$&"));
    // why: no `u` flag; esbuild evaluates the filter with Go's regexp package, which has no flags.
    const filter = new RegExp(`^(${names.join("|")})(/|$)`);
    pluginBuild.onResolve({ filter }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * Zod's `locales` namespace (its error messages in some fifty languages, half of zod's size) is replaced by English
 * alone. The CLI speaks English and never switches zod's locale; zod sets English itself on first use. Parsing the
 * other languages' code cost every `models status` start about a tenth of its time.
 */
const englishOnlyZodLocales: Plugin = {
  name: "english-only-zod-locales",
  setup(pluginBuild) {
    const namespace = "english-only-zod-locales";
    pluginBuild.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/u.test(args.importer)
        ? { path: join(dirname(args.importer), "..", "locales", "en.js"), namespace }
        : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

/** The source modules loaded with `outputs` (their static imports, transitively; not those behind `import()`). */
function modulesLoadedWith(metafile: Metafile, outputs: string[]): string[] {
  const seen = new Set<string>();
  const pending = [...outputs];
  for (let output = pending.pop(); output !== undefined; output = pending.pop()) {
    if (seen.has(output)) continue;
    seen.add(output);
    for (const imported of metafile.outputs[output]?.imports ?? []) {
      if (imported.kind === "import-statement" && !imported.external) pending.push(imported.path);
    }
  }
  return [...seen].flatMap((output) => Object.keys(metafile.outputs[output]?.inputs ?? {})).sort();
}

const GENERATED_PRISMA_CLIENT = "packages/db/src/generated/";
const PRISMA_SCHEMA = "prisma/schema.prisma";

/** The command that must start without the database: `models status` (its `--gateway` loads it with import()). */
const DATABASE_FREE_COMMAND = "apps/cli/src/commands/models-status.command.ts";

/**
 * Builds the CLI into `outdir` and returns the sources the bundle depends on and the modules `models status`
 * loads (paths relative to the repository root). Throws when `models status` would load the database layer.
 */
export async function buildCli(outdir: string) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: repositoryRoot,
    entryPoints: { [BUNDLE_FILE.replace(/\.mjs$/u, "")]: join(packageRoot, "src", "main.ts") },
    outdir,
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    plugins: [runtimeDependencies, englishOnlyZodLocales],
    // why: a smaller bundle parses faster, and parsing is most of a `models status --from` start. Identifiers are
    // kept, so a stack trace still names our functions; the source map gives their lines (--enable-source-maps).
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: "linked",
    // why: bundled CommonJS dependencies (ws, nodemailer) call require(); an ESM file has none unless it makes one.
    banner: {
      js: [
        'import { createRequire as __clawfleetCreateRequire } from "node:module";',
        "const require = __clawfleetCreateRequire(import.meta.url);",
      ].join("\n"),
    },
    metafile: true,
    legalComments: "none",
    logLevel: "warning",
  });
  const entryOutput = relative(repositoryRoot, join(outdir, BUNDLE_FILE));
  const commandOutput = Object.entries(result.metafile.outputs).find(
    ([, output]) => output.entryPoint === DATABASE_FREE_COMMAND,
  )?.[0];
  if (commandOutput === undefined) throw new Error(`${DATABASE_FREE_COMMAND} is not a chunk of its own`);
  const modelsStatusModules = modulesLoadedWith(result.metafile, [entryOutput, commandOutput]);
  const databaseLayer = modelsStatusModules.filter((input) =>
    /^(packages\/(db|services)\/|node_modules\/(pg|@prisma)\/)/u.test(input),
  );
  if (databaseLayer.length > 0)
    throw new Error(
      `\`clawfleet models status\` loads the database layer on start (${databaseLayer.slice(0, 3).join(", ")}): load it with import() where --gateway needs it`,
    );
  const bundled = Object.keys(result.metafile.inputs).filter((input) => !input.includes("node_modules/"));
  // why: the generated Prisma client is rewritten by every `npm run db:generate`, with the same content while the
  // schema is unchanged; the schema it is generated from stands in for it.
  const sources = [
    ...bundled.filter((input) => !input.startsWith(GENERATED_PRISMA_CLIENT)),
    ...(bundled.some((input) => input.startsWith(GENERATED_PRISMA_CLIENT)) ? [PRISMA_SCHEMA] : []),
  ].sort();
  const inputs: BundleInputs = {
    sources: sources.map((input) => relative(outdir, join(repositoryRoot, input))),
  };
  writeFileSync(join(outdir, INPUTS_FILE), `${JSON.stringify(inputs, null, 2)}\n`);
  return { sources, modelsStatusModules };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = join(packageRoot, "dist");
  const { sources, modelsStatusModules } = await buildCli(outdir);
  console.log(
    `${relative(process.cwd(), join(outdir, BUNDLE_FILE))}: ${sources.length} source files, ${modelsStatusModules.length} modules loaded by \`models status\``,
  );
}
