import { maskSecret } from "@clawfleet/core/auth-profiles/secret-mask";
import { clearAuthCooldown } from "@clawfleet/core/auth-usage/usage-backoff";
import type { AuthProfileSummary, AuthProfileType, SecretField } from "@clawfleet/core/fleet/auth-profile";
import { DomainError } from "@clawfleet/core/domain-error";
import type { Db, Prisma } from "./client";
import { type SecretBox, profileSecretBinding } from "./secret-box";
import { columnsFromUsageStats, usageStatsColumnsSelect, usageStatsFromColumns } from "./usage-stats-columns";

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

function toSummary(row: ProfileSummaryRow): AuthProfileSummary {
  return {
    id: row.id,
    profileId: row.profileId,
    provider: row.provider,
    type: row.type,
    owner: row.store.agentId ? { kind: "agent", agentId: row.store.agentId } : { kind: "shared" },
    email: row.email,
    displayName: row.displayName,
    expires: row.expires,
    secrets: row.secrets,
    cooldownUntil: row.cooldownUntil,
    cooldownReason: row.cooldownReason,
    disabledUntil: row.disabledUntil,
    disabledReason: row.disabledReason,
    lastUsed: row.lastUsed,
    errorCount: row.errorCount,
    version: row.version,
  };
}

/** Encrypts each secret for its row and field and returns display-safe columns plus ciphertext. */
export function sealSecrets(
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

/**
 * An operator's manual clear of a profile's cooldown, disable and block windows (OpenClaw's rule in
 * core `clearAuthCooldown`), guarded by the profile's version.
 */
export async function clearProfileCooldown(
  db: Db,
  {
    teamId,
    authProfileId,
    expectedVersion,
  }: { teamId: string; authProfileId: string; expectedVersion: number },
): Promise<{ before: AuthProfileSummary; after: AuthProfileSummary }> {
  const row = await db.authProfile.findFirst({
    where: { id: authProfileId, teamId },
    select: { ...profileSummarySelect, ...usageStatsColumnsSelect },
  });
  if (!row) throw new DomainError("NOT_FOUND", "Auth profile not found.");
  const cleared = columnsFromUsageStats(clearAuthCooldown(usageStatsFromColumns(row)));
  const { count } = await db.authProfile.updateMany({
    where: { id: authProfileId, teamId, version: expectedVersion },
    data: {
      ...cleared,
      failureCounts: cleared.failureCounts as Prisma.InputJsonValue,
      version: { increment: 1 },
    },
  });
  if (count === 0) {
    throw new DomainError(
      "CONFLICT",
      `This profile changed since you loaded it (version ${expectedVersion}, now ${row.version}). Reload and try again.`,
    );
  }
  const after = await db.authProfile.findFirstOrThrow({
    where: { id: authProfileId, teamId },
    select: profileSummarySelect,
  });
  return { before: toSummary(row), after: toSummary(after) };
}

/**
 * The AuthProfile rows that OpenClaw profile ids resolve to for given agents: the agent's own store wins,
 * else its gateway's shared store (facts §3.1). Ids of another team resolve to nothing.
 */
export async function resolveProfileRowIds(
  db: Db,
  { teamId, wanted }: { teamId: string; wanted: readonly { agentId: string; profileId: string }[] },
): Promise<Map<string, string>> {
  if (wanted.length === 0) return new Map();
  const agents = await db.agent.findMany({
    where: { teamId, id: { in: [...new Set(wanted.map((entry) => entry.agentId))] } },
    select: { id: true, gatewayId: true },
  });
  const gatewayOf = new Map(agents.map((agent) => [agent.id, agent.gatewayId]));
  const rows = await db.authProfile.findMany({
    where: {
      teamId,
      profileId: { in: [...new Set(wanted.map((entry) => entry.profileId))] },
      store: { gatewayId: { in: [...new Set(gatewayOf.values())] } },
    },
    select: { id: true, profileId: true, store: { select: { agentId: true, gatewayId: true } } },
  });
  const resolved = new Map<string, string>();
  for (const { agentId, profileId } of wanted) {
    const gatewayId = gatewayOf.get(agentId);
    if (gatewayId === undefined) continue;
    const own = rows.find((row) => row.profileId === profileId && row.store.agentId === agentId);
    const shared = rows.find(
      (row) => row.profileId === profileId && row.store.agentId === null && row.store.gatewayId === gatewayId,
    );
    const row = own ?? shared;
    if (row) resolved.set(`${agentId}\u0000${profileId}`, row.id);
  }
  return resolved;
}
