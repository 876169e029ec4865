import { maskSecret } from "@clawfleet/core/auth-profiles/secret-mask";
import type { AuthProfileSummary, AuthProfileType, SecretField } from "@clawfleet/core/fleet/auth-profile";
import { DomainError } from "@clawfleet/core/domain-error";
import type { Db, Prisma } from "./client";
import { type SecretBox, profileSecretBinding } from "./secret-box";

export type NewAuthProfile = {
  teamId: string;
  storeId: string;
  profileId: string;
  provider: string;
  type: AuthProfileType;
  expires?: Date | null;
  email?: string | null;
  displayName?: string | null;
  /** Plaintext secrets; encrypted here, before anything reaches Prisma. */
  secrets: Partial<Record<SecretField, string>>;
  usage?: Partial<
    Pick<
      Prisma.AuthProfileUncheckedCreateInput,
      | "lastUsed"
      | "errorCount"
      | "failureCounts"
      | "lastFailureAt"
      | "cooldownUntil"
      | "cooldownReason"
      | "cooldownModel"
      | "disabledUntil"
      | "disabledReason"
    >
  >;
};

const profileSummarySelect = {
  id: true,
  profileId: true,
  provider: true,
  type: true,
  email: true,
  displayName: true,
  expires: true,
  cooldownUntil: true,
  cooldownReason: true,
  disabledUntil: true,
  disabledReason: true,
  lastUsed: true,
  errorCount: true,
  version: true,
  store: { select: { agentId: true } },
  // Only display-safe columns; the ciphertext is never selected here.
  secrets: { select: { field: true, fingerprint: true, mask: true }, orderBy: { field: "asc" } },
} satisfies Prisma.AuthProfileSelect;

type ProfileSummaryRow = Prisma.AuthProfileGetPayload<{ select: typeof profileSummarySelect }>;

function toSummary({ store, ...row }: ProfileSummaryRow): AuthProfileSummary {
  return { ...row, owner: store.agentId ? { kind: "agent", agentId: store.agentId } : { kind: "shared" } };
}

/** Encrypts each secret for its row and field and returns display-safe columns plus ciphertext. */
function sealSecrets(
  box: SecretBox,
  teamId: string,
  authProfileId: string,
  secrets: NewAuthProfile["secrets"],
) {
  return Object.entries(secrets).map(([field, plaintext]) => ({
    teamId,
    field: field as SecretField,
    ciphertext: box.encrypt(plaintext, profileSecretBinding(teamId, authProfileId, field)),
    fingerprint: box.fingerprint(teamId, plaintext),
    mask: maskSecret(plaintext),
  }));
}

export async function createAuthProfile(
  db: Db,
  box: SecretBox,
  profile: NewAuthProfile,
): Promise<AuthProfileSummary> {
  const id = crypto.randomUUID();
  const row = await db.authProfile.create({
    data: {
      id,
      teamId: profile.teamId,
      storeId: profile.storeId,
      profileId: profile.profileId,
      provider: profile.provider,
      type: profile.type,
      expires: profile.expires ?? null,
      email: profile.email ?? null,
      displayName: profile.displayName ?? null,
      ...profile.usage,
      secrets: {
        createMany: {
          data: sealSecrets(box, profile.teamId, id, profile.secrets).map(
            ({ teamId: _teamId, ...secret }) => secret,
          ),
        },
      },
    },
    select: profileSummarySelect,
  });
  return toSummary(row);
}

/** Profiles an agent can reach: its own store's, then the gateway's shared store's (facts §3.1). */
export async function listProfilesVisibleToAgent(
  db: Db,
  { teamId, agentId }: { teamId: string; agentId: string },
): Promise<AuthProfileSummary[]> {
  const agent = await db.agent.findFirst({ where: { id: agentId, teamId }, select: { gatewayId: true } });
  if (!agent) throw new DomainError("NOT_FOUND", "Agent not found.");
  const rows = await db.authProfile.findMany({
    where: {
      teamId,
      store: { gatewayId: agent.gatewayId, OR: [{ agentId }, { agentId: null }] },
    },
    select: profileSummarySelect,
    orderBy: [{ provider: "asc" }, { profileId: "asc" }],
  });
  return rows.map(toSummary);
}

/**
 * The only reader of plaintext: for pushing a credential to its gateway. Nothing else may decrypt.
 */
export async function readSecretForGatewayPush(
  db: Db,
  box: SecretBox,
  { teamId, authProfileId, field }: { teamId: string; authProfileId: string; field: SecretField },
): Promise<string | null> {
  const secret = await db.authProfileSecret.findFirst({
    where: { teamId, authProfileId, field },
    select: { ciphertext: true },
  });
  return secret ? box.decrypt(secret.ciphertext, profileSecretBinding(teamId, authProfileId, field)) : null;
}

export async function findOrCreateSharedStore(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
) {
  const existing = await db.credentialStore.findFirst({
    where: { teamId, gatewayId, agentId: null },
    select: { id: true },
  });
  return existing ?? db.credentialStore.create({ data: { teamId, gatewayId }, select: { id: true } });
}
