/**
 * Captures one parity case with the real `openclaw@2026.9.6` CLI, as `fixtures/openclaw-status/run-case.sh`
 * does, and writes the same layout (`rendered-input/`, `command.txt`, `output/`), only cheaper:
 * - the state DB bootstrap (`models auth paste-api-key`) and each agent's DB creation
 *   (`models auth order clear --agent <id>`) run once into a template under `.cache/parity-lab/`, and a case
 *   copies those SQLite files instead of paying a CLI start for each;
 * - `models auth list` is not run (the parity test does not replay it);
 * - Node's compile cache is kept between CLI starts.
 * Every real-CLI process runs in a loopback-only network namespace, so it reaches nothing outside the machine.
 */
import { spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";

import { ensureOpenClaw } from "../ensure-openclaw.mjs";
import { namespaceFlags } from "../loopback-namespace.mjs";

export type RealCli = {
  node: string;
  openclawMjs: string;
  version: string;
  unshareFlags: string[];
  labCache: string;
};

export type CommandResult = { code: number; stdout: string; stderr: string };

/** The parts of a capture, each one real-CLI run; `exit` comes from the `--json` run. */
export type CaptureRun = "text" | "json" | "check" | "plain";
export const ALL_RUNS: readonly CaptureRun[] = ["text", "json", "check", "plain"];

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
const fixtureTools = path.join(repoRoot, "fixtures", "openclaw-status");
const caseClock = path.join(import.meta.dirname, "case-clock.mjs");
const EMPTY_STORE = '{"version":1,"profiles":{}}\n';

/** Installs the real CLI when missing and checks that a loopback-only namespace can be made. */
export function prepareRealCli(): { ok: true; cli: RealCli } | { ok: false; reason: string } {
  const installed = ensureOpenClaw();
  if (!installed.ok || !installed.node || !installed.openclawMjs || !installed.version)
    return { ok: false, reason: installed.reason ?? "the OpenClaw CLI is unavailable" };
  const { flags, reason } = namespaceFlags();
  if (!flags) return { ok: false, reason: `no loopback-only network namespace: ${reason ?? ""}` };
  const labCache = path.join(repoRoot, ".cache", "parity-lab");
  mkdirSync(labCache, { recursive: true });
  return {
    ok: true,
    cli: {
      node: installed.node,
      openclawMjs: installed.openclawMjs,
      version: installed.version,
      unshareFlags: flags,
      labCache,
    },
  };
}

/** Runs a process to completion, collecting its output. */
function runProcess(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  stdin = "",
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/**
 * The environment of a real-CLI run: only what it needs (no ambient credentials from this shell), the
 * throwaway home, the compile cache, and the case's own variables.
 */
function cliEnvironment(
  cli: RealCli,
  home: string,
  extra: Record<string, string>,
  caseNow?: number,
): NodeJS.ProcessEnv {
  const passed: NodeJS.ProcessEnv = {};
  for (const name of ["PATH", "LANG", "LC_ALL", "TZ"])
    if (process.env[name]) passed[name] = process.env[name];
  return {
    ...passed,
    HOME: home,
    OPENCLAW_STATE_DIR: path.join(home, ".openclaw"),
    NODE_COMPILE_CACHE: path.join(cli.labCache, "node-compile-cache"),
    // why: the launcher would start a second Node only to move its compile cache to a per-version folder;
    // the lab's cache is already private to this version's template.
    OPENCLAW_PACKAGED_COMPILE_CACHE_RESPAWNED: "1",
    ...(caseNow === undefined ? {} : { PARITY_LAB_CASE_NOW: String(caseNow) }),
    ...extra,
  };
}

/** `openclaw <args>` in a loopback-only network namespace. */
export function runOpenClaw(
  cli: RealCli,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  stdin = "",
): Promise<CommandResult> {
  return runProcess(
    "unshare",
    [
      ...cli.unshareFlags,
      "sh",
      "-c",
      'ip link set lo up 2>/dev/null; exec "$@"',
      "sh",
      cli.node,
      // why: the flag the CLI's startup would otherwise respawn itself to add (one Node start fewer per run).
      "--disable-warning=ExperimentalWarning",
      "--import",
      caseClock,
      cli.openclawMjs,
      ...args,
    ],
    env,
    stdin,
  );
}

/**
 * `fixtures/openclaw-status/seed-store.js` (needs Node 24 for `node:sqlite`). It is CommonJS, which the
 * repository's `"type": "module"` would make Node read as ESM, so it runs from a `.cjs` copy in the lab cache.
 */
async function seedStore(cli: RealCli, database: string, kind: "shared" | "agent", files: [string, string]) {
  const script = path.join(cli.labCache, "seed-store.cjs");
  if (!existsSync(script)) cpSync(path.join(fixtureTools, "seed-store.js"), script);
  const result = await runProcess(cli.node, [script, database, kind, ...files], process.env);
  if (result.code !== 0) throw new Error(`seeding ${database} failed: ${result.stderr.trim()}`);
}

// ------------------------------------------------------------------------------------------ the template

let templateHome: Promise<string> | null = null;
const agentDatabases = new Map<string, Promise<string>>();

/** A home whose state DB was bootstrapped once, as run-case.sh step 1 does for every case. */
function bootstrappedHome(cli: RealCli): Promise<string> {
  templateHome ??= (async () => {
    const template = path.join(cli.labCache, `template-${cli.version.replace(/\W+/gu, "_")}`);
    const home = path.join(template, "home");
    if (existsSync(path.join(template, ".complete"))) return home;
    rmSync(template, { recursive: true, force: true });
    mkdirSync(path.join(home, ".openclaw"), { recursive: true });
    const result = await runOpenClaw(
      cli,
      ["models", "auth", "paste-api-key", "--provider", "anthropic", "--profile-id", "anthropic:bootstrap"],
      cliEnvironment(cli, home, {}),
      "sk-ant-api03-BOOTSTRAP-PLACEHOLDER\n",
    );
    if (!existsSync(path.join(home, ".openclaw", "state", "openclaw.sqlite")))
      throw new Error(`bootstrapping the state DB failed (exit ${result.code}): ${result.stderr.trim()}`);
    writeFileSync(path.join(template, ".complete"), `${cli.version}\n`);
    return home;
  })();
  return templateHome;
}

/**
 * The folder holding agent `agentId`'s freshly created `openclaw-agent.sqlite` (its schema_meta names the
 * agent, so each id gets its own), made once with the command run-case.sh uses.
 */
function agentDatabaseTemplate(cli: RealCli, agentId: string): Promise<string> {
  let pending = agentDatabases.get(agentId);
  if (!pending) {
    pending = (async () => {
      const home = await bootstrappedHome(cli);
      const target = path.join(path.dirname(home), "agents", agentId);
      if (existsSync(path.join(target, ".complete"))) return target;
      const scratch = mkdtempSync(path.join(os.tmpdir(), "oclab-agent-"));
      try {
        const scratchHome = path.join(scratch, "home");
        cpSync(home, scratchHome, { recursive: true });
        const entries = agentId === "main" ? { main: {} } : { main: {}, [agentId]: {} };
        writeFileSync(
          path.join(scratchHome, ".openclaw", "openclaw.json"),
          JSON.stringify({ agents: { ...(agentId === "main" ? {} : { ownership: "explicit" }), entries } }),
        );
        const result = await runOpenClaw(
          cli,
          ["models", "auth", "order", "clear", "--provider", "anthropic", "--agent", agentId],
          cliEnvironment(cli, scratchHome, {}),
        );
        const agentDir = path.join(scratchHome, ".openclaw", "agents", agentId, "agent");
        const databases = existsSync(agentDir)
          ? readdirSync(agentDir).filter((name) => name.startsWith("openclaw-agent.sqlite"))
          : [];
        if (!databases.includes("openclaw-agent.sqlite"))
          throw new Error(
            `creating agent ${agentId}'s DB failed (exit ${result.code}): ${result.stderr.trim()}`,
          );
        rmSync(target, { recursive: true, force: true });
        mkdirSync(target, { recursive: true });
        for (const name of databases) cpSync(path.join(agentDir, name), path.join(target, name));
        writeFileSync(path.join(target, ".complete"), "");
        return target;
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    })();
    agentDatabases.set(agentId, pending);
  }
  return pending;
}

// ------------------------------------------------------------------------------------------ rendering

const TEMPLATE = /^__NOW(?:([+-])(\d+))?__$/u;

function renderValue(value: unknown, now: number): unknown {
  if (typeof value === "string") {
    const match = TEMPLATE.exec(value);
    return match ? now + (match[1] === "-" ? -1 : 1) * Number(match[2] ?? 0) : value;
  }
  if (Array.isArray(value)) return value.map((item) => renderValue(item, now));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderValue(item, now)]));
  return value;
}

/**
 * A template file rendered as `render-templates.js` does (parsed and re-printed); a config that is not strict
 * JSON (JSON5, or a deliberate syntax error) keeps its bytes, with any template string replaced in place.
 */
export function renderTemplateText(text: string, now: number): string {
  try {
    return `${JSON.stringify(renderValue(JSON.parse(text), now), null, 2)}\n`;
  } catch {
    return text.replace(
      /"__NOW(?:([+-])(\d+))?__"/gu,
      (_, sign: string | undefined, digits: string | undefined) =>
        String(now + (sign === "-" ? -1 : 1) * Number(digits ?? 0)),
    );
  }
}

function renderFile(source: string, target: string, now: number): void {
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, renderTemplateText(readFileSync(source, "utf8"), now));
}

function filesUnder(folder: string, prefix = ""): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(path.join(folder, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(folder, relative) : [relative];
  });
}

// ------------------------------------------------------------------------------------------ one case

export type CaptureResult = { now: number; seconds: number; exit: number | null; check: number | null };

/**
 * Captures `<caseDir>/input/` into `rendered-input/`, `command.txt` and `output/` (only the runs asked for:
 * a shrinking step needs just the parts that disagreed).
 */
export async function captureCase(
  cli: RealCli,
  caseDir: string,
  runs: readonly CaptureRun[] = ALL_RUNS,
): Promise<CaptureResult> {
  const started = Date.now();
  const input = path.join(caseDir, "input");
  const rendered = path.join(caseDir, "rendered-input");
  const output = path.join(caseDir, "output");
  rmSync(rendered, { recursive: true, force: true });
  rmSync(output, { recursive: true, force: true });
  mkdirSync(rendered, { recursive: true });
  mkdirSync(output, { recursive: true });

  const home = await bootstrappedHome(cli);
  const agentIds = existsSync(path.join(input, "agents"))
    ? readdirSync(path.join(input, "agents")).sort()
    : [];
  const agentTemplates = await Promise.all(agentIds.map((agentId) => agentDatabaseTemplate(cli, agentId)));

  const run = mkdtempSync(path.join(os.tmpdir(), "oclab-"));
  try {
    const runHome = path.join(run, "home");
    const stateDir = path.join(runHome, ".openclaw");
    cpSync(home, runHome, { recursive: true });
    const now = Date.now();
    writeFileSync(path.join(rendered, "now-ms.txt"), `${now}\n`);

    renderFile(path.join(input, "openclaw.json"), path.join(rendered, "openclaw.json"), now);
    cpSync(path.join(rendered, "openclaw.json"), path.join(stateDir, "openclaw.json"));

    const sharedProfiles = path.join(rendered, "shared-auth-profiles.json");
    if (existsSync(path.join(input, "shared-auth-profiles.json")))
      renderFile(path.join(input, "shared-auth-profiles.json"), sharedProfiles, now);
    else writeFileSync(sharedProfiles, EMPTY_STORE);
    let sharedState = "-";
    if (existsSync(path.join(input, "shared-auth-state.json"))) {
      sharedState = path.join(rendered, "shared-auth-state.json");
      renderFile(path.join(input, "shared-auth-state.json"), sharedState, now);
    }
    await seedStore(cli, path.join(stateDir, "state", "openclaw.sqlite"), "shared", [
      sharedProfiles,
      sharedState,
    ]);

    for (const [index, agentId] of agentIds.entries()) {
      const agentDir = path.join(stateDir, "agents", agentId, "agent");
      mkdirSync(agentDir, { recursive: true });
      mkdirSync(path.join(rendered, "agents", agentId), { recursive: true });
      const template = agentTemplates[index] ?? "";
      for (const name of readdirSync(template).filter((file) => file.startsWith("openclaw-agent.sqlite")))
        cpSync(path.join(template, name), path.join(agentDir, name));
      const documents = (["auth-profiles.json", "auth-state.json"] as const).map((name) => {
        const source = path.join(input, "agents", agentId, name);
        if (!existsSync(source)) return "-";
        const target = path.join(rendered, "agents", agentId, name);
        renderFile(source, target, now);
        return target;
      });
      await seedStore(cli, path.join(agentDir, "openclaw-agent.sqlite"), "agent", [
        documents[0] ?? "-",
        documents[1] ?? "-",
      ]);
    }

    const legacy = path.join(input, "legacy-files");
    for (const relative of filesUnder(legacy)) {
      renderFile(path.join(legacy, relative), path.join(stateDir, relative), now);
      mkdirSync(path.dirname(path.join(rendered, "legacy-files", relative)), { recursive: true });
      cpSync(path.join(stateDir, relative), path.join(rendered, "legacy-files", relative));
    }

    const statusArgs = existsSync(path.join(input, "status-args"))
      ? readFileSync(path.join(input, "status-args"), "utf8").split(/\s+/u).filter(Boolean)
      : [];
    const envLines = existsSync(path.join(input, "env"))
      ? readFileSync(path.join(input, "env"), "utf8").split("\n").filter(Boolean)
      : [];
    const caseEnv = Object.fromEntries(
      envLines.map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    const env = cliEnvironment(cli, runHome, caseEnv, now);
    const hideTemp = (text: string) => text.replaceAll(run, "<TMP>");
    const write = (name: string, text: string) => writeFileSync(path.join(output, name), hideTemp(text));

    // why this order: the text report rounds durations to whole units, so it runs first, closest to `now`.
    const flags: Record<CaptureRun, string[]> = {
      text: [],
      json: ["--json"],
      check: ["--json", "--check"],
      plain: ["--plain"],
    };
    const result: CaptureResult = { now, seconds: 0, exit: null, check: null };
    const commandLines: string[] = [];
    // why: a run can write to the state it reads (the text report loads provider usage, which tries to refresh
    // an expired OAuth token and leaves a failed refresh fence in the store), so every run starts from the
    // seeded state, as the rendered input shows it.
    const seededHome = path.join(run, "seeded-home");
    cpSync(runHome, seededHome, { recursive: true });
    for (const [index, runName] of ALL_RUNS.filter((name) => runs.includes(name)).entries()) {
      if (index > 0) {
        rmSync(runHome, { recursive: true, force: true });
        cpSync(seededHome, runHome, { recursive: true });
      }
      const args = ["models", "status", ...flags[runName], ...statusArgs];
      const outcome = await runOpenClaw(cli, args, env);
      commandLines.push(
        `HOME=<tmp>/home OPENCLAW_STATE_DIR=<tmp>/home/.openclaw ${envLines.join(" ")} openclaw ${args.slice(0).join(" ")}${runName === "check" ? "   # exit code only" : ""}`,
      );
      if (runName === "text") {
        write("status-plain-text.txt", outcome.stdout);
        write("status-plain-text.stderr.txt", outcome.stderr);
      } else if (runName === "json") {
        write("stdout.json", outcome.stdout);
        write("stderr.txt", outcome.stderr);
        write("exit-code.txt", `${outcome.code}\n`);
        result.exit = outcome.code;
      } else if (runName === "check") {
        write("check-exit-code.txt", `${outcome.code}\n`);
        result.check = outcome.code;
      } else {
        write("status-plain-flag.txt", outcome.stdout);
      }
    }
    writeFileSync(
      path.join(caseDir, "command.txt"),
      [
        `# run at ${new Date(now).toISOString().replace(/\.\d+Z$/u, "Z")} (Date.now()=${now}) with ${cli.version} by scripts/parity-live.ts`,
        ...commandLines,
        "",
      ].join("\n"),
    );
    result.seconds = (Date.now() - started) / 1000;
    return result;
  } finally {
    rmSync(run, { recursive: true, force: true });
  }
}
