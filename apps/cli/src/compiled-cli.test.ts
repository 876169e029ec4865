import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { BUNDLE_FILE, INPUTS_FILE, bundleStaleness } from "../bin/bundle-freshness.mjs";
import { buildCli } from "../scripts/build";
import { main } from "./main";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const fixture = (name: string) => path.join(repoRoot, "fixtures", "openclaw-status", name, "rendered-input");

describe("the compiled CLI (scripts/build.ts)", () => {
  let outdir = "";
  let built: Awaited<ReturnType<typeof buildCli>>;
  beforeAll(async () => {
    outdir = mkdtempSync(path.join(tmpdir(), "clawfleet-cli-build-"));
    built = await buildCli(outdir);
  }, 60_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it("loads core for `models status`, and neither db nor services", () => {
    expect(built.modelsStatusModules).toContain("packages/core/src/models-status/build-models-status.ts");
    expect(built.modelsStatusModules.filter((input) => /^packages\/(db|services)\//u.test(input))).toEqual(
      [],
    );
    // the database commands are bundled too, behind import(); the Prisma client stands for its schema
    expect(built.sources).toContain("packages/db/src/client.ts");
    expect(built.sources).toContain("prisma/schema.prisma");
    expect(built.sources.filter((input) => input.includes("/generated/"))).toEqual([]);
  });

  it("bundles zod's English messages only", () => {
    const locales = built.modelsStatusModules.filter((input) => input.includes("zod/v4/locales/"));
    expect(locales.length).toBeGreaterThan(0);
    expect(locales.filter((input) => !input.endsWith("/en.js"))).toEqual([]);
  });

  it.each([
    ["01-anthropic-api-key", ["--json"]],
    ["02-mixed-token-oauth-cooldown-disabled", ["--json"]],
    ["02-mixed-token-oauth-cooldown-disabled", ["--plain"]],
    ["02-mixed-token-oauth-cooldown-disabled", []],
  ])("prints what the sources print for %s %j", async (name, flags) => {
    const argv = [
      "models",
      "status",
      "--from",
      fixture(name),
      "--home",
      "/home/op",
      "--now",
      "1795532000000",
      ...flags,
    ];
    let fromSources = "";
    const code = await main(argv, { stdout: (text) => void (fromSources += text), env: {} });
    const runner = `const { main } = await import(${JSON.stringify(pathToFileURL(path.join(outdir, BUNDLE_FILE)).href)});
process.exitCode = await main(${JSON.stringify(argv)}, { env: {} });`;
    const compiled = execFileSync(process.execPath, ["--input-type=module", "--eval", runner], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", TZ: process.env.TZ ?? "" },
    });
    expect(code).toBe(0);
    expect(compiled).toBe(fromSources);
  });

  it("is fresh right after the build", () => {
    expect(bundleStaleness(outdir)).toBeNull();
  });
});

describe("bundleStaleness", () => {
  let dist = "";
  let source = "";
  const builtAt = new Date("2026-11-30T12:00:00Z");
  beforeAll(() => {
    const root = mkdtempSync(path.join(tmpdir(), "clawfleet-cli-freshness-"));
    dist = path.join(root, "dist");
    source = path.join(root, "src", "main.ts");
    mkdirSync(path.dirname(source), { recursive: true });
    mkdirSync(dist);
  });
  const write = (sourceTime: Date | null, sources = ["../src/main.ts"]) => {
    rmSync(source, { force: true });
    if (sourceTime) {
      writeFileSync(source, "export {};\n");
      utimesSync(source, sourceTime, sourceTime);
    }
    writeFileSync(path.join(dist, INPUTS_FILE), JSON.stringify({ sources }));
    writeFileSync(path.join(dist, BUNDLE_FILE), "export {};\n");
    utimesSync(path.join(dist, BUNDLE_FILE), builtAt, builtAt);
  };

  it("accepts a bundle newer than its sources", () => {
    write(new Date("2026-11-30T11:00:00Z"));
    expect(bundleStaleness(dist)).toBeNull();
  });

  it("refuses a bundle older than one of its sources", () => {
    write(new Date("2026-11-30T13:00:00Z"));
    expect(bundleStaleness(dist)).toMatch(/src\/main\.ts changed after the CLI was compiled$/u);
  });

  it("refuses a bundle built from a source that is gone", () => {
    write(null);
    expect(bundleStaleness(dist)).toMatch(/was built from .*src\/main\.ts, which is gone$/u);
  });

  it("refuses a missing bundle or source list", () => {
    write(new Date("2026-11-30T11:00:00Z"));
    rmSync(path.join(dist, BUNDLE_FILE));
    expect(bundleStaleness(dist)).toBe("the compiled CLI is missing");
    write(new Date("2026-11-30T11:00:00Z"));
    writeFileSync(path.join(dist, INPUTS_FILE), "{}");
    expect(bundleStaleness(dist)).toBe(`the compiled CLI's ${INPUTS_FILE} lists no sources`);
  });
});
