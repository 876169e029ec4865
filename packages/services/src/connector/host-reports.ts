/**
 * What a host agent reports: each agent's real `openclaw models status --json`, stored exactly as the ingest path
 * stores a report (a `reported` snapshot, re-auth verification, the stored status's reported verdict), and the
 * host Gateway's state (`config.get` as OpenClaw redacted it, `agents.list`, `models.authStatus`).
 */
import { redactCredentialStrings } from "@clawfleet/core/audit/redact-secrets";
import type { ReportsRequest } from "@clawfleet/core/connector/host-channel";
import { DomainError } from "@clawfleet/core/domain-error";
import { parseModelsStatusReport } from "@clawfleet/core/models-status/models-status-report.schema";
import { upsertGatewayHostState } from "@clawfleet/db/host-state.repository";
import { recordIngestReport, unsupportedReportMessage } from "../ingest/ingest-report";
import type { ServiceDeps } from "../service-context";
import type { AuthenticatedHostAgent } from "./host-agent-credentials";

export type RefusedReport = {
  index: number;
  agentKey: string;
  code: "invalid_report" | "unknown_agent";
  message: string;
};

export type RecordedHostReports = { stored: number; refused: RefusedReport[]; gatewayStateStored: boolean };

/** True when redaction would change the value: it holds a string that looks like a credential. */
function holdsCredentialLookingString(value: unknown): boolean {
  return JSON.stringify(redactCredentialStrings(value)) !== JSON.stringify(value);
}

/** The body's own `agentId` (printed under `--agent`), if it names one. */
function bodyAgentId(status: unknown): string | undefined {
  return status !== null &&
    typeof status === "object" &&
    "agentId" in status &&
    typeof status.agentId === "string"
    ? status.agentId
    : undefined;
}

/**
 * Stores each report as a `reported` snapshot of its agent; a report that is not a supported status document, or
 * names an agent the gateway does not have, is refused on its own (with a message saying why) while the others
 * are kept. A gateway state holding a credential-looking string refuses the whole request before anything is
 * stored (OpenClaw redacts secrets in `config.get`; a host that does not is misconfigured).
 */
export async function recordHostReports(
  deps: Pick<ServiceDeps, "db" | "now">,
  agent: AuthenticatedHostAgent,
  request: ReportsRequest,
  { requestId }: { requestId: string },
): Promise<RecordedHostReports> {
  const now = deps.now();
  const { gatewayState } = request;
  if (gatewayState && holdsCredentialLookingString(gatewayState))
    throw new DomainError(
      "INVALID_INPUT",
      "The gateway state holds a string that looks like a credential; send `config.get` as OpenClaw returns it (secrets redacted). Nothing was stored.",
      "gatewayState",
    );
  const gateway = { gatewayId: agent.gatewayId, teamId: agent.teamId, homeDir: agent.homeDir };
  const refused: RefusedReport[] = [];
  let stored = 0;
  for (const [index, report] of request.reports.entries()) {
    const refuse = (code: RefusedReport["code"], message: string) =>
      refused.push({ index, agentKey: report.agentKey, code, message });
    const parsed = parseModelsStatusReport(report.status);
    if (!parsed.ok) {
      refuse("invalid_report", unsupportedReportMessage(parsed.problem));
      continue;
    }
    const named = bodyAgentId(report.status);
    if (named !== undefined && named !== report.agentKey) {
      refuse("invalid_report", `The report's agentId (${named}) is not its agentKey (${report.agentKey}).`);
      continue;
    }
    // why: a host clock ahead of the console's must not date a report in the future (it would outrank later ones).
    const takenAt = new Date(Math.min(new Date(report.takenAt).getTime(), now.getTime()));
    const recorded = await recordIngestReport(deps, {
      gateway,
      agentKey: report.agentKey,
      body: report.status,
      report: parsed.report,
      takenAt,
      requestId,
    });
    if (recorded.ok) stored += 1;
    else
      refuse(
        "unknown_agent",
        `This gateway has no agent "${report.agentKey}" in the console. Import or create it first.`,
      );
  }
  if (gatewayState)
    await upsertGatewayHostState(deps.db, {
      teamId: agent.teamId,
      state: {
        gatewayId: agent.gatewayId,
        takenAt: new Date(Math.min(new Date(gatewayState.takenAt).getTime(), now.getTime())),
        configHash: gatewayState.configHash,
        config: gatewayState.config,
        agents: gatewayState.agents,
        authStatus: gatewayState.authStatus,
      },
    });
  return { stored, refused, gatewayStateStored: gatewayState !== undefined };
}
