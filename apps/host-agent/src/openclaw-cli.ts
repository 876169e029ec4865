// Runs the real `openclaw` CLI where the Gateway's RPC has no path (setup-tokens, agent-local API keys, `models
// status --json`). It runs with this agent's environment, so HOME and OPENCLAW_STATE_DIR are the Gateway's. A secret
// goes to the child's stdin only, never argv (argv is visible to every user in `ps`), and every text the run
// produces is scrubbed of it before it is returned or thrown.
import { spawn } from "node:child_process";
import { JobProblem } from "./job-outcome";
import { scrubSecrets } from "./secret-scrub";

export type OpenClawRun = { args: readonly string[]; stdin?: string; timeoutMs: number };
export type OpenClawRunResult = { stdout: string; stderr: string };
/** Runs the CLI; resolves when it exits 0, otherwise throws a `JobProblem` carrying its (scrubbed) output. */
export type OpenClawCli = (run: OpenClawRun) => Promise<OpenClawRunResult>;

export type SpawnedProcess = {
  command: string;
  args: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
};

const OUTPUT_LIMIT = 8 * 1024 * 1024;

/** How the failure reads on the console: `openclaw models auth paste-token` and its last lines of output. */
function commandLabel(args: readonly string[]): string {
  return ["openclaw", ...args.filter((arg) => !arg.startsWith("-")).slice(0, 3)].join(" ");
}

function lastLines(text: string, count = 12): string {
  return text.trim().split("\n").slice(-count).join("\n");
}

export function openClawCli(options: {
  bin: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Test seam: sees exactly what is spawned. */
  onSpawn?: (spawned: SpawnedProcess) => void;
  /**
   * Scales every run's time budget (default 1). The budgets fit a quiet host; a suite sharing two cores with
   * other suites runs the CLI several times slower (paste-token takes 35 s quiet on such a machine).
   */
  timeoutScale?: number;
}): OpenClawCli {
  const timeoutScale = options.timeoutScale ?? 1;
  return (run) =>
    new Promise((resolve, reject) => {
      const secrets = [run.stdin];
      const scrub = (text: string) => scrubSecrets(text, secrets);
      const source = commandLabel(run.args);
      options.onSpawn?.({ command: options.bin, args: run.args, env: options.env });
      const child = spawn(options.bin, run.args, {
        env: options.env,
        stdio: ["pipe", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        if (stdout.length < OUTPUT_LIMIT) stdout += chunk.toString("utf8");
      });
      child.stderr.on("data", (chunk: Buffer) => {
        if (stderr.length < OUTPUT_LIMIT) stderr += chunk.toString("utf8");
      });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill("SIGKILL");
      }, run.timeoutMs * timeoutScale);
      child.once("error", (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(
          new JobProblem("failed", {
            code: "OPENCLAW_CLI_UNAVAILABLE",
            message: scrub(
              `cannot run the OpenClaw CLI (${options.bin}): ${error.code ?? error.message}; ` +
                "put `openclaw` on PATH or pass --openclaw <path>",
            ),
            source,
          }),
        );
      });
      child.once("close", (code: number | null, signal: NodeJS.Signals | null) => {
        clearTimeout(timer);
        const output = { stdout: scrub(stdout), stderr: scrub(stderr) };
        if (code === 0) {
          resolve(output);
          return;
        }
        if (timedOut) {
          reject(
            new JobProblem("retry", {
              code: "OPENCLAW_CLI_TIMEOUT",
              message: `${source} did not finish within ${run.timeoutMs * timeoutScale} ms`,
              source,
            }),
          );
          return;
        }
        const said = lastLines(`${output.stderr}\n${output.stdout}`.trim());
        reject(
          new JobProblem("failed", {
            code: "OPENCLAW_CLI_FAILED",
            message: said || `${source} exited ${code ?? signal}`,
            details: { exitCode: code, signal },
            source,
          }),
        );
      });
      // A closed stdin is not an error worth more than the exit status the CLI reports.
      child.stdin.on("error", () => undefined);
      child.stdin.end(run.stdin === undefined ? "" : `${run.stdin}\n`);
    });
}
