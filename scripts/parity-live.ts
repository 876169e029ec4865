/**
 * The parity lab's differential runner: generates parity cases, captures each with the real
 * `openclaw@2026.9.6` CLI (installed on demand, run in a loopback-only network namespace), replays the same
 * `rendered-input/` through `clawfleet models status`, and reports every disagreement with a minimal diff.
 *
 *   npm run parity:live -- --cases 20 --seed 7            capture into .cache/parity-lab/runs/, compare, report
 *   npm run parity:live -- --cases 60 --seed 1 --keep     save the captures as fixtures/openclaw-status/lab/gen-1-NNN/
 *   … --record-known                                      also rewrite lab/known-disagreements.json (implies --keep)
 *   … --shrink [--shrink-budget 12]                       shrink each disagreeing case and print what is left
 *   … --resume                                            reuse captures already saved (compare only)
 *   … --jobs 2                                            cases captured at once (each runs one CLI at a time)
 *   npm run parity:live -- --replay [--filter gen-1]      compare the committed captures with today's rules (no
 *                                                          real CLI; with --record-known, rewrite the ratchet)
 *   npm run parity:live -- --capture <case dir>           capture a hand-written case (<dir>/input/) and compare
 *
 * Exits 0 when every case agrees, 1 on any disagreement, 3 when the real CLI or the namespace is unavailable.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import {
  type ParityPart,
  compareCapture,
  disagreeingParts,
  loadCapturedCase,
  readKnownDisagreements,
} from "@clawfleet/cli/parity/compare-capture";
import {
  type ParityCase,
  configText,
  generateParityCase,
  parityCaseFiles,
} from "@clawfleet/core/testing/parity-case-generator";

import { shrinkCase } from "@clawfleet/core/testing/parity-case-shrinker";
import { type CaptureRun, type RealCli, captureCase, prepareRealCli } from "./parity/real-openclaw-capture";

const repoRoot = path.resolve(import.meta.dirname, "..");
const labFixtures = path.join(repoRoot, "fixtures", "openclaw-status", "lab");
const knownDisagreementsFile = path.join(labFixtures, "known-disagreements.json");

const { values } = parseArgs({
  options: {
    cases: { type: "string", default: "20" },
    seed: { type: "string", default: "1" },
    jobs: { type: "string", default: "2" },
    keep: { type: "boolean", default: false },
    "record-known": { type: "boolean", default: false },
    shrink: { type: "boolean", default: false },
    "shrink-budget": { type: "string", default: "12" },
    resume: { type: "boolean", default: false },
    replay: { type: "boolean", default: false },
    filter: { type: "string", default: "" },
    capture: { type: "string" },
  },
});
const count = Number(values.cases);
const seed = Number(values.seed);
const jobs = Math.min(2, Math.max(1, Number(values.jobs)));
const keep = values.keep || values["record-known"];
const shrinkBudget = Number(values["shrink-budget"]);
if (![count, seed, jobs, shrinkBudget].every((value) => Number.isSafeInteger(value) && value >= 0)) {
  console.error(
    "usage: npm run parity:live -- --cases N --seed S [--jobs 1|2] [--keep] [--record-known] [--shrink]",
  );
  process.exit(2);
}

/** The real CLI runs this part needs: `exit` and `json` share the `--json` run. */
const RUN_OF_PART: Record<ParityPart, CaptureRun> = {
  json: "json",
  exit: "json",
  text: "text",
  plain: "plain",
  check: "check",
};

function writeCaseInput(caseDir: string, parityCase: ParityCase): void {
  rmSync(caseDir, { recursive: true, force: true });
  for (const file of parityCaseFiles(parityCase)) {
    const target = path.join(caseDir, "input", file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.text);
  }
}

type Verdict = { name: string; parts: ParityPart[]; report: string[]; seconds: number | null };

/** Captures (or reuses) one case and compares every part. */
async function runCase(cli: RealCli, parityCase: ParityCase, root: string): Promise<Verdict> {
  const caseDir = path.join(root, parityCase.name);
  let seconds: number | null = null;
  if (!(values.resume && existsSync(path.join(caseDir, "output", "check-exit-code.txt")))) {
    writeCaseInput(caseDir, parityCase);
    seconds = (await captureCase(cli, caseDir)).seconds;
  }
  return { ...(await compareSaved(parityCase.name, caseDir)), seconds };
}

/** Compares one saved capture with what Clawfleet prints for its input today. */
async function compareSaved(name: string, caseDir: string): Promise<Omit<Verdict, "seconds">> {
  const comparison = await compareCapture(loadCapturedCase(name, caseDir));
  const parts = disagreeingParts(comparison);
  const report = parts.flatMap((part) => [
    `    ${part}:`,
    ...(comparison[part] ?? []).slice(0, 4).map((line) => `      ${line}`),
  ]);
  return { name, parts, report };
}

function printVerdict(verdict: Verdict, features: readonly string[] = []): void {
  const timing = verdict.seconds === null ? "reused" : `${verdict.seconds.toFixed(1)} s`;
  if (verdict.parts.length === 0) {
    console.log(`${verdict.name} agree (${timing})`);
    return;
  }
  console.log(`${verdict.name} DISAGREE on ${verdict.parts.join(", ")} (${timing})`);
  if (features.length > 0) console.log(`    features: ${features.join(" ")}`);
  for (const line of verdict.report) console.log(line);
}

function recordKnown(verdicts: readonly Verdict[]): void {
  const known = readKnownDisagreements(knownDisagreementsFile);
  for (const verdict of verdicts) {
    if (verdict.parts.length > 0) known[verdict.name] = verdict.parts;
    else delete known[verdict.name];
  }
  const sorted = Object.fromEntries(Object.entries(known).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(knownDisagreementsFile, `${JSON.stringify(sorted, null, 2)}\n`);
  console.log(
    `recorded ${Object.keys(sorted).length} known disagreements in ${path.relative(repoRoot, knownDisagreementsFile)}`,
  );
}

/** `--replay`: every committed capture against today's rules, without the real CLI. */
async function replayCommitted(): Promise<number> {
  const verdicts: Verdict[] = [];
  for (const name of readdirSync(labFixtures).sort()) {
    const caseDir = path.join(labFixtures, name);
    if (!name.includes(values.filter) || !existsSync(path.join(caseDir, "output", "check-exit-code.txt")))
      continue;
    const verdict = { ...(await compareSaved(name, caseDir)), seconds: null };
    if (verdict.parts.length > 0) printVerdict(verdict);
    verdicts.push(verdict);
  }
  if (values["record-known"]) recordKnown(verdicts);
  const agreeing = verdicts.filter((verdict) => verdict.parts.length === 0).length;
  console.log(`${agreeing}/${verdicts.length} committed captures agree`);
  return agreeing === verdicts.length ? 0 : 1;
}

/** `--capture <dir>`: a hand-written case, captured with the real CLI and compared. */
async function captureOne(cli: RealCli, caseDir: string): Promise<number> {
  if (!existsSync(path.join(caseDir, "input"))) {
    console.error(`parity:live: ${caseDir} has no input/ folder to capture`);
    return 2;
  }
  const { seconds } = await captureCase(cli, caseDir);
  const verdict = { ...(await compareSaved(path.basename(caseDir), caseDir)), seconds };
  printVerdict(verdict);
  return verdict.parts.length === 0 ? 0 : 1;
}

/** Shrinks a disagreeing case with scratch captures, then prints the smallest input that still disagrees. */
async function shrinkAndPrint(cli: RealCli, parityCase: ParityCase, parts: ParityPart[]): Promise<void> {
  const scratch = path.join(cli.labCache, "shrink", parityCase.name);
  const runs = [...new Set(parts.map((part) => RUN_OF_PART[part]))];
  const stillDisagrees = async (candidate: ParityCase) => {
    writeCaseInput(scratch, candidate);
    await captureCase(cli, scratch, runs);
    const comparison = await compareCapture(loadCapturedCase(candidate.name, scratch), parts);
    return disagreeingParts(comparison).join() === parts.join();
  };
  const { shrunk, removed, attempts } = await shrinkCase(parityCase, stillDisagrees, shrinkBudget, (line) =>
    console.log(line),
  );
  console.log(
    `  shrunk ${parityCase.name} with ${attempts} real-CLI captures, ${removed.length} pieces removed:`,
  );
  for (const file of parityCaseFiles(shrunk))
    console.log(
      `  --- ${file.path}\n${(file.path === "openclaw.json" ? configText(shrunk.config) : file.text).replace(/^/gmu, "    ")}`,
    );
  rmSync(scratch, { recursive: true, force: true });
}

async function main(): Promise<number> {
  if (values.replay) return replayCommitted();
  const prepared = prepareRealCli();
  if (!prepared.ok) {
    console.error(`parity:live: the real OpenClaw CLI cannot run here: ${prepared.reason}`);
    return 3;
  }
  const { cli } = prepared;
  if (values.capture !== undefined) return captureOne(cli, path.resolve(values.capture));
  const root = keep ? labFixtures : path.join(cli.labCache, "runs", `seed-${seed}`);
  mkdirSync(root, { recursive: true });
  console.log(
    `parity:live: ${count} cases from seed ${seed}, ${jobs} at a time, real CLI ${cli.version}, captures in ${path.relative(repoRoot, root)}`,
  );

  const cases = Array.from({ length: count }, (_, offset) => generateParityCase(seed, offset + 1));
  const verdicts: Verdict[] = [];
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const parityCase = cases[next++];
      if (!parityCase) break;
      const verdict = await runCase(cli, parityCase, root);
      verdicts.push(verdict);
      printVerdict(verdict, parityCase.features);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));

  const disagreeing = verdicts
    .filter((verdict) => verdict.parts.length > 0)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  if (values.shrink) {
    for (const verdict of disagreeing) {
      const parityCase = cases.find((candidate) => candidate.name === verdict.name);
      if (parityCase) await shrinkAndPrint(cli, parityCase, verdict.parts);
    }
  }
  if (values["record-known"]) recordKnown(verdicts);
  const captured = verdicts.flatMap((verdict) => (verdict.seconds === null ? [] : [verdict.seconds]));
  const perCase =
    captured.length > 0 ? captured.reduce((sum, seconds) => sum + seconds, 0) / captured.length : 0;
  console.log(
    `${verdicts.length - disagreeing.length}/${verdicts.length} agree` +
      ` (${captured.length} captured, ${perCase.toFixed(1)} s per case, ${((Date.now() - started) / 1000).toFixed(0)} s wall with ${jobs} jobs)`,
  );
  return disagreeing.length === 0 ? 0 : 1;
}

process.exitCode = await main();
