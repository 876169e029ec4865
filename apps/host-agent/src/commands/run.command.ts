// `clawfleet-agent run`: wires the console channel, the Gateway link, the CLI, the journal and the reporter into
// the run loop, and returns its exit code.
import { join } from "node:path";
import { JOURNAL_FILE, readEnrolment, resolveAgentHome } from "../agent-home";
import type { AgentIo } from "../agent-io";
import { jsonLineLog } from "../agent-log";
import {
  abortableSleep,
  CREDENTIAL_REFUSED_MESSAGE,
  EXIT_CREDENTIAL_REFUSED,
  runAgentLoop,
} from "../agent-loop";
import { ConsoleChannel } from "../console-channel";
import { GatewayLink } from "../gateway-link";
import { resolveGatewaySettings } from "../gateway-settings";
import { JobJournal } from "../job-journal";
import { runJob } from "../job-runner";
import { StatusReporter } from "../status-reporter";
import { AGENT_VERSION } from "../version";
import { fail, hostFacts, openClawFor, parse, stringOption } from "./command-options";

const DEFAULT_REPORT_INTERVAL_MS = 10 * 60_000;

/** `10m`, `90s`, `1h`, `500ms` or plain milliseconds. */
export function parseDurationMs(text: string): number | null {
  const match = /^(\d+)(ms|s|m|h)?$/u.exec(text.trim());
  if (!match) return null;
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[(match[2] ?? "ms") as "ms" | "s" | "m" | "h"];
  const value = Number(match[1]) * unit;
  return value > 0 ? value : null;
}

export async function runCommand(argv: readonly string[], io: AgentIo): Promise<number> {
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
  const openclaw = openClawFor(io, parsed.values.openclaw);
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
