// `clawfleet-agent <command>`: enrol, run, status, --help, --version. Everything outside the arguments comes in
// through `AgentIo`, so tests run the real commands in-process and `clawfleet agent …` (apps/cli) delegates here.
import { hostname } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ENROLMENT_TOKEN_PATTERN, type HostFacts } from "@clawfleet/core/connector/host-channel";
import { connectGateway } from "@clawfleet/openclaw-gateway/gateway-client";
import { JOURNAL_FILE, readEnrolment, resolveAgentHome, writeEnrolment, type Enrolment } from "./agent-home";
import { jsonLineLog } from "./agent-log";
import {
  abortableSleep,
  CREDENTIAL_REFUSED_MESSAGE,
  EXIT_CREDENTIAL_REFUSED,
  runAgentLoop,
} from "./agent-loop";
import { ConsoleChannel, enrolWithConsole, type Fetch } from "./console-channel";
import { envValue } from "./env-value";
import { GatewayLink } from "./gateway-link";
import { resolveGatewaySettings } from "./gateway-settings";
import { JobJournal } from "./job-journal";
import { runJob } from "./job-runner";
import { openClawCli, type OpenClawCli } from "./openclaw-cli";
import { StatusReporter } from "./status-reporter";
import { AGENT_VERSION } from "./version";

const DEFAULT_REPORT_INTERVAL_MS = 10 * 60_000;

export type AgentIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** Reads all of stdin, or null when stdin is a terminal (nothing piped). */
  readStdin: () => Promise<string | null>;
  fetch: Fetch;
  now: () => number;
  random: () => number;
  /** Aborts on SIGTERM/SIGINT: `run` finishes the job in hand and returns 0. */
  stop: AbortSignal;
};

export const USAGE = `Usage: clawfleet-agent <command> [options]

Runs on an OpenClaw gateway host: dials out to the Clawfleet console, applies its jobs on the local Gateway, and
reports what the real \`openclaw\` CLI says.

Commands:
  enrol --console <https url> [--token <cfe_…>]
      Enrol this host with a one-time enrolment token (or pipe it on stdin, or set CLAWFLEET_ENROLMENT_TOKEN).
  run [--gateway-url <ws url>] [--openclaw <path>] [--report-interval <duration>]
      Poll the console and apply its jobs until stopped (SIGTERM finishes the job in hand).
      Gateway token: OPENCLAW_GATEWAY_TOKEN, else gateway.auth.token in openclaw.json.
      OpenClaw CLI: --openclaw, else CLAWFLEET_OPENCLAW_BIN, else \`openclaw\` on PATH.
  status
      Print the enrolment and whether the console and the Gateway answer.

Options:
  --help       Show this help.
  --version    Print the agent's version.

Files: $CLAWFLEET_AGENT_HOME (default ~/.clawfleet-agent/): agent.json (0600) and journal.jsonl.
Exit codes: 0 stopped, 1 error, 2 credential revoked or rotated (enrol again).`;

type ParsedOptions = Record<string, string | boolean | undefined>;

function parse(
  argv: readonly string[],
  options: Record<string, { type: "string" | "boolean" }>,
): { ok: true; values: ParsedOptions } | { ok: false; message: string } {
  try {
    const { values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false });
    return { ok: true, values };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function openClawBin(io: AgentIo, option: string | undefined): string {
  return option ?? envValue(io.env, "CLAWFLEET_OPENCLAW_BIN") ?? "openclaw";
}

/** `openclaw --version` prints `OpenClaw 2026.9.6 (eb377ac)`; null when the CLI cannot be run. */
async function openClawVersion(openclaw: OpenClawCli): Promise<string | null> {
  try {
    const { stdout } = await openclaw({ args: ["--version"], timeoutMs: 30_000 });
    return /(\d{4}\.\d+\.\d+[^\s)]*)/u.exec(stdout)?.[1] ?? (stdout.trim().slice(0, 100) || null);
  } catch {
    return null;
  }
}

async function hostFacts(openclaw: OpenClawCli): Promise<HostFacts> {
  return {
    agentVersion: AGENT_VERSION,
    openclawVersion: await openClawVersion(openclaw),
    hostname: hostname().slice(0, 255),
  };
}

/** https, or http to a loopback address (a console on the same machine, e.g. in tests). */
function checkConsoleUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `--console is not a URL: ${text}`;
  }
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  if (url.protocol === "https:" || (url.protocol === "http:" && loopback)) return null;
  return "--console must be an https:// URL (plain http only to a loopback address)";
}

/** `10m`, `90s`, `1h`, `500ms` or plain milliseconds. */
export function parseDurationMs(text: string): number | null {
  const match = /^(\d+)(ms|s|m|h)?$/u.exec(text.trim());
  if (!match) return null;
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[(match[2] ?? "ms") as "ms" | "s" | "m" | "h"];
  const value = Number(match[1]) * unit;
  return value > 0 ? value : null;
}

async function enrolCommand(argv: readonly string[], io: AgentIo): Promise<number> {
  const parsed = parse(argv, {
    console: { type: "string" },
    token: { type: "string" },
    openclaw: { type: "string" },
  });
  if (!parsed.ok) return fail(io, parsed.message);
  const consoleUrl = parsed.values.console;
  if (typeof consoleUrl !== "string") return fail(io, "enrol needs --console <https url>");
  const urlProblem = checkConsoleUrl(consoleUrl);
  if (urlProblem) return fail(io, urlProblem);
  const fromOption = typeof parsed.values.token === "string" ? parsed.values.token : undefined;
  const token = (fromOption ?? io.env.CLAWFLEET_ENROLMENT_TOKEN ?? (await io.readStdin()) ?? "").trim();
  if (!token)
    return fail(io, "enrol needs the enrolment token: --token, stdin, or CLAWFLEET_ENROLMENT_TOKEN");
  if (!ENROLMENT_TOKEN_PATTERN.test(token))
    return fail(
      io,
      "that is not a Clawfleet enrolment token (it starts with cfe_); copy it again from the console",
    );
  const openclaw = openClawCli({ bin: openClawBin(io, stringOption(parsed.values.openclaw)), env: io.env });
  try {
    const answer = await enrolWithConsole(io.fetch, consoleUrl, {
      enrolmentToken: token,
      host: await hostFacts(openclaw),
    });
    const enrolment: Enrolment = {
      consoleUrl,
      credential: answer.credential,
      hostAgentId: answer.hostAgentId,
      gateway: answer.gateway,
      reportIntervalMs: answer.reportIntervalMs,
    };
    const path = writeEnrolment(resolveAgentHome(io.env), enrolment);
    io.stdout(
      `Enrolled as host agent ${answer.hostAgentId} for gateway "${answer.gateway.name}" (${answer.gateway.id}) ` +
        `on ${new URL(consoleUrl).origin}.\nCredential saved in ${path} (mode 0600). Start the agent with: clawfleet-agent run\n`,
    );
    return 0;
  } catch (error) {
    return fail(io, `enrolment failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function stringOption(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

async function runCommand(argv: readonly string[], io: AgentIo): Promise<number> {
  const parsed = parse(argv, {
    "gateway-url": { type: "string" },
    openclaw: { type: "string" },
    "report-interval": { type: "string" },
  });
  if (!parsed.ok) return fail(io, parsed.message);
  const agentHome = resolveAgentHome(io.env);
  const enrolled = readEnrolment(agentHome);
  if (!enrolled.ok) return fail(io, enrolled.message);
  const { enrolment } = enrolled;
  const intervalOption = stringOption(parsed.values["report-interval"]);
  const fixedInterval = intervalOption === undefined ? null : parseDurationMs(intervalOption);
  if (intervalOption !== undefined && fixedInterval === null)
    return fail(io, `--report-interval must be a duration such as 10m, 90s or 600000: ${intervalOption}`);
  const settings = resolveGatewaySettings(io.env, stringOption(parsed.values["gateway-url"]));
  if (!settings.token)
    return fail(
      io,
      `no gateway token: set OPENCLAW_GATEWAY_TOKEN or gateway.auth.token in ${settings.configPath}`,
    );

  const log = jsonLineLog(io.stdout, io.now);
  const openclaw = openClawCli({ bin: openClawBin(io, stringOption(parsed.values.openclaw)), env: io.env });
  const channel = new ConsoleChannel(io.fetch, enrolment.consoleUrl, enrolment.credential);
  const link = new GatewayLink({
    url: settings.url,
    token: settings.token,
    // why a closure: the reporter needs the link and the link the reporter; events only flow once a job or the
    // start below opens the connection, after both exist.
    onEvent: (event) => {
      if (event.event === "config.changed") statusReporter.configChanged();
    },
  });
  const gateway = () => link.connection();
  const statusReporter = new StatusReporter({ channel, gateway, openclaw, log, now: io.now });
  const journal = JobJournal.open(join(agentHome, JOURNAL_FILE), io.now);
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  const intervalMs = fixedInterval ?? enrolment.reportIntervalMs ?? DEFAULT_REPORT_INTERVAL_MS;

  log("agent.started", {
    version: AGENT_VERSION,
    hostAgentId: enrolment.hostAgentId,
    gatewayId: enrolment.gateway.id,
    gatewayUrl: settings.url,
    reportIntervalMs: intervalMs,
  });
  // Subscribe to config.changed from the start; a Gateway that is down now is dialled again by the next job or
  // periodic report.
  link
    .connection()
    .catch((error: unknown) =>
      log("gateway.unreachable", { reason: error instanceof Error ? error.message : "unknown" }),
    );
  statusReporter.reportEvery(intervalMs);
  try {
    const exitCode = await runAgentLoop({
      channel,
      host: await hostFacts(openclaw),
      runJob: (delivery) =>
        runJob(delivery, {
          journal,
          log,
          now: io.now,
          context: {
            gateway,
            openclaw,
            now: io.now,
            sleep,
            reportStatuses: (keys) => statusReporter.reportAgents(keys),
          },
        }),
      reportTouched: async (agents) => {
        await statusReporter.reportAgents(agents === "all" ? [] : agents);
      },
      onReportInterval: (consoleInterval) => {
        if (fixedInterval === null) statusReporter.reportEvery(consoleInterval);
      },
      log,
      random: io.random,
      sleep: abortableSleep,
      stop: io.stop,
    });
    if (exitCode === EXIT_CREDENTIAL_REFUSED) io.stderr(`clawfleet-agent: ${CREDENTIAL_REFUSED_MESSAGE}\n`);
    return exitCode;
  } finally {
    statusReporter.stop();
    await link.close();
  }
}

async function statusCommand(argv: readonly string[], io: AgentIo): Promise<number> {
  const parsed = parse(argv, { "gateway-url": { type: "string" } });
  if (!parsed.ok) return fail(io, parsed.message);
  const agentHome = resolveAgentHome(io.env);
  const enrolled = readEnrolment(agentHome);
  const lines: string[] = [`Agent home: ${agentHome}`];
  let healthy = enrolled.ok;
  if (enrolled.ok) {
    const { enrolment } = enrolled;
    lines.push(
      `Enrolled:   host agent ${enrolment.hostAgentId}, gateway "${enrolment.gateway.name}" (${enrolment.gateway.id})`,
      `Console:    ${new URL(enrolment.consoleUrl).origin} ${await consoleReachability(io, enrolment.consoleUrl)}`,
    );
  } else lines.push(`Enrolled:   no (${enrolled.message})`);
  const settings = resolveGatewaySettings(io.env, stringOption(parsed.values["gateway-url"]));
  if (!settings.token) {
    healthy = false;
    lines.push(`Gateway:    ${settings.url} (no gateway token: set OPENCLAW_GATEWAY_TOKEN)`);
  } else {
    try {
      const connection = await connectGateway({
        url: settings.url,
        token: settings.token,
        clientVersion: AGENT_VERSION,
        startupRetryBudgetMs: 0,
      });
      await connection.close();
      lines.push(`Gateway:    ${settings.url} answers (OpenClaw ${connection.hello.serverVersion})`);
    } catch (error) {
      healthy = false;
      lines.push(
        `Gateway:    ${settings.url} unreachable (${error instanceof Error ? error.message : "unknown"})`,
      );
    }
  }
  io.stdout(`${lines.join("\n")}\n`);
  return healthy ? 0 : 1;
}

/** Whether the console's origin answers HTTP at all; the credential itself is checked by `run`'s first poll. */
async function consoleReachability(io: AgentIo, consoleUrl: string): Promise<string> {
  try {
    const response = await io.fetch(new URL("/", consoleUrl), {
      method: "HEAD",
      signal: AbortSignal.timeout(10_000),
    });
    return `answers (HTTP ${response.status})`;
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    return `unreachable (${typeof cause?.code === "string" ? cause.code : error instanceof Error ? error.message : "unknown"})`;
  }
}

function fail(io: AgentIo, message: string): number {
  io.stderr(`clawfleet-agent: ${message}\n`);
  return 1;
}

export async function main(argv: readonly string[], io: AgentIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      io.stderr(`${USAGE}\n`);
      return 1;
    case "--help":
    case "-h":
    case "help":
      io.stdout(`${USAGE}\n`);
      return 0;
    case "--version":
    case "-v":
      io.stdout(`${AGENT_VERSION}\n`);
      return 0;
    case "enrol":
    case "enroll":
      return enrolCommand(rest, io);
    case "run":
      return runCommand(rest, io);
    case "status":
      return statusCommand(rest, io);
    default:
      io.stderr(`clawfleet-agent: unknown command: ${command}\n${USAGE}\n`);
      return 1;
  }
}
