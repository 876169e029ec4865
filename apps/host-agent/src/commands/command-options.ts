// What every command does with its arguments: strict parsing, the OpenClaw CLI to run, and how it fails.
import { hostname } from "node:os";
import { parseArgs } from "node:util";
import type { HostFacts } from "@clawfleet/core/connector/host-channel";
import type { AgentIo } from "../agent-io";
import { envValue } from "../env-value";
import { openClawCli, type OpenClawCli } from "../openclaw-cli";
import { AGENT_VERSION } from "../version";

type ParsedOptions = Record<string, string | boolean | undefined>;

export function parse(
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

export function stringOption(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function openClawBin(io: AgentIo, option: string | undefined): string {
  return option ?? envValue(io.env, "CLAWFLEET_OPENCLAW_BIN") ?? "openclaw";
}

/** The real CLI, with this agent's environment (the Gateway's HOME and OPENCLAW_STATE_DIR). */
export function openClawFor(io: AgentIo, option: string | boolean | undefined): OpenClawCli {
  return openClawCli({ bin: openClawBin(io, stringOption(option)), env: io.env });
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

/** Who is calling: what the console shows per gateway. */
export async function hostFacts(openclaw: OpenClawCli): Promise<HostFacts> {
  return {
    agentVersion: AGENT_VERSION,
    openclawVersion: await openClawVersion(openclaw),
    hostname: hostname().slice(0, 255),
  };
}

export function fail(io: AgentIo, message: string): number {
  io.stderr(`clawfleet-agent: ${message}\n`);
  return 1;
}
