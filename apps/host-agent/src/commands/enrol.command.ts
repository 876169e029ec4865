// `clawfleet-agent enrol`: exchanges a one-time enrolment token for the agent's credential and stores it.
import { ENROLMENT_TOKEN_PATTERN } from "@clawfleet/core/connector/host-channel";
import { resolveAgentHome, writeEnrolment, type Enrolment } from "../agent-home";
import type { AgentIo } from "../agent-io";
import { enrolWithConsole } from "../console-channel";
import { fail, hostFacts, openClawFor, parse } from "./command-options";

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

export async function enrolCommand(argv: readonly string[], io: AgentIo): Promise<number> {
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
  const openclaw = openClawFor(io, parsed.values.openclaw);
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
