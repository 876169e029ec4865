import type { UsageStatsEntry } from "@clawfleet/core/auth-profiles/auth-store.schema";
import { DomainError } from "@clawfleet/core/domain-error";
import type { SecretField } from "@clawfleet/core/fleet/auth-profile";
import type { LegacyCredentialFile, OpenClawState } from "@clawfleet/core/models-status/openclaw-state";
import type { ModelSelection } from "@clawfleet/core/openclaw-config/openclaw-config.schema";
import {
  type AgentRecord,
  type GatewayRecord,
  type ProfileRecord,
  type StoreRecord,
  joinGatewayRecord,
} from "@clawfleet/core/openclaw-import/gateway-record";
import type { Db, Prisma } from "./client";
import { usageStatsColumnsSelect, usageStatsFromColumns } from "./usage-stats-columns";

/**
 * The database → OpenClaw state bridge: a gateway's rows put back together as the `openclaw.json` and
 * credential stores its host holds, so `models status` is computed from them exactly as the CLI would.
 * Secrets are never decrypted here: each secret field is stood in for by its stored OpenClaw mask, which
 * `maskSecret` maps to itself, so every label and `effective.detail` equals the one of the real secret.
 */

/** A profile's columns; its secrets are read in their own query (see {@link loadGatewayRows}). */
const profileColumnsSelect = {
  id: true,
  storeId: true,
  version: true,
  profileId: true,
  provider: true,
  type: true,
  expires: true,
  email: true,
  displayName: true,
  copyToAgents: true,
  metadata: true,
  position: true,
  ...usageStatsColumnsSelect,
} satisfies Prisma.AuthProfileSelect;

// Display-safe columns only; the ciphertext is never selected.
const secretSelect = { authProfileId: true, field: true, mask: true, fingerprint: true } as const;

const storeColumnsSelect = {
  id: true,
  agentId: true,
  version: true,
  order: true,
  lastGood: true,
  orphanUsageStats: true,
  hasCredentialDocument: true,
} satisfies Prisma.CredentialStoreSelect;

const agentSelect = {
  id: true,
  agentKey: true,
  name: true,
  workspace: true,
  agentDir: true,
  model: true,
  models: true,
  params: true,
  extraConfig: true,
  declared: true,
  isDefault: true,
  position: true,
  version: true,
} satisfies Prisma.AgentSelect;

const gatewaySelect = {
  id: true,
  name: true,
  stateDir: true,
  homeDir: true,
  openclawVersion: true,
  defaultModel: true,
  imageModel: true,
  utilityModel: true,
  defaultModels: true,
  defaultParams: true,
  authProfiles: true,
  authOrder: true,
  extraConfig: true,
  legacyFiles: true,
  sharedStoreLocation: true,
  version: true,
} satisfies Prisma.GatewaySelect;

type SecretRow = Prisma.AuthProfileSecretGetPayload<{ select: typeof secretSelect }>;
export type ProfileRow = Prisma.AuthProfileGetPayload<{ select: typeof profileColumnsSelect }> & {
  secrets: Omit<SecretRow, "authProfileId">[];
};
export type StoreRow = Prisma.CredentialStoreGetPayload<{ select: typeof storeColumnsSelect }> & {
  /** In store order. */
  profiles: ProfileRow[];
};
export type AgentRow = Prisma.AgentGetPayload<{ select: typeof agentSelect }>;
export type GatewayRow = Prisma.GatewayGetPayload<{ select: typeof gatewaySelect }>;

function asRecord<T = unknown>(value: unknown): Record<string, T> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, T>)
    : {};
}

function profileRecordOf(row: ProfileRow): ProfileRecord {
  const usage = usageStatsFromColumns(row);
  const secrets: Partial<Record<SecretField, string>> = {};
  for (const secret of row.secrets) secrets[secret.field] = secret.mask;
  return {
    profileId: row.profileId,
    provider: row.provider,
    type: row.type,
    expires: row.expires?.getTime() ?? null,
    email: row.email,
    displayName: row.displayName,
    copyToAgents: row.copyToAgents,
    metadata: asRecord(row.metadata),
    usage: Object.keys(usage).length > 0 ? usage : null,
    secrets,
  };
}

function storeRecordOf(row: StoreRow): StoreRecord {
  return {
    order: asRecord<string[]>(row.order),
    lastGood: asRecord<string>(row.lastGood),
    orphanUsageStats: asRecord<UsageStatsEntry>(row.orphanUsageStats),
    hasCredentialDocument: row.hasCredentialDocument,
    profiles: row.profiles.map(profileRecordOf),
  };
}

function agentRecordOf(row: AgentRow, store: StoreRow | undefined): AgentRecord {
  return {
    agentKey: row.agentKey,
    name: row.name,
    workspace: row.workspace,
    agentDir: row.agentDir,
    model: (row.model as ModelSelection | null) ?? null,
    models: asRecord(row.models),
    params: asRecord(row.params),
    extraConfig: asRecord(row.extraConfig),
    declared: row.declared,
    isDefault: row.isDefault,
    store: store ? storeRecordOf(store) : null,
  };
}

/** A gateway's rows as core's record: config columns, agents in config order, stores with masks. */
export function gatewayRecordOf(
  gateway: GatewayRow,
  agents: readonly AgentRow[],
  stores: readonly StoreRow[],
): GatewayRecord {
  const storeByAgent = new Map(
    stores.filter((store) => store.agentId !== null).map((store) => [store.agentId, store]),
  );
  const shared = stores.find((store) => store.agentId === null);
  return {
    config: {
      defaultModel: (gateway.defaultModel as ModelSelection | null) ?? null,
      imageModel: gateway.imageModel ?? null,
      utilityModel: typeof gateway.utilityModel === "string" ? gateway.utilityModel : null,
      defaultModels: asRecord(gateway.defaultModels),
      defaultParams: asRecord(gateway.defaultParams),
      authProfiles: asRecord(gateway.authProfiles),
      authOrder: asRecord(gateway.authOrder),
      extraConfig: asRecord<unknown>(gateway.extraConfig),
    },
    legacyFiles: Array.isArray(gateway.legacyFiles)
      ? (gateway.legacyFiles as unknown as LegacyCredentialFile[])
      : [],
    sharedStoreLocation:
      gateway.sharedStoreLocation === "legacy-main" || gateway.sharedStoreLocation === "state-db"
        ? gateway.sharedStoreLocation
        : null,
    sharedStore: shared ? storeRecordOf(shared) : null,
    agents: agents.map((agent) => agentRecordOf(agent, storeByAgent.get(agent.id))),
  };
}

export type LoadedGateway = {
  gateway: GatewayRow;
  agents: AgentRow[];
  stores: StoreRow[];
  record: GatewayRecord;
};

/**
 * Reads every row of one gateway (five queries, whatever its size). NOT_FOUND for another team's id. Stores,
 * profiles and secrets are read table by table, filtered by the gateway in SQL and joined here: a nested
 * relation load would bind every parent id, past Postgres's limit at a fleet's size.
 */
export async function loadGatewayRows(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
): Promise<LoadedGateway> {
  const gateway = await db.gateway.findFirst({ where: { id: gatewayId, teamId }, select: gatewaySelect });
  if (!gateway) throw new DomainError("NOT_FOUND", "Gateway not found.");
  // why: sequential, because `db` may be an interactive transaction, which runs one query at a time.
  const agents = await db.agent.findMany({
    where: { teamId, gatewayId },
    select: agentSelect,
    orderBy: [{ position: "asc" }, { agentKey: "asc" }],
  });
  const storeRows = await db.credentialStore.findMany({
    where: { teamId, gatewayId },
    select: storeColumnsSelect,
  });
  const profileRows = await db.authProfile.findMany({
    where: { teamId, store: { gatewayId } },
    select: profileColumnsSelect,
    orderBy: [{ position: "asc" }, { profileId: "asc" }],
  });
  const secretRows = await db.authProfileSecret.findMany({
    where: { teamId, profile: { store: { gatewayId } } },
    select: secretSelect,
  });
  const secretsOf = new Map<string, ProfileRow["secrets"]>();
  for (const { authProfileId, ...secret } of secretRows) {
    const secrets = secretsOf.get(authProfileId) ?? [];
    secrets.push(secret);
    secretsOf.set(authProfileId, secrets);
  }
  const stores: StoreRow[] = storeRows.map((store) => ({ ...store, profiles: [] }));
  const storeById = new Map(stores.map((store) => [store.id, store]));
  for (const profile of profileRows)
    storeById.get(profile.storeId)?.profiles.push({ ...profile, secrets: secretsOf.get(profile.id) ?? [] });
  return { gateway, agents, stores, record: gatewayRecordOf(gateway, agents, stores) };
}

export type GatewayState = {
  state: OpenClawState;
  homeDir: string;
  stateDir: string;
  /** Agent row id → OpenClaw agent id. */
  agentKeys: Record<string, string>;
};

/** One gateway's `openclaw.json` and stores, rebuilt from its rows (secrets as masks). */
export async function loadGatewayState(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
): Promise<GatewayState> {
  const { gateway, agents, record } = await loadGatewayRows(db, { teamId, gatewayId });
  return {
    state: joinGatewayRecord(record),
    homeDir: gateway.homeDir,
    stateDir: gateway.stateDir,
    agentKeys: Object.fromEntries(agents.map((agent) => [agent.id, agent.agentKey])),
  };
}
