import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { statusJsonDifferences as jsonDifferences } from "@clawfleet/core/models-status/status-parity";

import { main } from "../main";

/**
 * Parity with real `openclaw models status` captures (OpenClaw 2026.9.6): every case in
 * `<repoRoot>/fixtures/openclaw-status` is fed to the real command, and its outputs must match the
 * recorded ones exactly — JSON values and key order — except `remainingMs`, which the real CLI measured a
 * few seconds after `now-ms.txt` (60 s tolerance).
 */

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const fixturesRoot = path.join(repoRoot, "fixtures", "openclaw-status");
if (!existsSync(fixturesRoot)) {
  throw new Error(
    `Parity fixtures are missing: expected them at ${fixturesRoot} (an unedited copy of the real OpenClaw captures; never edit an expected output).`,
  );
}

const HOME = "<TMP>/home";

type Case = { name: string; dir: string; argv: string[]; env: Record<string, string> };

function readIfPresent(file: string): string | null {
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}

function loadCase(name: string): Case {
  const dir = path.join(fixturesRoot, name);
  const now = readFileSync(path.join(dir, "rendered-input", "now-ms.txt"), "utf8").trim();
  const statusArgs = (readIfPresent(path.join(dir, "input", "status-args")) ?? "")
    .split(/\s+/u)
    .filter(Boolean);
  const env: Record<string, string> = {};
  for (const line of (readIfPresent(path.join(dir, "input", "env")) ?? "").split("\n")) {
    const equals = line.indexOf("=");
    if (equals > 0) env[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  }
  const argv = ["--from", path.join(dir, "rendered-input"), "--now", now, "--home", HOME, ...statusArgs];
  return { name, dir, argv, env };
}

/** The hand-written captures (`NN-name`) and the parity lab's captures (`lab/<name>`), each with its inputs. */
const labRoot = path.join(fixturesRoot, "lab");
const caseNames = [
  ...readdirSync(fixturesRoot).filter((name) => /^\d\d-/u.test(name)),
  ...(existsSync(labRoot) ? readdirSync(labRoot).map((name) => path.join("lab", name)) : []),
];
const cases = caseNames
  .filter((name) => existsSync(path.join(fixturesRoot, name, "rendered-input")))
  .sort()
  .map(loadCase);

async function run(testCase: Case, extra: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const code = await main(["models", "status", ...testCase.argv, ...extra], {
    stdout: (text) => (stdout += text),
    stderr: () => undefined,
    env: testCase.env,
  });
  return { code, stdout };
}

describe("the parity fixture set", () => {
  it("has cases to run", () => {
    expect(cases.length).toBeGreaterThanOrEqual(7);
  });
});

describe.each(cases)("models status parity: $name", (testCase) => {
  const expected = (file: string) => readFileSync(path.join(testCase.dir, "output", file), "utf8");

  it("--json prints stdout.json (values and key order) with exit-code.txt", async () => {
    const { code, stdout } = await run(testCase, ["--json"]);
    expect(jsonDifferences(JSON.parse(stdout), JSON.parse(expected("stdout.json")))).toEqual([]);
    expect(code).toBe(Number(expected("exit-code.txt").trim()));
  });

  it("--json --check exits with check-exit-code.txt", async () => {
    const { code } = await run(testCase, ["--json", "--check"]);
    expect(code).toBe(Number(expected("check-exit-code.txt").trim()));
  });

  it("the text report equals status-plain-text.txt", async () => {
    const { stdout } = await run(testCase, []);
    expect(stdout).toBe(expected("status-plain-text.txt"));
  });

  it("--plain equals status-plain-flag.txt", async () => {
    const { stdout } = await run(testCase, ["--plain"]);
    expect(stdout).toBe(expected("status-plain-flag.txt"));
  });
});

describe("the comparison itself", () => {
  it("catches a reordered key, a changed value and a remainingMs beyond tolerance", () => {
    expect(jsonDifferences({ b: 1, a: 2 }, { a: 2, b: 1 })).toHaveLength(1);
    expect(jsonDifferences({ a: "x" }, { a: "y" })).toHaveLength(1);
    expect(jsonDifferences({ remainingMs: 1_000 }, { remainingMs: 70_000 })).toHaveLength(1);
    expect(jsonDifferences({ remainingMs: 1_000 }, { remainingMs: 50_000 })).toEqual([]);
  });
});
