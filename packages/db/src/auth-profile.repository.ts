import type { UsageStatsEntry } from "@clawfleet/core/auth-profiles/auth-store.schema";
import { maskSecret } from "@clawfleet/core/auth-profiles/secret-mask";
import type { AuthProfileSummary, AuthProfileType, SecretField } from "@clawfleet/core/fleet/auth-profile";
import { DomainError } from "@clawfleet/core/domain-error";
import { inBatches } from "./batched-writes";
import { type Db, Prisma } from "./client";
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

export async function findAuthProfileSummary(
  db: Db,
  { teamId, authProfileId }: { teamId: string; authProfileId: string },
): Promise<AuthProfileSummary | null> {
  const row = await db.authProfile.findFirst({
    where: { id: authProfileId, teamId },
    select: profileSummarySelect,
  });
  return row ? toSummary(row) : null;
}

/** A profile as the console shows it, with its OpenClaw usage stats (windows, failure counts). */
export async function findProfileUsage(
  db: Db,
  { teamId, authProfileId }: { teamId: string; authProfileId: string },
): Promise<{ summary: AuthProfileSummary; usage: UsageStatsEntry } | null> {
  const row = await db.authProfile.findFirst({
    where: { id: authProfileId, teamId },
    select: { ...profileSummarySelect, ...usageStatsColumnsSelect },
  });
  return row ? { summary: toSummary(row), usage: usageStatsFromColumns(row) } : null;
}

/**
 * Writes a profile's usage stats and bumps its version; with `expectedVersion`, only if the profile is
 * still at it (false when it moved, so the caller can answer CONFLICT).
 */
export async function writeProfileUsage(
  db: Db,
  {
    teamId,
    authProfileId,
    usage,
    expectedVersion,
  }: { teamId: string; authProfileId: string; usage: UsageStatsEntry; expectedVersion?: number },
): Promise<boolean> {
  const columns = columnsFromUsageStats(usage);
  const { count } = await db.authProfile.updateMany({
    where: {
      id: authProfileId,
      teamId,
      ...(expectedVersion === undefined ? {} : { version: expectedVersion }),
    },
    data: {
      ...columns,
      failureCounts: columns.failureCounts as Prisma.InputJsonValue,
      version: { increment: 1 },
    },
  });
  return count === 1;
}

/** The id of the profile `profileId` in one store, or null. */
export async function findProfileIdInStore(
  db: Db,
  { storeId, profileId }: { storeId: string; profileId: string },
): Promise<string | null> {
  const row = await db.authProfile.findFirst({ where: { storeId, profileId }, select: { id: true } });
  return row?.id ?? null;
}

/** A stored profile, by its OpenClaw id, with the store it sits in (an agent's own, or the shared one). */
export type StoredProfileRef = {
  id: string;
  profileId: string;
  gatewayId: string;
  /** The agent owning the store, or null for the gateway's shared store. */
  ownerAgentId: string | null;
};

/**
 * The gateway of each of `agentIds` (ids of another team are left out), and every stored profile named one
 * of `profileIds` on those gateways, in any store: what resolving profile ids for agents needs.
 */
export async function listProfilesNamedOnAgentGateways(
  db: Db,
  {
    teamId,
    agentIds,
    profileIds,
  }: { teamId: string; agentIds: readonly string[]; profileIds: readonly string[] },
): Promise<{ gatewayOfAgent: Map<string, string>; profiles: StoredProfileRef[] }> {
  const agents = await db.agent.findMany({
    where: { teamId, id: { in: [...new Set(agentIds)] } },
    select: { id: true, gatewayId: true },
  });
  const gatewayOfAgent = new Map(agents.map((agent) => [agent.id, agent.gatewayId]));
  const rows = await db.authProfile.findMany({
    where: {
      teamId,
      profileId: { in: [...new Set(profileIds)] },
      store: { gatewayId: { in: [...new Set(gatewayOfAgent.values())] } },
    },
    select: { id: true, profileId: true, store: { select: { agentId: true, gatewayId: true } } },
  });
  return {
    gatewayOfAgent,
    profiles: rows.map((row) => ({
      id: row.id,
      profileId: row.profileId,
      gatewayId: row.store.gatewayId,
      ownerAgentId: row.store.agentId,
    })),
  };
}

/** Where profiles live: their gateway, and the agent whose own store holds them (null: the shared store). */
export async function listProfileOwners(
  db: Db,
  { teamId, authProfileIds }: { teamId: string; authProfileIds: readonly string[] },
): Promise<{ authProfileId: string; gatewayId: string; agentId: string | null }[]> {
  const owners: { authProfileId: string; gatewayId: string; agentId: string | null }[] = [];
  for (const batch of inBatches(authProfileIds))
    owners.push(
      ...(await db.$queryRaw<{ authProfileId: string; gatewayId: string; agentId: string | null }[]>`
        SELECT p.id AS "authProfileId", s."gatewayId", s."agentId"
        FROM "AuthProfile" p JOIN "CredentialStore" s ON s.id = p."storeId"
        WHERE p."teamId" = ${teamId}::uuid AND p.id = ANY(${[...batch]}::uuid[])`),
    );
  return owners;
}

export type ProfilePushTarget = {
  authProfileId: string;
  gatewayId: string;
  profileId: string;
  provider: string;
  type: AuthProfileType;
  expires: Date | null;
  /** The agent whose own store holds the profile, or null for the gateway's shared store. */
  storeAgentKey: string | null;
};

/** Where each profile lives on its host: what a credential push names (no secret). */
export async function listProfilePushTargets(
  db: Db,
  { teamId, authProfileIds }: { teamId: string; authProfileIds: readonly string[] },
): Promise<ProfilePushTarget[]> {
  const rows = await db.authProfile.findMany({
    where: { teamId, id: { in: [...authProfileIds] } },
    select: {
      id: true,
      profileId: true,
      provider: true,
      type: true,
      expires: true,
      store: { select: { gatewayId: true, agent: { select: { agentKey: true } } } },
    },
    orderBy: { profileId: "asc" },
  });
  return rows.map((row) => ({
    authProfileId: row.id,
    gatewayId: row.store.gatewayId,
    profileId: row.profileId,
    provider: row.provider,
    type: row.type,
    expires: row.expires,
    storeAgentKey: row.store.agent?.agentKey ?? null,
  }));
}

/**
 * Deletes a profile seen at `expectedVersion` (its secrets go with it) and says where it lived; null when the team
 * has no such profile. A stale version deletes nothing and is a CONFLICT.
 */
export async function deleteAuthProfileAtVersion(
  db: Db,
  {
    teamId,
    authProfileId,
    expectedVersion,
  }: { teamId: string; authProfileId: string; expectedVersion: number },
): Promise<{ summary: AuthProfileSummary; target: ProfilePushTarget } | null> {
  const summary = await findAuthProfileSummary(db, { teamId, authProfileId });
  const [target] = await listProfilePushTargets(db, { teamId, authProfileIds: [authProfileId] });
  if (!summary || !target) return null;
  const { count } = await db.authProfile.deleteMany({
    where: { id: authProfileId, teamId, version: expectedVersion },
  });
  if (count === 0)
    throw new DomainError(
      "CONFLICT",
      `This profile changed since you loaded it (version ${expectedVersion}, now ${summary.version}). Reload and decide again.`,
    );
  return { summary, target };
}

/**
 * Writes an agent's stored order for one provider into its own store (`state.order`, which OpenClaw keeps per agent
 * even when the credentials are shared), creating the store when the agent has none; `null` removes it. OpenClaw's
 * `models auth order set` saves the agent's whole store, credentials document included (empty when the agent
 * holds no profile), and a store's state only counts beside one, so the store is marked as having it.
 */
export async function writeAgentStoredOrder(
  db: Db,
  {
    teamId,
    gatewayId,
    agentId,
    provider,
    profileIds,
  }: { teamId: string; gatewayId: string; agentId: string; provider: string; profileIds: string[] | null },
): Promise<void> {
  const store =
    (await db.credentialStore.findFirst({ where: { teamId, agentId }, select: { id: true, order: true } })) ??
    (await db.credentialStore.create({
      data: { teamId, gatewayId, agentId, hasCredentialDocument: true },
      select: { id: true, order: true },
    }));
  const order = { ...((store.order ?? {}) as Record<string, string[]>) };
  if (profileIds === null) delete order[provider];
  else order[provider] = profileIds;
  await db.credentialStore.update({
    where: { id: store.id },
    data: { order, hasCredentialDocument: true, version: { increment: 1 } },
  });
}

/**
 * The agent's own credential store, created when it has none; a state-only store (one that held only an order)
 * becomes a credential store once a profile is added to it.
 */
export async function findOrCreateAgentStore(
  db: Db,
  { teamId, gatewayId, agentId }: { teamId: string; gatewayId: string; agentId: string },
): Promise<{ id: string }> {
  const existing = await db.credentialStore.findFirst({
    where: { teamId, agentId },
    select: { id: true, hasCredentialDocument: true },
  });
  if (!existing)
    return db.credentialStore.create({ data: { teamId, gatewayId, agentId }, select: { id: true } });
  if (!existing.hasCredentialDocument)
    await db.credentialStore.update({ where: { id: existing.id }, data: { hasCredentialDocument: true } });
  return { id: existing.id };
}

/** The agent's stored order override per provider (`state.order` of its own store); empty when it has none. */
export async function findAgentStoredOrders(
  db: Db,
  { teamId, agentId }: { teamId: string; agentId: string },
): Promise<Record<string, string[]>> {
  const store = await db.credentialStore.findFirst({ where: { teamId, agentId }, select: { order: true } });
  const order = store?.order;
  if (order === null || order === undefined || typeof order !== "object" || Array.isArray(order)) return {};
  return Object.fromEntries(
    Object.entries(order).filter(
      (entry): entry is [string, string[]] =>
        Array.isArray(entry[1]) && entry[1].every((id) => typeof id === "string"),
    ),
  );
}

/**
 * Gives a profile seen at `expectedVersion` a new store and id (its secrets are bound to the profile's row, not its
 * place, so they stay readable). False when the version moved; an id already in the target store is a CONFLICT.
 */
export async function relocateAuthProfileAtVersion(
  db: Db,
  {
    teamId,
    authProfileId,
    expectedVersion,
    storeId,
    profileId,
  }: { teamId: string; authProfileId: string; expectedVersion: number; storeId: string; profileId: string },
): Promise<boolean> {
  try {
    const { count } = await db.authProfile.updateMany({
      where: { id: authProfileId, teamId, version: expectedVersion },
      data: { storeId, profileId, version: { increment: 1 } },
    });
    return count > 0;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new DomainError(
        "CONFLICT",
        `That store already has a profile ${profileId}. Choose another name, or remove that one first.`,
        "profileId",
      );
    throw error;
  }
}

/** Every credential store of a gateway with its stored orders (`state.order`), for renaming an id in them. */
export async function listGatewayStoredOrders(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
): Promise<
  { storeId: string; agentId: string | null; profileIds: string[]; order: Record<string, string[]> }[]
> {
  const stores = await db.credentialStore.findMany({
    where: { teamId, gatewayId },
    select: { id: true, agentId: true, order: true, profiles: { select: { profileId: true } } },
  });
  return stores.map((store) => ({
    storeId: store.id,
    agentId: store.agentId,
    profileIds: store.profiles.map((profile) => profile.profileId),
    order: (store.order ?? {}) as Record<string, string[]>,
  }));
}

/** Replaces one store's stored orders. */
export async function writeStoredOrders(
  db: Db,
  { teamId, storeId, order }: { teamId: string; storeId: string; order: Record<string, string[]> },
): Promise<void> {
  await db.credentialStore.updateMany({
    where: { id: storeId, teamId },
    data: { order, version: { increment: 1 } },
  });
}
