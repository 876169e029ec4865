import type { CredentialUsage } from "@clawfleet/core/fleet/credential-reach";
import { countProfileReach, listStoredCredentials } from "@clawfleet/db/credential.repository";
import type { ServiceDeps, TeamScope } from "../service-context";

/** The secret that identifies a profile's credential: the key, the token, or the OAuth sign-in's refresh. */
const IDENTIFYING_FIELDS = { api_key: "key", token: "token", oauth: "refresh" } as const;

/**
 * Every credential of a team, by its keyed fingerprint, with the profiles that hold it and the agents
 * that reach those profiles: the answer to "if I rotate this key, who is affected?". Agent names are
 * capped per profile at `agentSampleSize`; counts are exact (counted in SQL, whatever the fleet's size).
 */
export async function listCredentialUsage(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { agentSampleSize = 200 }: { agentSampleSize?: number } = {},
): Promise<CredentialUsage[]> {
  const secrets = await listStoredCredentials(db, { teamId });
  const reach = await countProfileReach(db, { teamId, sampleSize: agentSampleSize });
  const identifying = secrets.filter((secret) => IDENTIFYING_FIELDS[secret.profile.type] === secret.field);

  const byFingerprint = new Map<string, CredentialUsage>();
  for (const secret of identifying) {
    const { profile } = secret;
    const reached = reach.get(profile.id) ?? { agentCount: 0, sample: [] };
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
    usage.agentCount += reached.agentCount;
    if (profile.expires && (!usage.expires || profile.expires < usage.expires))
      usage.expires = profile.expires;
    usage.profiles.push({
      authProfileId: profile.id,
      profileId: profile.profileId,
      gatewayId: profile.gatewayId,
      gatewayName: profile.gatewayName,
      owner: profile.ownerAgent
        ? { kind: "agent", agentId: profile.ownerAgent.id, agentName: profile.ownerAgent.name }
        : { kind: "shared" },
      email: profile.email,
      expires: profile.expires,
      storedAt: secret.createdAt,
      agents: reached.sample,
      agentCount: reached.agentCount,
    });
    byFingerprint.set(secret.fingerprint, usage);
  }
  return [...byFingerprint.values()].sort(
    (a, b) => b.agentCount - a.agentCount || a.provider.localeCompare(b.provider),
  );
}
