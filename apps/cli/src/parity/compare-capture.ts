import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { statusJsonDifferences } from "@clawfleet/core/models-status/status-parity";

import { main } from "../main";

/**
 * One real `openclaw models status` capture (fixture layout, `fixtures/openclaw-status/README.md`) replayed
 * through `clawfleet models status --from <case>/rendered-input`, part by part. Shared by the parity test
 * (which replays every committed capture) and the parity lab's runner (which compares each new capture).
 */

/** The parts of a capture compared: `--json` values and key order, the text report, `--plain`, and codes. */
export const PARITY_PARTS = ["json", "text", "plain", "exit", "check"] as const;
export type ParityPart = (typeof PARITY_PARTS)[number];

/** The home the captures' paths were recorded under (`run-case.sh` writes `<TMP>` for its temp dir). */
export const CAPTURE_HOME = "<TMP>/home";

export type CapturedCase = {
  name: string;
  dir: string;
  /** `models status` arguments besides the output flag. */
  argv: string[];
  env: Record<string, string>;
};

function readIfPresent(file: string): string | null {
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}

/** `KEY=VALUE` lines of an `input/env` file. */
export function parseEnvLines(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const equals = line.indexOf("=");
    if (equals > 0) env[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  }
  return env;
}

export function loadCapturedCase(name: string, dir: string): CapturedCase {
  const now = readFileSync(path.join(dir, "rendered-input", "now-ms.txt"), "utf8").trim();
  const statusArgs = (readIfPresent(path.join(dir, "input", "status-args")) ?? "")
    .split(/\s+/u)
    .filter(Boolean);
  const env = parseEnvLines(readIfPresent(path.join(dir, "input", "env")) ?? "");
  const argv = [
    "--from",
    path.join(dir, "rendered-input"),
    "--now",
    now,
    "--home",
    CAPTURE_HOME,
    ...statusArgs,
  ];
  return { name, dir, argv, env };
}

async function runClawfleet(
  testCase: CapturedCase,
  extra: string[],
): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const code = await main(["models", "status", ...testCase.argv, ...extra], {
    stdout: (text) => (stdout += text),
    stderr: () => undefined,
    env: testCase.env,
  });
  return { code, stdout };
}

/** The first lines where two texts differ, as `-expected` / `+actual` pairs. */
export function textDifferences(actual: string, expected: string, limit = 3): string[] {
  const actualLines = actual.split("\n");
  const expectedLines = expected.split("\n");
  const differences: string[] = [];
  for (let index = 0; index < Math.max(actualLines.length, expectedLines.length); index += 1) {
    if (actualLines[index] === expectedLines[index]) continue;
    differences.push(
      `line ${index + 1}: -${JSON.stringify(expectedLines[index] ?? null)} +${JSON.stringify(actualLines[index] ?? null)}`,
    );
    if (differences.length >= limit) break;
  }
  return differences;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { unparsable: text };
  }
}

/** Each compared part's differences (empty = that part agrees). Only the parts asked for are run. */
export async function compareCapture(
  testCase: CapturedCase,
  parts: readonly ParityPart[] = PARITY_PARTS,
): Promise<Partial<Record<ParityPart, string[]>>> {
  const expected = (file: string) => readFileSync(path.join(testCase.dir, "output", file), "utf8");
  const result: Partial<Record<ParityPart, string[]>> = {};
  const codeDifference = (actual: number, file: string) => {
    const recorded = Number(expected(file).trim());
    return actual === recorded ? [] : [`exit ${actual}, expected ${recorded}`];
  };
  if (parts.includes("json") || parts.includes("exit")) {
    const { code, stdout } = await runClawfleet(testCase, ["--json"]);
    if (parts.includes("json"))
      result.json = statusJsonDifferences(parseJson(stdout), parseJson(expected("stdout.json")));
    if (parts.includes("exit")) result.exit = codeDifference(code, "exit-code.txt");
  }
  if (parts.includes("check")) {
    const { code } = await runClawfleet(testCase, ["--json", "--check"]);
    result.check = codeDifference(code, "check-exit-code.txt");
  }
  if (parts.includes("text")) {
    const { stdout } = await runClawfleet(testCase, []);
    result.text = textDifferences(stdout, expected("status-plain-text.txt"));
  }
  if (parts.includes("plain")) {
    const { stdout } = await runClawfleet(testCase, ["--plain"]);
    result.plain = textDifferences(stdout, expected("status-plain-flag.txt"));
  }
  return result;
}

/** The parts that disagree, in `PARITY_PARTS` order. */
export function disagreeingParts(comparison: Partial<Record<ParityPart, string[]>>): ParityPart[] {
  return PARITY_PARTS.filter((part) => (comparison[part]?.length ?? 0) > 0);
}

/**
 * The ratchet of the lab's captures (`fixtures/openclaw-status/lab/known-disagreements.json`): case name →
 * the parts known to disagree while their rule is being fixed. A listed part must still disagree, every other
 * part must agree.
 */
export type KnownDisagreements = Record<string, ParityPart[]>;

export function readKnownDisagreements(file: string): KnownDisagreements {
  if (!existsSync(file)) return {};
  const parsed = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  const known: KnownDisagreements = {};
  for (const [name, parts] of Object.entries(parsed)) {
    if (!Array.isArray(parts) || parts.some((part) => !PARITY_PARTS.includes(part as ParityPart)))
      throw new Error(`${file}: "${name}" must list parts among ${PARITY_PARTS.join(", ")}`);
    known[name] = parts as ParityPart[];
  }
  return known;
}
