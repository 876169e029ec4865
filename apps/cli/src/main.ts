import type { CliIo } from "./cli-io";
import { ADMIN_USAGE, runAdminCommand } from "./commands/admin.command";
import { AGENT_USAGE, runAgentCommand } from "./commands/agent.command";
import { FLEET_STATUS_USAGE, runFleetStatusCommand } from "./commands/fleet-status.command";
import { IMPORT_USAGE, runImportCommand } from "./commands/import.command";
import { MODELS_STATUS_USAGE, runModelsStatusCommand } from "./commands/models-status.command";
import { readSecretFromStdin } from "./terminal-secret";

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

/** Subcommands by their words; `clawfleet models` alone means `models status`, as in OpenClaw. */
const COMMANDS: readonly { words: readonly string[]; run: Command }[] = [
  { words: ["models", "status"], run: runModelsStatusCommand },
  { words: ["models"], run: runModelsStatusCommand },
  { words: ["import"], run: runImportCommand },
  { words: ["fleet", "status"], run: runFleetStatusCommand },
  { words: ["agent"], run: runAgentCommand },
  { words: ["admin", "create"], run: runAdminCommand },
];

const USAGE = [
  "Usage: clawfleet <command> [options]",
  "",
  "Commands:",
  ...[MODELS_STATUS_USAGE, IMPORT_USAGE, FLEET_STATUS_USAGE, AGENT_USAGE, ADMIN_USAGE]
    .flatMap((usage) => usage.split("\n"))
    .map((line) => `  ${line.replace(/^Usage: {0,1}/u, "").trimStart()}`),
].join("\n");

function startsWithWords(argv: readonly string[], words: readonly string[]): boolean {
  return words.every((word, index) => argv[index] === word);
}

/**
 * Entry point of `clawfleet`; returns the process exit code. The bin passes the process environment in
 * `io.env`; anything not given falls back to this process's streams and clock (an absent env is empty, so
 * no ambient credential leaks into a test).
 */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const cliIo: CliIo = {
    stdout: io.stdout ?? ((text) => void process.stdout.write(text)),
    stderr: io.stderr ?? ((text) => void process.stderr.write(text)),
    env: io.env ?? {},
    now: io.now ?? (() => Date.now()),
    readSecret: io.readSecret ?? readSecretFromStdin,
  };
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "help") {
    cliIo.stdout(`${USAGE}\n`);
    return argv.length === 0 ? 1 : 0;
  }
  const command = COMMANDS.find((candidate) => startsWithWords(argv, candidate.words));
  if (!command) {
    cliIo.stderr(`clawfleet: unknown command: ${argv.join(" ")}\n${USAGE}\n`);
    return 1;
  }
  return command.run(argv.slice(command.words.length), cliIo);
}
