// `clawfleet-agent status`: the enrolment, and whether the console and the Gateway answer.
import { connectGateway } from "@clawfleet/openclaw-gateway/gateway-client";
import { readEnrolment, resolveAgentHome } from "../agent-home";
import type { AgentIo } from "../agent-io";
import { resolveGatewaySettings } from "../gateway-settings";
import { AGENT_VERSION } from "../version";
import { fail, parse, stringOption } from "./command-options";

export async function statusCommand(argv: readonly string[], io: AgentIo): Promise<number> {
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
