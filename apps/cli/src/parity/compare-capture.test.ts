import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { afterAll, describe, expect, it } from "vitest";

import {
  compareCapture,
  disagreeingParts,
  loadCapturedCase,
  readKnownDisagreements,
} from "./compare-capture";

/**
 * The lab's comparison must be able to fail: a capture whose recorded output is tampered with has to be
 * reported on exactly the part that was changed, or the parity replay and its ratchet prove nothing.
 */

const fixturesRoot = fileURLToPath(new URL("../../../../fixtures/openclaw-status/", import.meta.url));
const fixture = path.join(fixturesRoot, "01-anthropic-api-key");
/** Fixture 02 has cooldowns and expiries, so its JSON holds `remainingMs` values. */
const fixtureWithCountdowns = path.join(fixturesRoot, "02-mixed-token-oauth-cooldown-disabled");
const scratch = mkdtempSync(path.join(os.tmpdir(), "clawfleet-compare-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of a fixture (01 unless named) with one recorded output rewritten. */
function tampered(name: string, file: string, edit: (text: string) => string, source = fixture): string {
  const dir = path.join(scratch, name);
  cpSync(source, dir, { recursive: true });
  const target = path.join(dir, "output", file);
  writeFileSync(target, edit(readFileSync(target, "utf8")));
  return dir;
}

describe("compareCapture", () => {
  it("finds every part of an untouched capture in agreement", async () => {
    const comparison = await compareCapture(loadCapturedCase("01", fixture));
    expect(disagreeingParts(comparison)).toEqual([]);
  });

  it.each([
    [
      "json",
      "stdout.json",
      (text: string) => text.replace('"anthropic/claude-opus-4-8"', '"anthropic/other"'),
    ],
    ["text", "status-plain-text.txt", (text: string) => text.replace("Agent dir", "Agent folder")],
    ["plain", "status-plain-flag.txt", (text: string) => `${text}extra\n`],
    ["exit", "exit-code.txt", () => "1\n"],
    ["check", "check-exit-code.txt", () => "2\n"],
  ] as const)("reports a tampered %s and nothing else", async (part, file, edit) => {
    const dir = tampered(part, file, edit);
    const comparison = await compareCapture(loadCapturedCase(part, dir));
    expect(disagreeingParts(comparison)).toEqual([part]);
  });

  it("allows remainingMs a few seconds off, not two minutes", async () => {
    const shift = (ms: number) => (text: string) =>
      text.replace(
        /"remainingMs": (-?\d+)/u,
        (_match, value: string) => `"remainingMs": ${Number(value) + ms}`,
      );
    const withinDir = tampered("within", "stdout.json", shift(30_000), fixtureWithCountdowns);
    const beyondDir = tampered("beyond", "stdout.json", shift(120_000), fixtureWithCountdowns);
    expect(disagreeingParts(await compareCapture(loadCapturedCase("within", withinDir), ["json"]))).toEqual(
      [],
    );
    expect(disagreeingParts(await compareCapture(loadCapturedCase("beyond", beyondDir), ["json"]))).toEqual([
      "json",
    ]);
  });
});

describe("readKnownDisagreements", () => {
  it("refuses a part the comparison does not know", () => {
    const file = path.join(scratch, "known.json");
    writeFileSync(file, JSON.stringify({ "gen-1-001": ["json", "colour"] }));
    expect(() => readKnownDisagreements(file)).toThrow(/"gen-1-001" must list parts among json, text/u);
  });
});
