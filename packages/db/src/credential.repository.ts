import type { AuthProfileType, SecretField } from "@clawfleet/core/fleet/auth-profile";
import type { Db } from "./client";

/** One stored secret field of a team's profile, display-safe columns only, with where its profile lives. */
export type StoredCredential = {
  field: SecretField;
  fingerprint: string;
  mask: string;
  createdAt: Date;
  profile: {
    id: string;
    profileId: string;
    provider: string;
    type: AuthProfileType;
    email: string | null;
    expires: Date | null;
    gatewayId: string;
    gatewayName: string;
    ownerAgent: { id: string; name: string } | null;
  };
};

/** Every secret field of a team, oldest first; never the ciphertext. */
export async function listStoredCredentials(
  db: Db,
  { teamId }: { teamId: string },
): Promise<StoredCredential[]> {
  const rows = await db.authProfileSecret.findMany({
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
  });
  return rows.map(({ profile: { store, ...profile }, ...secret }) => ({
    ...secret,
    profile: {
      ...profile,
      gatewayId: store.gatewayId,
      gatewayName: store.gateway.name,
      ownerAgent: store.agentId ? { id: store.agentId, name: store.agent?.name ?? "" } : null,
    },
  }));
}
