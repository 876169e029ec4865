/**
 * A host agent's long-lived credential: checking it on every channel request (never cached, so a rotation or a
 * revocation takes effect at once), rotating it and revoking the agent. The credential is returned once, by the
 * call that makes it, and is never audited or logged.
 */
import type { HostFacts } from "@clawfleet/core/connector/host-channel";
import { DomainError } from "@clawfleet/core/domain-error";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { type Db, inTransaction } from "@clawfleet/db/client";
import {
  type HostAgentRecord,
  findActiveHostAgentByCredential,
  findHostAgent,
  recordHostAgentSeen,
  replaceHostAgentCredential,
  revokeHostAgentAtVersion,
} from "@clawfleet/db/host-agent.repository";
import type { Caller, ServiceDeps } from "../service-context";

export type AuthenticatedHostAgent = {
  hostAgentId: string;
  teamId: string;
  gatewayId: string;
  gatewayName: string;
  /** Home folder of the OpenClaw user on the host (shapes the paths of a stored report). */
  homeDir: string;
  lastSeenAt: Date | null;
  facts: HostFacts;
};

/** The agent a bearer credential belongs to, or null for a malformed, unknown or revoked credential. */
export async function authenticateHostAgent(
  { db }: Pick<ServiceDeps, "db">,
  credential: string,
): Promise<AuthenticatedHostAgent | null> {
  const row = await findActiveHostAgentByCredential(db, credential);
  if (!row) return null;
  return {
    hostAgentId: row.id,
    teamId: row.teamId,
    gatewayId: row.gatewayId,
    gatewayName: row.gateway.name,
    homeDir: row.gateway.homeDir,
    lastSeenAt: row.lastSeenAt,
    facts: { agentVersion: row.agentVersion, openclawVersion: row.openclawVersion, hostname: row.hostname },
  };
}

/** How stale `lastSeenAt` may get before a call writes it again: a poll every few seconds is not a write each. */
export const HOST_AGENT_SEEN_WRITE_INTERVAL_MS = 30_000;

/**
 * Records that the agent called (and, when given, what it runs), unless nothing changed and the last record is
 * under 30 s old.
 */
export async function recordHostAgentContact(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  agent: AuthenticatedHostAgent,
  facts?: HostFacts,
): Promise<void> {
  const now = clock();
  const nextFacts = facts ?? agent.facts;
  const factsChanged =
    nextFacts.agentVersion !== agent.facts.agentVersion ||
    nextFacts.openclawVersion !== agent.facts.openclawVersion ||
    nextFacts.hostname !== agent.facts.hostname;
  const recent =
    agent.lastSeenAt !== null &&
    now.getTime() - agent.lastSeenAt.getTime() < HOST_AGENT_SEEN_WRITE_INTERVAL_MS;
  if (recent && !factsChanged) return;
  await recordHostAgentSeen(db, { hostAgentId: agent.hostAgentId, at: now, facts: nextFacts });
}

type VersionedHostAgent = { hostAgentId: string; expectedVersion: number };

/** What the audit trail keeps of an agent: its hint, host and version; never the credential. */
function auditView(agent: HostAgentRecord) {
  return {
    gatewayId: agent.gatewayId,
    hostname: agent.hostname,
    credentialHint: agent.credentialHint,
    revokedAt: agent.revokedAt,
    version: agent.version,
  };
}

async function versionedAgent(tx: Db, caller: Caller, { hostAgentId, expectedVersion }: VersionedHostAgent) {
  const before = await findHostAgent(tx, { teamId: caller.teamId, hostAgentId });
  if (!before) throw new DomainError("NOT_FOUND", "Host agent not found.");
  if (before.revokedAt)
    throw new DomainError("INVALID_STATE", "This host agent is revoked; enrol the host again instead.");
  if (before.version !== expectedVersion)
    throw new DomainError(
      "CONFLICT",
      `Someone else changed this host agent (you saw version ${expectedVersion}, it is now version ${before.version}). Reload and try again.`,
    );
  return before;
}

/** A new credential for the agent, returned by this call only; the old one is refused from now on. */
export function rotateHostAgentCredential(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  input: VersionedHostAgent,
): Promise<{ credential: string; hostAgent: { id: string; version: number; credentialHint: string } }> {
  const now = clock();
  return inTransaction(db, async (tx) => {
    const before = await versionedAgent(tx, caller, input);
    const rotated = await replaceHostAgentCredential(tx, { teamId: caller.teamId, ...input, at: now });
    if (!rotated)
      throw new DomainError(
        "CONFLICT",
        "Someone else changed this host agent meanwhile. Reload and try again.",
      );
    await recordAuditEvent(tx, {
      ...caller,
      action: "host_agent.rotate",
      target: { type: "host_agent", id: before.id },
      before: auditView(before),
      after: auditView(rotated.agent),
    });
    const { id, version, credentialHint } = rotated.agent;
    return { credential: rotated.credential, hostAgent: { id, version, credentialHint } };
  });
}

/**
 * Revokes the agent: its credential is refused from now on, and a poll it holds on any console instance ends
 * with 401 (NOTIFY). Its queued jobs stay queued for the next agent enrolled on the gateway.
 */
export function revokeHostAgent(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  input: VersionedHostAgent,
): Promise<{ hostAgent: { id: string; version: number; revokedAt: Date | null } }> {
  const now = clock();
  return inTransaction(db, async (tx) => {
    const before = await versionedAgent(tx, caller, input);
    const revoked = await revokeHostAgentAtVersion(tx, {
      teamId: caller.teamId,
      ...input,
      at: now,
      revokedById: caller.actor.id,
    });
    if (!revoked)
      throw new DomainError(
        "CONFLICT",
        "Someone else changed this host agent meanwhile. Reload and try again.",
      );
    await recordAuditEvent(tx, {
      ...caller,
      action: "host_agent.revoke",
      target: { type: "host_agent", id: before.id },
      before: auditView(before),
      after: auditView(revoked),
    });
    return { hostAgent: { id: revoked.id, version: revoked.version, revokedAt: revoked.revokedAt } };
  });
}
