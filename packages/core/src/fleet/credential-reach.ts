import type { AuthProfileType, SecretField } from "./auth-profile";

export type ReachAgent = { id: string; name: string; gatewayId: string; ownProfileIds: readonly string[] };
export type ReachProfile = {
  authProfileId: string;
  profileId: string;
  gatewayId: string;
  ownerAgentId: string | null;
};

/**
 * Which agents can use each stored profile (facts §3.1): a profile in an agent's own store reaches that
 * agent; a profile in a gateway's shared store reaches every agent of the gateway except those whose own
 * store has a profile with the same id, which wins over it.
 */
export function agentsReachingProfiles(
  agents: readonly ReachAgent[],
  profiles: readonly ReachProfile[],
): Map<string, { id: string; name: string }[]> {
  const byGateway = new Map<string, ReachAgent[]>();
  for (const agent of agents)
    byGateway.set(agent.gatewayId, [...(byGateway.get(agent.gatewayId) ?? []), agent]);
  const byId = new Map(agents.map((agent) => [agent.id, agent]));
  const reach = new Map<string, { id: string; name: string }[]>();
  for (const profile of profiles) {
    const reached =
      profile.ownerAgentId !== null
        ? [byId.get(profile.ownerAgentId)].filter((agent): agent is ReachAgent => agent !== undefined)
        : (byGateway.get(profile.gatewayId) ?? []).filter(
            (agent) => !agent.ownProfileIds.includes(profile.profileId),
          );
    reach.set(
      profile.authProfileId,
      reached.map(({ id, name }) => ({ id, name })),
    );
  }
  return reach;
}

/** One stored credential (one secret value, by its keyed fingerprint) and everything that uses it. */
export type CredentialUsage = {
  fingerprint: string;
  field: SecretField;
  mask: string;
  provider: string;
  type: AuthProfileType;
  /** The soonest expiry among its profiles, if any expire. */
  expires: Date | null;
  /** When it was first stored. */
  firstStoredAt: Date;
  agentCount: number;
  profiles: {
    authProfileId: string;
    profileId: string;
    gatewayId: string;
    gatewayName: string;
    owner: { kind: "shared" } | { kind: "agent"; agentId: string; agentName: string };
    email: string | null;
    expires: Date | null;
    storedAt: Date;
    /** Agents that reach this profile, by name (at most `agentSampleSize`). */
    agents: { id: string; name: string }[];
    agentCount: number;
  }[];
};
