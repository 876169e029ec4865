/** Auth profiles as the console manages them: an agent's reachable profiles, adding an API key, clearing windows. */
import { clearAuthCooldown } from "@clawfleet/core/auth-usage/usage-backoff";
import { DomainError } from "@clawfleet/core/domain-error";
import type { AuthProfileSummary } from "@clawfleet/core/fleet/auth-profile";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import {
  deleteAuthProfileAtVersion,
  findAuthProfileSummary,
  findProfileUsage,
  listProfilesVisibleToAgent,
  writeProfileUsage,
} from "@clawfleet/db/auth-profile.repository";
import { inTransaction } from "@clawfleet/db/client";
import { queueProfileRemoval } from "../connector/host-changes";
import type { Caller, ServiceDeps, TeamScope } from "../service-context";
import { gatewayStatusInputsChanged, profileStatusInputsChanged } from "../statuses/stored-statuses";
import { addStaticProfile } from "./add-static-profile";

/** Profiles an agent can reach: its own store's, then its gateway's shared store's (facts §3.1). */
export function listAgentProfiles(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { agentId }: { agentId: string },
): Promise<AuthProfileSummary[]> {
  return listProfilesVisibleToAgent(db, { teamId, agentId });
}

/**
 * Adds an API-key profile to a gateway's shared store. The key was validated by core `validateApiKey`
 * (the caller passes its warnings through); it is encrypted before anything reaches the database.
 */
export function addApiKeyProfile(
  deps: Pick<ServiceDeps, "db" | "secretBox" | "now">,
  caller: Caller,
  { gatewayId, profileId, key }: { gatewayId: string; profileId: string; key: string },
): Promise<AuthProfileSummary> {
  return addStaticProfile(deps, caller, {
    store: { kind: "shared", gatewayId },
    profileId,
    credential: { type: "api_key", key },
  });
}

/** What the audit trail records of a profile's windows around a clear. */
function auditedWindows(profile: AuthProfileSummary) {
  return {
    profileId: profile.profileId,
    cooldownUntil: profile.cooldownUntil,
    cooldownReason: profile.cooldownReason,
    disabledUntil: profile.disabledUntil,
    disabledReason: profile.disabledReason,
    errorCount: profile.errorCount,
    version: profile.version,
  };
}

/**
 * An operator's manual clear of a profile's cooldown, disable and block windows (OpenClaw's rule in core
 * `clearAuthCooldown`), at the version the operator saw.
 */
export function clearProfileCooldown(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  { authProfileId, expectedVersion }: { authProfileId: string; expectedVersion: number },
): Promise<AuthProfileSummary> {
  const { teamId } = caller;
  return inTransaction(db, async (tx) => {
    const found = await findProfileUsage(tx, { teamId, authProfileId });
    if (!found) throw new DomainError("NOT_FOUND", "Auth profile not found.");
    const usage = clearAuthCooldown(found.usage);
    if (!(await writeProfileUsage(tx, { teamId, authProfileId, usage, expectedVersion })))
      throw new DomainError(
        "CONFLICT",
        `This profile changed since you loaded it (version ${expectedVersion}, now ${found.summary.version}). Reload and try again.`,
      );
    const after = await findAuthProfileSummary(tx, { teamId, authProfileId });
    if (!after) throw new DomainError("NOT_FOUND", "Auth profile not found.");
    await recordAuditEvent(tx, {
      teamId,
      actor: caller.actor,
      action: "auth_profile.clear_cooldown",
      target: { type: "auth_profile", id: after.id },
      before: auditedWindows(found.summary),
      after: auditedWindows(after),
      requestId: caller.requestId,
    });
    await profileStatusInputsChanged(tx, { teamId, authProfileIds: [authProfileId], now: now().getTime() });
    return after;
  });
}

/**
 * Removes a profile from its store, seen at `expectedVersion`: its secrets are deleted, the agents that reached it
 * fall back to their next profile (their statuses are recomputed), and the host's store loses it too
 * (`models.authLogout`) when the gateway has a connected host agent.
 */
export function removeAuthProfile(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  { authProfileId, expectedVersion }: { authProfileId: string; expectedVersion: number },
): Promise<AuthProfileSummary> {
  const { teamId } = caller;
  return inTransaction(db, async (tx) => {
    const removed = await deleteAuthProfileAtVersion(tx, { teamId, authProfileId, expectedVersion });
    if (!removed) throw new DomainError("NOT_FOUND", "Auth profile not found.");
    const { summary, target } = removed;
    await recordAuditEvent(tx, {
      teamId,
      actor: caller.actor,
      action: "auth_profile.remove",
      target: { type: "auth_profile", id: authProfileId },
      before: {
        profileId: summary.profileId,
        type: summary.type,
        store: target.storeAgentKey ?? "shared",
        secrets: summary.secrets,
      },
      requestId: caller.requestId,
    });
    await queueProfileRemoval({ tx, caller, now: now() }, target);
    await gatewayStatusInputsChanged(tx, { teamId, gatewayId: target.gatewayId, now: now().getTime() });
    return summary;
  });
}
