import { type CredentialUsage, agentsReachingProfiles } from "@clawfleet/core/fleet/credential-reach";
import type { Db } from "./client";

/** The secret that identifies a profile's credential: the key, the token, or the OAuth sign-in's refresh. */
const IDENTIFYING_FIELDS = { api_key: "key", token: "token", oauth: "refresh" } as const;

/**
 * Every credential of a team, by its keyed fingerprint, with the profiles that hold it and the agents
 * that reach those profiles: the answer to "if I rotate this key, who is affected?". Agent names are
 * capped per profile at `agentSampleSize`; counts are exact.
 */
export async function listCredentialUsage(
  db: Db,
  { teamId, agentSampleSize = 200 }: { teamId: string; agentSampleSize?: number },
): Promise<CredentialUsage[]> {
  const [secrets, agents] = await Promise.all([
    db.authProfileSecret.findMany({
      where: { teamId },
      select: {
        field: true,
        fingerprint: true,
        mask: true,
        createdAt: true,
        profile: {
          select: {
            id: true,
            profileId: true,
            provider: true,
            type: true,
            email: true,
            expires: true,
            store: {
              select: {
                gatewayId: true,
                agentId: true,
                gateway: { select: { name: true } },
                agent: { select: { name: true } },
              },
            },
          },
        },
      },
      orderBy: [{ createdAt: "asc" }],
    }),
    db.agent.findMany({
      where: { teamId },
      select: {
        id: true,
        name: true,
        gatewayId: true,
        store: { select: { profiles: { select: { profileId: true } } } },
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
  ]);
  const identifying = secrets.filter((secret) => IDENTIFYING_FIELDS[secret.profile.type] === secret.field);
  const reach = agentsReachingProfiles(
    agents.map((agent) => ({
      id: agent.id,
      name: agent.name,
      gatewayId: agent.gatewayId,
      ownProfileIds: agent.store?.profiles.map((profile) => profile.profileId) ?? [],
    })),
    identifying.map(({ profile }) => ({
      authProfileId: profile.id,
      profileId: profile.profileId,
      gatewayId: profile.store.gatewayId,
      ownerAgentId: profile.store.agentId,
    })),
  );

  const byFingerprint = new Map<string, CredentialUsage>();
  for (const secret of identifying) {
    const { profile } = secret;
    const reached = reach.get(profile.id) ?? [];
    const usage: CredentialUsage = byFingerprint.get(secret.fingerprint) ?? {
      fingerprint: secret.fingerprint,
      field: secret.field,
      mask: secret.mask,
      provider: profile.provider,
      type: profile.type,
      expires: null,
      firstStoredAt: secret.createdAt,
      agentCount: 0,
      profiles: [],
    };
    usage.agentCount += reached.length;
    if (profile.expires && (!usage.expires || profile.expires < usage.expires))
      usage.expires = profile.expires;
    usage.profiles.push({
      authProfileId: profile.id,
      profileId: profile.profileId,
      gatewayId: profile.store.gatewayId,
      gatewayName: profile.store.gateway.name,
      owner: profile.store.agentId
        ? { kind: "agent", agentId: profile.store.agentId, agentName: profile.store.agent?.name ?? "" }
        : { kind: "shared" },
      email: profile.email,
      expires: profile.expires,
      storedAt: secret.createdAt,
      agents: reached.slice(0, agentSampleSize),
      agentCount: reached.length,
    });
    byFingerprint.set(secret.fingerprint, usage);
  }
  return [...byFingerprint.values()].sort(
    (a, b) => b.agentCount - a.agentCount || a.provider.localeCompare(b.provider),
  );
}
