import { formatDocumentIssue } from "@clawfleet/core/document-parsing/document-issue";
import { buildModelsStatus } from "@clawfleet/core/models-status/build-models-status";
import { checkExitCode } from "@clawfleet/core/models-status/models-status-check";
import { type CliErrorEnvelope, cliErrorEnvelope } from "@clawfleet/core/models-status/models-status-report";
import {
  renderModelsStatusPlain,
  renderModelsStatusText,
} from "@clawfleet/core/models-status/render-models-status-text";
import { joinPath } from "@clawfleet/core/models-status/state-paths";
import { formatInvalidConfigMessage } from "@clawfleet/core/openclaw-config/parse-openclaw-config";

import { parseArgv } from "../argv-parser";
import type { CliIo } from "../cli-io";
import { readOpenClawFolder } from "../openclaw-folder";

export const MODELS_STATUS_USAGE =
  "Usage: clawfleet models status --from <folder> [--json|--plain|--check] [--agent <id>] [--now <epoch-ms>] [--home <dir>] [--state-dir <dir>]";

type ModelsStatusArgs = {
  from: string;
  json: boolean;
  plain: boolean;
  check: boolean;
  agentId?: string;
  now: number;
  home: string;
  stateDir: string;
};

function readArgs(argv: readonly string[], io: CliIo): { ok: true; args: ModelsStatusArgs } | { ok: false; message: string } {
  const parsed = parseArgv(argv, {
    booleans: ["json", "plain", "check"],
    strings: ["from", "agent", "now", "home", "state-dir"],
  });
  if (!parsed.ok) return parsed;
  const { strings, booleans, positionals } = parsed.value;
  if (positionals.length > 0) return { ok: false, message: `unexpected argument ${positionals[0] ?? ""}` };
  const from = strings.get("from");
  if (from === undefined) return { ok: false, message: "--from <folder> is required" };
  const nowText = strings.get("now");
  const now = nowText === undefined ? io.now() : Number(nowText);
  if (!Number.isSafeInteger(now) || now <= 0) return { ok: false, message: "--now must be a positive integer (epoch ms)" };
  const home = strings.get("home") ?? io.env.HOME;
  if (home === undefined || home === "") return { ok: false, message: "--home is required when HOME is not set" };
  const agentId = strings.get("agent");
  return {
    ok: true,
    args: {
      from,
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
export async function runModelsStatusCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const read = readArgs(argv, io);
  if (!read.ok) {
    io.stderr(`clawfleet models status: ${read.message}\n${MODELS_STATUS_USAGE}\n`);
    return 1;
  }
  const { args } = read;
  const configPath = joinPath(args.stateDir, "openclaw.json");
  const folder = await readOpenClawFolder(args.from);
  if (!folder.ok) {
    if (folder.kind === "config") {
      const located = folder.issues.map((issue) => ({ ...issue, file: configPath }));
      io.stderr(`${folder.issues.map(formatDocumentIssue).join("\n")}\n`);
      return refuse(cliErrorEnvelope(formatInvalidConfigMessage(configPath, located)), args, io);
    }
    return refuse(cliErrorEnvelope(folder.message), args, io);
  }
  for (const warning of folder.warnings) io.stderr(`warning: ${warning}\n`);

  const outcome = buildModelsStatus(folder.state, {
    ...(args.agentId === undefined ? {} : { agentId: args.agentId }),
    now: args.now,
    stateDir: args.stateDir,
    home: args.home,
    env: io.env,
    configPath,
  });
  if (!outcome.ok) return refuse(outcome, args, io);
  const { status } = outcome;
  if (args.json) io.stdout(`${JSON.stringify(status, null, 2)}\n`);
  else if (args.plain) io.stdout(renderModelsStatusPlain(status));
  else io.stdout(renderModelsStatusText(status, args.home));
  return args.check ? checkExitCode(status) : 0;
}
