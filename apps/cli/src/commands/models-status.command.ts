import { formatDocumentIssue } from "@clawfleet/core/document-parsing/document-issue";
import { buildModelsStatus } from "@clawfleet/core/models-status/build-models-status";
import { checkExitCode } from "@clawfleet/core/models-status/models-status-check";
import {
  type CliErrorEnvelope,
  type ModelsStatusOutcome,
  cliErrorEnvelope,
} from "@clawfleet/core/models-status/models-status-report";
import {
  renderModelsStatusPlain,
  renderModelsStatusText,
} from "@clawfleet/core/models-status/render-models-status-text";
import { joinPath } from "@clawfleet/core/models-status/state-paths";
import { formatInvalidConfigMessage } from "@clawfleet/core/openclaw-config/parse-openclaw-config";

import { parseArgv } from "../argv-parser";
import type { CliIo } from "../cli-io";
import { MODELS_STATUS_USAGE } from "../command-usage";
import { readOpenClawFolder } from "../openclaw-folder";

type ModelsStatusArgs = {
  /** A state folder, or a gateway of the console database (`DATABASE_URL`). */
  source: { kind: "folder"; from: string } | { kind: "database"; gateway: string; team?: string };
  json: boolean;
  plain: boolean;
  check: boolean;
  agentId?: string;
  now: number;
  home: string;
  stateDir: string;
};

function readArgs(
  argv: readonly string[],
  io: CliIo,
): { ok: true; args: ModelsStatusArgs } | { ok: false; message: string } {
  const parsed = parseArgv(argv, {
    booleans: ["json", "plain", "check"],
    strings: ["from", "gateway", "team", "agent", "now", "home", "state-dir"],
  });
  if (!parsed.ok) return parsed;
  const { strings, booleans, positionals } = parsed.value;
  if (positionals.length > 0) return { ok: false, message: `unexpected argument ${positionals[0] ?? ""}` };
  const from = strings.get("from");
  const gateway = strings.get("gateway");
  if ((from === undefined) === (gateway === undefined)) {
    return { ok: false, message: "give either --from <folder> or --gateway <name> (the console database)" };
  }
  const team = strings.get("team");
  const source: ModelsStatusArgs["source"] =
    from !== undefined
      ? { kind: "folder", from }
      : { kind: "database", gateway: gateway ?? "", ...(team === undefined ? {} : { team }) };
  const nowText = strings.get("now");
  const now = nowText === undefined ? io.now() : Number(nowText);
  if (!Number.isSafeInteger(now) || now <= 0)
    return { ok: false, message: "--now must be a positive integer (epoch ms)" };
  const home = strings.get("home") ?? io.env.HOME ?? (source.kind === "database" ? "/" : undefined);
  if (home === undefined || home === "")
    return { ok: false, message: "--home is required when HOME is not set" };
  const agentId = strings.get("agent");
  return {
    ok: true,
    args: {
      source,
      json: booleans.has("json"),
      plain: booleans.has("plain"),
      check: booleans.has("check"),
      ...(agentId === undefined ? {} : { agentId }),
      now,
      home,
      stateDir: strings.get("state-dir") ?? joinPath(home, ".openclaw"),
    },
  };
}

/** Prints a refusal as OpenClaw does: the JSON envelope on stdout under `--json`, else lines on stderr. */
function refuse(envelope: CliErrorEnvelope, args: ModelsStatusArgs, io: CliIo): number {
  if (args.json) io.stdout(`${JSON.stringify(envelope, null, 2)}\n`);
  else io.stderr(`[clawfleet] The command failed.\n[clawfleet] Reason: ${envelope.error.message}\n`);
  return 1;
}

/**
 * `clawfleet models status --from <folder>`: OpenClaw 2026.9.6's `models status` computed from a state
 * folder, with the CLI's outputs (`--json`, text, `--plain`) and exit codes (1 on refusal; with `--check`,
 * 0/1/2 as in facts §1.1).
 */
/** The outcome computed from a state folder (`--from`), with the host's env and the given paths. */
async function outcomeFromFolder(
  args: ModelsStatusArgs & { source: { kind: "folder" } },
  io: CliIo,
): Promise<Computed> {
  const configPath = joinPath(args.stateDir, "openclaw.json");
  const folder = await readOpenClawFolder(args.source.from);
  if (!folder.ok) {
    if (folder.kind === "config") {
      const located = folder.issues.map((issue) => ({ ...issue, file: configPath }));
      io.stderr(`${folder.issues.map(formatDocumentIssue).join("\n")}\n`);
      return { outcome: cliErrorEnvelope(formatInvalidConfigMessage(configPath, located)), home: args.home };
    }
    return { outcome: cliErrorEnvelope(folder.message), home: args.home };
  }
  for (const warning of folder.warnings) io.stderr(`warning: ${warning}\n`);
  const outcome = buildModelsStatus(folder.state, {
    ...(args.agentId === undefined ? {} : { agentId: args.agentId }),
    now: args.now,
    stateDir: args.stateDir,
    home: args.home,
    env: io.env,
    envIsComplete: true,
    configPath,
  });
  return { outcome, home: args.home };
}

/**
 * The outcome computed from the console database (`--gateway`): the gateway's rows rebuilt as its host's
 * state (secrets as masks) with the gateway's own home and state dir. The host's environment is unknown
 * to the console, so no env credential is assumed.
 */
async function outcomeFromDatabase(
  args: ModelsStatusArgs & { source: { kind: "database" } },
  io: CliIo,
): Promise<Computed | { failed: string }> {
  // why: loaded here, not at the top, so `--from` runs without the database client or a generated Prisma client.
  const [{ openConsoleDatabase }, { computeNamedGatewayModelsStatus }] = await Promise.all([
    import("../console-database"),
    import("@clawfleet/services/statuses/agent-models-status"),
  ]);
  const opened = await openConsoleDatabase(io, args.source.team, { needsKey: false });
  if (!opened.ok) return { failed: opened.message };
  const { db, team } = opened.value;
  try {
    const computed = await computeNamedGatewayModelsStatus(db, {
      teamId: team.id,
      gatewayName: args.source.gateway,
      agentId: args.agentId,
      now: args.now,
    });
    if (!computed) return { failed: `No gateway named "${args.source.gateway}" in team ${team.slug}.` };
    return { outcome: computed.outcome, home: computed.homeDir };
  } finally {
    await db.$disconnect();
  }
}

type Computed = { outcome: ModelsStatusOutcome; home: string };

/**
 * `clawfleet models status --from <folder>` or `--gateway <name>`: OpenClaw 2026.9.6's `models status`
 * computed from a state folder or from the console database, with the CLI's outputs (`--json`, text,
 * `--plain`) and exit codes (1 on refusal; with `--check`, 0/1/2 as in facts §1.1).
 */
export async function runModelsStatusCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const read = readArgs(argv, io);
  if (!read.ok) {
    io.stderr(`clawfleet models status: ${read.message}\n${MODELS_STATUS_USAGE}\n`);
    return 1;
  }
  const { args } = read;
  const { source } = args;
  const computed =
    source.kind === "folder"
      ? await outcomeFromFolder({ ...args, source }, io)
      : await outcomeFromDatabase({ ...args, source }, io);
  if ("failed" in computed) {
    io.stderr(`clawfleet models status: ${computed.failed}\n`);
    return 1;
  }
  const { outcome, home } = computed;
  if (!outcome.ok) return refuse(outcome, args, io);
  const { status } = outcome;
  if (args.json) io.stdout(`${JSON.stringify(status, null, 2)}\n`);
  else if (args.plain) io.stdout(renderModelsStatusPlain(status));
  else io.stdout(renderModelsStatusText(status, home));
  return args.check ? checkExitCode(status, outcome.selectedProfileIds) : 0;
}
