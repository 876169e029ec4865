// `clawfleet-agent <command>`: enrol, run, status, set-credential, --help, --version. Everything outside the arguments comes in
// through `AgentIo`, so tests run the real commands in-process and `clawfleet agent …` (apps/cli) delegates here.
import type { AgentIo } from "./agent-io";
import { enrolCommand } from "./commands/enrol.command";
import { runCommand } from "./commands/run.command";
import { statusCommand } from "./commands/status.command";
import { setCredentialCommand } from "./commands/set-credential.command";
import { AGENT_VERSION } from "./version";

export type { AgentIo } from "./agent-io";

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
  set-credential
      Replace the stored credential with one rotated on the console's Gateways page (read from stdin).

Options:
  --help       Show this help.
  --version    Print the agent's version.

Files: $CLAWFLEET_AGENT_HOME (default ~/.clawfleet-agent/): agent.json (0600) and journal.jsonl.
Exit codes: 0 stopped, 1 error, 2 credential revoked or rotated (enrol again).`;

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
    case "set-credential":
      return setCredentialCommand(rest, io);
    default:
      io.stderr(`clawfleet-agent: unknown command: ${command}\n${USAGE}\n`);
      return 1;
  }
}
