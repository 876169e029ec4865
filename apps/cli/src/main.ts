import type { CliIo } from "./cli-io";
import {
  ADMIN_USAGE,
  AGENT_USAGE,
  FLEET_STATUS_USAGE,
  IMPORT_USAGE,
  MODELS_STATUS_USAGE,
} from "./command-usage";
import { readSecretFromStdin } from "./terminal-secret";

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

const loadModelsStatus = async () =>
  (await import("./commands/models-status.command")).runModelsStatusCommand;

/**
 * Subcommands by their words; `clawfleet models` alone means `models status`, as in OpenClaw. Each is loaded
 * only when run, so a command pays for its own dependencies alone: `models status --from` starts without the
 * database client (or a generated Prisma client at all), which `import`, `fleet status` and `admin create` load.
 */
const COMMANDS: readonly { words: readonly string[]; load: () => Promise<Command> }[] = [
  { words: ["models", "status"], load: loadModelsStatus },
  { words: ["models"], load: loadModelsStatus },
  { words: ["import"], load: async () => (await import("./commands/import.command")).runImportCommand },
  {
    words: ["fleet", "status"],
    load: async () => (await import("./commands/fleet-status.command")).runFleetStatusCommand,
  },
  { words: ["agent"], load: async () => (await import("./commands/agent.command")).runAgentCommand },
  {
    words: ["admin", "create"],
    load: async () => (await import("./commands/admin.command")).runAdminCommand,
  },
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
  const run = await command.load();
  return run(argv.slice(command.words.length), cliIo);
}
