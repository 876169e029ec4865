/**
 * Enrolling a host agent: an admin makes a one-time enrolment token for a gateway (shown once, kept as a hash,
 * expires in an hour); the host redeems it once for the agent's long-lived credential, which replaces any agent
 * the gateway had. Neither secret is audited.
 */
import type { EnrolRequest, EnrolResponse } from "@clawfleet/core/connector/host-channel";
import { DomainError } from "@clawfleet/core/domain-error";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { inTransaction } from "@clawfleet/db/client";
import { findGatewayById } from "@clawfleet/db/gateway.repository";
import {
  claimHostEnrolment,
  createHostAgent,
  createHostEnrolment,
  findHostEnrolmentByToken,
  revokeActiveHostAgentOfGateway,
} from "@clawfleet/db/host-agent.repository";
import { releaseSentJobsOfGateway } from "@clawfleet/db/host-job.repository";
import { type Caller, SYSTEM_ACTOR, type ServiceDeps } from "../service-context";

export const ENROLMENT_TOKEN_TTL_MS = 60 * 60_000;
/** How often an agent reports every agent's status when nothing else happens (issue 11: "every N minutes"). */
export const DEFAULT_HOST_REPORT_INTERVAL_MS = 5 * 60_000;

/** A token for `clawfleet agent enrol`, returned by this call only. */
export function createEnrolmentToken(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  { gatewayId }: { gatewayId: string },
): Promise<{ token: string; expiresAt: Date; gateway: { id: string; name: string } }> {
  const now = clock();
  return inTransaction(db, async (tx) => {
    const gateway = await findGatewayById(tx, { teamId: caller.teamId, gatewayId });
    if (!gateway) throw new DomainError("NOT_FOUND", "Gateway not found.");
    const enrolment = await createHostEnrolment(tx, {
      teamId: caller.teamId,
      gatewayId,
      createdById: caller.actor.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ENROLMENT_TOKEN_TTL_MS),
    });
    await recordAuditEvent(tx, {
      ...caller,
      action: "host_agent.create_enrolment",
      target: { type: "gateway", id: gatewayId },
      after: { enrolmentId: enrolment.enrolmentId, expiresAt: enrolment.expiresAt },
    });
    return {
      token: enrolment.token,
      expiresAt: enrolment.expiresAt,
      gateway: { id: gateway.id, name: gateway.name },
    };
  });
}

export const UNUSABLE_ENROLMENT_MESSAGES = {
  unknown: "This enrolment token is not known to this console. Create a new one on the Gateways page.",
  used: "This enrolment token was already used. Create a new one on the Gateways page.",
  expired: "This enrolment token has expired (tokens last an hour). Create a new one on the Gateways page.",
} as const;

/**
 * Redeems an enrolment token (once) for a new agent of its gateway and that agent's credential, revoking the
 * gateway's previous agent. An unknown, used or expired token is refused (INVALID_STATE, or NOT_FOUND when
 * unknown) with a message saying which, and nothing changes.
 */
export function redeemEnrolment(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { requestId }: { requestId: string },
  { enrolmentToken, host }: EnrolRequest,
  { reportIntervalMs = DEFAULT_HOST_REPORT_INTERVAL_MS }: { reportIntervalMs?: number } = {},
): Promise<EnrolResponse> {
  const now = clock();
  return inTransaction(db, async (tx) => {
    const enrolment = await findHostEnrolmentByToken(tx, enrolmentToken);
    if (!enrolment) throw new DomainError("NOT_FOUND", UNUSABLE_ENROLMENT_MESSAGES.unknown);
    if (enrolment.usedAt) throw new DomainError("INVALID_STATE", UNUSABLE_ENROLMENT_MESSAGES.used);
    if (enrolment.expiresAt.getTime() <= now.getTime())
      throw new DomainError("INVALID_STATE", UNUSABLE_ENROLMENT_MESSAGES.expired);
    if (!(await claimHostEnrolment(tx, { enrolmentId: enrolment.id, now })))
      throw new DomainError("INVALID_STATE", UNUSABLE_ENROLMENT_MESSAGES.used);
    const gateway = await findGatewayById(tx, { teamId: enrolment.teamId, gatewayId: enrolment.gatewayId });
    if (!gateway) throw new DomainError("NOT_FOUND", UNUSABLE_ENROLMENT_MESSAGES.unknown);
    const replacedAgentId = await revokeActiveHostAgentOfGateway(tx, {
      gatewayId: gateway.id,
      at: now,
      revokedById: enrolment.createdById,
    });
    // why: jobs the replaced agent held will never be answered; the new agent takes them at once.
    await releaseSentJobsOfGateway(tx, { gatewayId: gateway.id, now });
    const { credential, agent } = await createHostAgent(tx, {
      teamId: enrolment.teamId,
      gatewayId: gateway.id,
      facts: host,
      enrolledAt: now,
      enrolledById: enrolment.createdById,
    });
    await recordAuditEvent(tx, {
      teamId: enrolment.teamId,
      actor: SYSTEM_ACTOR,
      action: "host_agent.enrol",
      target: { type: "host_agent", id: agent.id },
      after: {
        gatewayId: gateway.id,
        enrolmentId: enrolment.id,
        hostname: agent.hostname,
        agentVersion: agent.agentVersion,
        openclawVersion: agent.openclawVersion,
        credentialHint: agent.credentialHint,
        replacedAgentId,
      },
      requestId,
    });
    return {
      credential,
      hostAgentId: agent.id,
      gateway: { id: gateway.id, name: gateway.name },
      reportIntervalMs,
    };
  });
}
