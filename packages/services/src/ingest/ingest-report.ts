/**
 * Ingest of what a gateway host's `openclaw models status --json` printed: the token check, then storing it
 * as the agent's `reported` snapshot, marking the gateway seen, letting it verify re-auth requests and storing
 * what the console computes for the agent at that moment (if it changed), in one transaction. The HTTP side
 * (body limits, parsing, response codes) is the web route's.
 */
import { redactCredentialStrings } from "@clawfleet/core/audit/redact-secrets";
import type { ParsedModelsStatusReport } from "@clawfleet/core/models-status/models-status-report.schema";
import { reportedVerdictOf } from "@clawfleet/core/status-drift/status-snapshot-view";
import { inTransaction } from "@clawfleet/db/client";
import {
  type IngestGateway,
  findIngestAgent,
  hashIngestToken,
  markGatewaySeen,
  resolveIngestToken,
} from "@clawfleet/db/ingest-token.repository";
import { type StatusSnapshotRecord, recordReportedSnapshot } from "@clawfleet/db/status-snapshot.repository";
import { verifyReauthFromReport } from "../reauth/reauth-workflow";
import { refreshComputedSnapshot } from "../snapshots/agent-snapshots";
import type { ServiceDeps } from "../service-context";
import { recordReportOnStoredStatus } from "../statuses/stored-statuses";

/** Why a body is not a `models status --json` report, in words a host operator can act on. */
export function unsupportedReportMessage(problem: { path: string; message: string }): string {
  return `Not an \`openclaw models status --json\` report of a supported version (2026.9.6, 2026.5.28, 2026.3.23): ${problem.path} ${problem.message}.`;
}

export type AuthenticatedIngest = IngestGateway & {
  /** A stable key of this token that is not the token (its sha256), e.g. for per-token rate limits. */
  tokenKey: string;
};

/**
 * The gateway a bearer token belongs to, or null for a malformed, unknown or revoked token. Read on every
 * call (never cached), so a rotation or revocation takes effect on the next report.
 */
export async function authenticateIngestToken(
  { db }: Pick<ServiceDeps, "db">,
  token: string,
): Promise<AuthenticatedIngest | null> {
  const gateway = await resolveIngestToken(db, token);
  return gateway ? { ...gateway, tokenKey: hashIngestToken(token) } : null;
}

export type RecordedReport =
  | { ok: true; snapshot: StatusSnapshotRecord; agentKey: string }
  /** The gateway has no such agent (or, without `agentKey`, no default agent). */
  | { ok: false };

/**
 * Stores a validated report of `agentKey` (the body's `agentId`; the gateway's default agent when absent).
 * The stored body has any raw credential redacted: a report holds masks only, unless a host posts
 * something else.
 */
export async function recordIngestReport(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  {
    gateway,
    agentKey,
    body,
    report,
    takenAt,
    requestId,
  }: {
    gateway: IngestGateway;
    agentKey: string | undefined;
    body: unknown;
    report: ParsedModelsStatusReport;
    takenAt: Date;
    requestId: string;
  },
): Promise<RecordedReport> {
  const agent = await findIngestAgent(db, {
    teamId: gateway.teamId,
    gatewayId: gateway.gatewayId,
    agentKey,
  });
  if (!agent) return { ok: false };
  const snapshot = await inTransaction(db, async (tx) => {
    const stored = await recordReportedSnapshot(tx, {
      teamId: gateway.teamId,
      agentId: agent.id,
      takenAt,
      body: redactCredentialStrings(body),
    });
    await markGatewaySeen(tx, { gatewayId: gateway.gatewayId, at: takenAt });
    await verifyReauthFromReport(tx, {
      teamId: gateway.teamId,
      agentId: agent.id,
      takenAt,
      report,
      auditRequestId: requestId,
    });
    // why: history compares each report with what the console computed for the same moment; reads no
    // longer store computed snapshots, so the report's write stores its counterpart (only when it changed).
    await refreshComputedSnapshot(tx, { teamId: gateway.teamId, agentId: agent.id, now: takenAt });
    await recordReportOnStoredStatus(tx, {
      teamId: gateway.teamId,
      gatewayId: gateway.gatewayId,
      agentId: agent.id,
      verdict: reportedVerdictOf(report),
      reportedAt: takenAt,
      now: now().getTime(),
    });
    return stored;
  });
  return { ok: true, snapshot, agentKey: agent.agentKey };
}
