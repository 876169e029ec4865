/**
 * The fleet page, read from stored statuses (ARCHITECTURE.md "Statuses"): counts by verdict and attention
 * grouped by cause are SQL aggregates, every list is bounded, and countdowns are derived here from the stored
 * absolute instants. No request computes a status.
 */
import { DomainError } from "@clawfleet/core/domain-error";
import { type AttentionAction, attentionActionOf } from "@clawfleet/core/fleet/recovery-hint";
import type { AttentionCause, AttentionSeverity } from "@clawfleet/core/fleet/attention-causes";
import {
  EXPIRY_HORIZON_MS,
  type FleetAgentVerdict,
  type FleetExpiringCredential,
  type FleetUnusableProfile,
} from "@clawfleet/core/fleet/fleet-status";
import {
  type StoredAgentRef,
  countStoredVerdicts,
  listAttentionGroupAgents,
  listAttentionGroups,
  listDriftGroups,
  listExpiringCredentials,
  listMissingProviders,
  listUnusableProfiles,
  resolveAttentionProfiles,
} from "@clawfleet/db/agent-status.repository";
import { findGatewayById } from "@clawfleet/db/gateway.repository";
import type { Db } from "@clawfleet/db/client";
import type { ServiceDeps, TeamScope } from "../service-context";
import { sharedStatusRead } from "./shared-status-reads";

/** Attention groups the page shows; the rest are counted ("N more"). */
export const ATTENTION_GROUP_LIMIT = 50;
/** Rows of each list section (unusable profiles, expiring credentials, missing providers, drift). */
export const FLEET_LIST_LIMIT = 100;
/** Agents named per drift group. */
const DRIFT_SAMPLE_SIZE = 5;
export const ATTENTION_AGENTS_PAGE_SIZE = 50;

export type FleetAttentionGroup = {
  gatewayId: string;
  gatewayName: string;
  causeKey: string;
  kind: AttentionCause["kind"];
  severity: AttentionSeverity;
  sentence: string;
  /** A window's end or a credential's expiry (epoch ms), with the time left when read. */
  instant: number | null;
  remainingMs: number | null;
  agentCount: number;
  /** What to do about it, one click away. */
  action: AttentionAction;
  /** The AuthProfile row of the profile the cause names (for its link and a re-auth), when it still exists. */
  authProfileId: string | null;
};

export type FleetDriftGroup = {
  gatewayId: string;
  gatewayName: string;
  computedVerdict: FleetAgentVerdict;
  reportedVerdict: FleetAgentVerdict;
  agentCount: number;
  agents: StoredAgentRef[];
};

export type FleetStatusPage = {
  /** When this answer was read; the stored statuses are current up to `updating`. */
  computedAt: number;
  counts: Record<FleetAgentVerdict, number> & { total: number };
  /** Agents counted with a verdict that is being recomputed (inputs changed, a clock instant passed, new). */
  updating: number;
  attention: { groups: FleetAttentionGroup[]; totalGroups: number; moreGroups: number };
  unusableProfiles: FleetUnusableProfile[];
  expiringCredentials: FleetExpiringCredential[];
  missingProviders: { provider: string; agentCount: number }[];
  drift: { groups: FleetDriftGroup[]; totalAgents: number };
};

/** What the fleet page shows, as stored, with absolute instants (derived into countdowns per read). */
async function readStoredFleetFacts(db: Db, { teamId, now }: { teamId: string; now: Date }) {
  // why: sequential, so one request holds one pooled connection (these are small indexed aggregates).
  const { counts, updating } = await countStoredVerdicts(db, { teamId, now });
  const attention = await listAttentionGroups(db, { teamId, limit: ATTENTION_GROUP_LIMIT });
  const profileRefs = attention.groups.flatMap(({ gatewayId, detail }) =>
    typeof detail.store === "string" && typeof detail.profileId === "string"
      ? [{ gatewayId, store: detail.store, profileId: detail.profileId }]
      : [],
  );
  const attentionProfiles = await resolveAttentionProfiles(db, { teamId, refs: profileRefs });
  const unusable = await listUnusableProfiles(db, { teamId, now, limit: FLEET_LIST_LIMIT });
  const expiring = await listExpiringCredentials(db, {
    teamId,
    until: new Date(now.getTime() + EXPIRY_HORIZON_MS),
    limit: FLEET_LIST_LIMIT,
  });
  const missingProviders = await listMissingProviders(db, { teamId, limit: FLEET_LIST_LIMIT });
  const drift = await listDriftGroups(db, { teamId, limit: FLEET_LIST_LIMIT, sampleSize: DRIFT_SAMPLE_SIZE });
  return { counts, updating, attention, attentionProfiles, unusable, expiring, missingProviders, drift };
}

/** The `models status --check` roll-up across the team's agents, from their stored statuses. */
export async function readFleetStatus(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
): Promise<FleetStatusPage> {
  const at = clock().getTime();
  const { counts, updating, attention, attentionProfiles, unusable, expiring, missingProviders, drift } =
    await sharedStatusRead({ teamId, key: "fleet.status", now: at }, () =>
      readStoredFleetFacts(db, { teamId, now: new Date(at) }),
    );
  return {
    computedAt: at,
    counts,
    updating,
    attention: {
      groups: attention.groups.map(({ detail, instant, ...group }) => ({
        ...group,
        instant: instant?.getTime() ?? null,
        remainingMs: instant ? instant.getTime() - at : null,
        action: attentionActionOf({ kind: group.kind, detail }),
        authProfileId:
          attentionProfiles.get(
            `${group.gatewayId}\u0000${String(detail.store)}\u0000${String(detail.profileId)}`,
          ) ?? null,
      })),
      totalGroups: attention.totalGroups,
      moreGroups: attention.totalGroups - attention.groups.length,
    },
    unusableProfiles: unusable.map((profile) => ({ ...profile, until: profile.until.getTime() })),
    expiringCredentials: expiring.map((credential) => ({
      ...credential,
      expiresAt: credential.expiresAt.getTime(),
      expired: credential.expiresAt.getTime() <= at,
    })),
    missingProviders,
    drift: {
      groups: drift.groups.map(({ sample, ...group }) => ({ ...group, agents: sample })),
      totalAgents: drift.totalAgents,
    },
  };
}

/** One page of the agents behind one attention group (gateway + cause key), by name. */
export async function listAttentionAgents(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { gatewayId, causeKey, page }: { gatewayId: string; causeKey: string; page: number },
) {
  if (!(await findGatewayById(db, { teamId, gatewayId })))
    throw new DomainError("NOT_FOUND", "Gateway not found.");
  const { items, total } = await listAttentionGroupAgents(db, {
    teamId,
    gatewayId,
    causeKey,
    page,
    pageSize: ATTENTION_AGENTS_PAGE_SIZE,
  });
  return { items, total, page, pageSize: ATTENTION_AGENTS_PAGE_SIZE };
}
