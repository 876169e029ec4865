import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { statusJsonDifferences as jsonDifferences } from "@clawfleet/core/models-status/status-parity";

import {
  type CapturedCase,
  PARITY_PARTS,
  type ParityPart,
  compareCapture,
  loadCapturedCase,
  readKnownDisagreements,
} from "../parity/compare-capture";

/**
 * Parity with real `openclaw models status` captures (OpenClaw 2026.9.6): every case in
 * `<repoRoot>/fixtures/openclaw-status` (the hand-written `NN-*` and the parity lab's `lab/*`) is fed to the
 * real command, and its outputs must match the recorded ones exactly — JSON values and key order — except
 * `remainingMs`, which the real CLI measured a few seconds after `now-ms.txt` (60 s tolerance).
 *
 * The ratchet: `lab/known-disagreements.json` lists the parts of lab captures known to disagree while their
 * rule is being fixed. A listed part must still disagree (once it agrees, delete the entry); every part not
 * listed must agree. The hand-written cases are never listed.
 */

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const fixturesRoot = path.join(repoRoot, "fixtures", "openclaw-status");
if (!existsSync(fixturesRoot)) {
  throw new Error(
    `Parity fixtures are missing: expected them at ${fixturesRoot} (an unedited copy of the real OpenClaw captures; never edit an expected output).`,
  );
}

const labRoot = path.join(fixturesRoot, "lab");
const knownDisagreementsFile = path.join(labRoot, "known-disagreements.json");
const known = readKnownDisagreements(knownDisagreementsFile);

const caseNames = [
  ...readdirSync(fixturesRoot).filter((name) => /^\d\d-/u.test(name)),
  ...(existsSync(labRoot) ? readdirSync(labRoot).map((name) => path.join("lab", name)) : []),
];
const cases: CapturedCase[] = caseNames
  .filter((name) => existsSync(path.join(fixturesRoot, name, "rendered-input")))
  .sort()
  .map((name) => loadCapturedCase(name, path.join(fixturesRoot, name)));

/** The parts of a case listed as known disagreements (lab cases are listed by folder name). */
function knownParts(testCase: CapturedCase): readonly ParityPart[] {
  return testCase.name.startsWith(`lab${path.sep}`) ? (known[path.basename(testCase.name)] ?? []) : [];
}

describe("the parity fixture set", () => {
  it("has cases to run", () => {
    expect(cases.length).toBeGreaterThanOrEqual(7);
  });

  it("lists known disagreements only for lab captures that exist", () => {
    const labCases = new Set(cases.map((testCase) => path.basename(testCase.name)));
    expect(Object.keys(known).filter((name) => !labCases.has(name))).toEqual([]);
  });
});

describe.each(cases)("models status parity: $name", (testCase) => {
  const listed = knownParts(testCase);

  it.each(PARITY_PARTS.filter((part) => !listed.includes(part)))("%s agrees", async (part) => {
    const comparison = await compareCapture(testCase, [part]);
    expect(comparison[part]).toEqual([]);
  });

  it.each([...listed])("%s still disagrees (a known disagreement)", async (part) => {
    const comparison = await compareCapture(testCase, [part]);
    expect(
      comparison[part],
      `${testCase.name} now agrees on ${part}: delete it from ${path.relative(repoRoot, knownDisagreementsFile)}`,
    ).not.toEqual([]);
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
