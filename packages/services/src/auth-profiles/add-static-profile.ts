/** Adding a pasted credential (an API key or a setup-token) to a gateway's shared store or to one agent's own store. */
import { DomainError } from "@clawfleet/core/domain-error";
import type { AuthProfileSummary } from "@clawfleet/core/fleet/auth-profile";
import { findAgentById } from "@clawfleet/db/agent.repository";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import {
  createAuthProfile,
  findAuthProfileSummary,
  findOrCreateAgentStore,
  findOrCreateSharedStore,
  findProfileIdInStore,
} from "@clawfleet/db/auth-profile.repository";
import { type Db, inTransaction } from "@clawfleet/db/client";
import { countProfileReach, type ProfileReach } from "@clawfleet/db/credential.repository";
import { findGatewayById } from "@clawfleet/db/gateway.repository";
import { queueCredentialPush } from "../connector/host-changes";
import type { Caller, ServiceDeps, TeamScope } from "../service-context";
import { gatewayStatusInputsChanged } from "../statuses/stored-statuses";

/** Where a new profile goes: the gateway's shared store (every agent reaches it) or one agent's own store. */
export type ProfileStoreChoice =
  | { kind: "shared"; gatewayId: string }
  /** With `gatewayId`, the agent must be on that gateway. */
  | { kind: "agent"; agentId: string; gatewayId?: string };

/** A pasted static credential, already checked by core (`validateApiKey` / `validateSetupToken`). */
export type StaticCredential = { type: "api_key"; key: string } | { type: "token"; token: string };

/** The store's gateway and, for an agent's own store, the agent's OpenClaw id; NOT_FOUND outside the team. */
async function resolveStore(
  tx: Db,
  teamId: string,
  store: ProfileStoreChoice,
): Promise<{ gatewayId: string; storeId: string; agentKey: string | null }> {
  if (store.kind === "shared") {
    const gateway = await findGatewayById(tx, { teamId, gatewayId: store.gatewayId });
    if (!gateway) throw new DomainError("NOT_FOUND", "Gateway not found.");
    const shared = await findOrCreateSharedStore(tx, { teamId, gatewayId: gateway.id });
    return { gatewayId: gateway.id, storeId: shared.id, agentKey: null };
  }
  const agent = await findAgentById(tx, { teamId, agentId: store.agentId });
  if (!agent || (store.gatewayId !== undefined && agent.gatewayId !== store.gatewayId))
    throw new DomainError("NOT_FOUND", "Agent not found on this gateway.");
  const own = await findOrCreateAgentStore(tx, { teamId, gatewayId: agent.gatewayId, agentId: agent.id });
  return { gatewayId: agent.gatewayId, storeId: own.id, agentKey: agent.agentKey };
}

/**
 * Adds an API-key or setup-token profile to the chosen store. The secret is encrypted before anything reaches the
 * database, the audit row and the host job name the profile and its fingerprint only, and the returned summary
 * carries the mask and fingerprint, never the value. An id already in that store is a CONFLICT on `profileId`.
 */
export function addStaticProfile(
  { db, secretBox, now }: Pick<ServiceDeps, "db" | "secretBox" | "now">,
  caller: Caller,
  {
    store,
    profileId,
    credential,
  }: { store: ProfileStoreChoice; profileId: string; credential: StaticCredential },
): Promise<AuthProfileSummary> {
  const { teamId } = caller;
  return inTransaction(db, async (tx) => {
    const target = await resolveStore(tx, teamId, store);
    if ((await findProfileIdInStore(tx, { storeId: target.storeId, profileId })) !== null)
      throw new DomainError(
        "CONFLICT",
        `Profile ${profileId} already exists in this store. Choose another name, or remove that one first.`,
        "profileId",
      );
    const profile = await createAuthProfile(tx, secretBox, {
      teamId,
      storeId: target.storeId,
      profileId,
      provider: profileId.split(":")[0] ?? "",
      type: credential.type,
      secrets: credential.type === "api_key" ? { key: credential.key } : { token: credential.token },
    });
    await recordAuditEvent(tx, {
      teamId,
      actor: caller.actor,
      action: "auth_profile.create",
      target: { type: "auth_profile", id: profile.id },
      after: {
        profileId: profile.profileId,
        type: profile.type,
        store: target.agentKey ?? "shared",
        secrets: profile.secrets,
      },
      requestId: caller.requestId,
    });
    await queueCredentialPush(
      { tx, caller, now: now() },
      {
        gatewayId: target.gatewayId,
        authProfileId: profile.id,
        profileId: profile.profileId,
        provider: profile.provider,
        type: credential.type,
        storeAgentKey: target.agentKey,
        expiresAt: null,
      },
    );
    await gatewayStatusInputsChanged(tx, { teamId, gatewayId: target.gatewayId, now: now().getTime() });
    return profile;
  });
}

/**
 * Which agents a profile reaches (facts §3.1): its own agent, or every agent of its gateway without a same-id
 * profile of its own. What a removal or a window clear would affect, counted in SQL with a few names.
 */
export async function readProfileReach(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { authProfileId, sampleSize = 5 }: { authProfileId: string; sampleSize?: number },
): Promise<ProfileReach> {
  if (!(await findAuthProfileSummary(db, { teamId, authProfileId })))
    throw new DomainError("NOT_FOUND", "Auth profile not found.");
  const reach = await countProfileReach(db, { teamId, sampleSize, authProfileId });
  return reach.get(authProfileId) ?? { agentCount: 0, sample: [] };
}
