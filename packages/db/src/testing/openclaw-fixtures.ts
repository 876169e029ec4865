/**
 * The real `openclaw models status` captures in `<repoRoot>/fixtures/openclaw-status`, as import
 * inputs: each case's `rendered-input/` files, its `now`, the agent it inspects, and its expected output.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type StatusFixtureCase = {
  name: string;
  dir: string;
  inputDir: string;
  files: { path: string; text: string }[];
  now: number;
  /** `--agent` of `input/status-args`, or null for the default agent. */
  agentArg: string | null;
  expectedStdout: unknown;
  expectedExitCode: number;
};

export const FIXTURE_HOME = "<TMP>/home";

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
export const fixturesRoot = path.join(repoRoot, "fixtures", "openclaw-status");

function listFiles(root: string, prefix = ""): string[] {
  return readdirSync(path.join(root, prefix))
    .sort()
    .flatMap((name) => {
      const relative = prefix === "" ? name : `${prefix}/${name}`;
      return statSync(path.join(root, relative)).isDirectory() ? listFiles(root, relative) : [relative];
    });
}

export function readFixtureFolder(folder: string): { path: string; text: string }[] {
  return listFiles(folder).map((relative) => ({
    path: relative,
    text: readFileSync(path.join(folder, relative), "utf8"),
  }));
}

export function statusFixtureCases(): StatusFixtureCase[] {
  if (!existsSync(fixturesRoot))
    throw new Error(
      `Parity fixtures are missing: expected them at ${fixturesRoot} (an unedited copy of the real OpenClaw captures; never edit an expected output).`,
    );
  return readdirSync(fixturesRoot)
    .filter((name) => /^\d\d-/u.test(name) && existsSync(path.join(fixturesRoot, name, "rendered-input")))
    .sort()
    .map((name) => {
      const dir = path.join(fixturesRoot, name);
      const inputDir = path.join(dir, "rendered-input");
      const argsFile = path.join(dir, "input", "status-args");
      const args = existsSync(argsFile) ? readFileSync(argsFile, "utf8").split(/\s+/u).filter(Boolean) : [];
      const agentIndex = args.indexOf("--agent");
      return {
        name,
        dir,
        inputDir,
        files: readFixtureFolder(inputDir),
        now: Number(readFileSync(path.join(inputDir, "now-ms.txt"), "utf8").trim()),
        agentArg: agentIndex >= 0 ? (args[agentIndex + 1] ?? null) : null,
        expectedStdout: JSON.parse(readFileSync(path.join(dir, "output", "stdout.json"), "utf8")) as unknown,
        expectedExitCode: Number(readFileSync(path.join(dir, "output", "exit-code.txt"), "utf8").trim()),
      };
    });
}
