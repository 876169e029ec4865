// Builds the standalone host agent a gateway host installs from a tarball: esbuild bundles src/bin.ts with
// everything it imports (core's schemas, the gateway client, `ws`, `zod`, `json5`) into one ESM file, and `npm pack`
// wraps it as the package `clawfleet-agent` with a `bin` and no runtime dependencies.
//   npm run -w @clawfleet/host-agent pack   →   apps/host-agent/dist/clawfleet-agent-<version>.tgz
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(packageRoot, "dist");
const staging = join(dist, "package");
const workspacePackage = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as {
  version: string;
  description: string;
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });

const bundle = join(staging, "clawfleet-agent.mjs");
await build({
  entryPoints: [join(packageRoot, "src", "bin.ts")],
  outfile: bundle,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // why: `ws` loads these optional native speed-ups inside try/catch; left out, it uses its JS fallbacks.
  external: ["bufferutil", "utf-8-validate"],
  // why: CommonJS dependencies (`ws`) call require(); an ESM bundle has none unless it makes one.
  banner: {
    js: [
      "#!/usr/bin/env node",
      'import { createRequire as __clawfleetCreateRequire } from "node:module";',
      "const require = __clawfleetCreateRequire(import.meta.url);",
    ].join("\n"),
  },
  legalComments: "none",
  logLevel: "warning",
});
chmodSync(bundle, 0o755);

writeFileSync(
  join(staging, "package.json"),
  `${JSON.stringify(
    {
      name: "clawfleet-agent",
      version: workspacePackage.version,
      description: workspacePackage.description,
      type: "module",
      bin: { "clawfleet-agent": "clawfleet-agent.mjs" },
      files: ["clawfleet-agent.mjs", "README.md"],
      engines: { node: ">=20.19" },
    },
    null,
    2,
  )}\n`,
);
writeFileSync(
  join(staging, "README.md"),
  [
    "# clawfleet-agent",
    "",
    "The Clawfleet host agent: runs beside an OpenClaw Gateway, dials out to the Clawfleet console, applies its jobs",
    "and reports the real `openclaw models status --json`. Run `clawfleet-agent --help`.",
    "",
  ].join("\n"),
);
const packed = execFileSync("npm", ["pack", "--pack-destination", dist, "--json"], {
  cwd: staging,
  encoding: "utf8",
});
const [{ filename }] = JSON.parse(packed) as [{ filename: string }];
console.log(join(dist, filename));
