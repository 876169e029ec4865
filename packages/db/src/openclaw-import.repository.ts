import type { SecretField } from "@clawfleet/core/fleet/auth-profile";
import { DomainError } from "@clawfleet/core/domain-error";
import type {
  AgentRecord,
  GatewayRecord,
  ProfileRecord,
  StoreRecord,
} from "@clawfleet/core/openclaw-import/gateway-record";
import {
  agentChanges,
  profileChanges,
  secretKey,
  storeChanges,
} from "@clawfleet/core/openclaw-import/import-plan";
import { sealSecrets } from "./auth-profile.repository";
import { type ColumnType, inBatches, insertRows, updateVersionedRows } from "./batched-writes";
import { type Db, Prisma } from "./client";
import {
  type LoadedGateway,
  type ProfileRow,
  type StoreRow,
  gatewayRecordOf,
} from "./openclaw-state.repository";
import type { SecretBox } from "./secret-box";
import { columnsFromUsageStats } from "./usage-stats-columns";

/**
 * Writes an imported gateway record over a gateway's rows, touching only what differs: unchanged agents
 * and profiles keep their ids, versions and ciphertexts. Runs inside the caller's transaction, in bounded
 * statements (batches of at most 1,000 rows), so an import of any size binds no list that grows with it.
 * Rows are updated at the version they were read at: a concurrent edit makes the import a CONFLICT instead
 * of being overwritten. Secrets are sealed by the auth-profile repository's `sealSecrets` before anything
 * reaches Prisma.
 */

type Json = Prisma.InputJsonValue;

function json(value: unknown): Json {
  return value as Json;
}

function nullableJson(value: unknown): Json | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : json(value);
}

const CONCURRENT_EDIT =
  "Someone changed this gateway's agents or profiles while the import was being written. Nothing was imported; preview again, then confirm.";

/** Stored secret fingerprints of a loaded gateway, keyed as the import plan expects. */
export function storedFingerprints(loaded: LoadedGateway): Map<string, string> {
  const keyOf = new Map(loaded.agents.map((agent) => [agent.id, agent.agentKey]));
  const fingerprints = new Map<string, string>();
  for (const store of loaded.stores) {
    const owner = store.agentId === null ? "shared" : (keyOf.get(store.agentId) ?? store.agentId);
    for (const profile of store.profiles) {
      for (const secret of profile.secrets)
        fingerprints.set(secretKey(owner, profile.profileId, secret.field), secret.fingerprint);
    }
  }
  return fingerprints;
}

/** A profile's columns as the batched writes send them (JSON values as they are, times as Dates). */
function profileColumns(profile: ProfileRecord, position: number) {
  return {
    provider: profile.provider,
    type: profile.type,
    expires: profile.expires === null ? null : new Date(profile.expires),
    email: profile.email,
    displayName: profile.displayName,
    copyToAgents: profile.copyToAgents,
    metadata: profile.metadata,
    position,
    ...columnsFromUsageStats(profile.usage ?? {}),
    failureCounts: profile.usage?.failureCounts ?? {},
  };
}

/** The columns {@link profileColumns} sets, with their Postgres types, for batched updates. */
const PROFILE_COLUMN_TYPES: Record<keyof ReturnType<typeof profileColumns>, ColumnType> = {
  provider: "text",
  type: '"AuthProfileType"',
  expires: "timestamp(3)",
  email: "text",
  displayName: "text",
  copyToAgents: "boolean",
  metadata: "json",
  position: "integer",
  lastUsed: "timestamp(3)",
  lastFailureAt: "timestamp(3)",
  lastProbeAt: "timestamp(3)",
  errorCount: "integer",
  failureCounts: "json",
  cooldownUntil: "timestamp(3)",
  cooldownReason: "text",
  cooldownClassification: "text",
  cooldownModel: "text",
  disabledUntil: "timestamp(3)",
  disabledReason: "text",
  blockedUntil: "timestamp(3)",
  blockedReason: "text",
  blockedSource: "text",
  blockedModel: "text",
  blockedScope: "text",
};

/** An agent's columns as the batched writes send them (a JSON null is stored as SQL NULL). */
function agentColumns(agent: AgentRecord, position: number) {
  return {
    name: agent.name,
    workspace: agent.workspace,
    agentDir: agent.agentDir,
    model: agent.model,
    models: agent.models,
    params: agent.params,
    extraConfig: agent.extraConfig,
    declared: agent.declared,
    isDefault: agent.isDefault,
    position,
  };
}

const AGENT_COLUMN_TYPES: Record<keyof ReturnType<typeof agentColumns>, ColumnType> = {
  name: "text",
  workspace: "text",
  agentDir: "text",
  model: "json",
  models: "json",
  params: "json",
  extraConfig: "json",
  declared: "boolean",
  isDefault: "boolean",
  position: "integer",
};

function storeColumns(store: StoreRecord) {
  return {
    order: store.order,
    lastGood: store.lastGood,
    orphanUsageStats: store.orphanUsageStats,
    hasCredentialDocument: store.hasCredentialDocument,
  };
}

const STORE_COLUMN_TYPES: Record<keyof ReturnType<typeof storeColumns>, ColumnType> = {
  order: "json",
  lastGood: "json",
  orphanUsageStats: "json",
  hasCredentialDocument: "boolean",
};

/** Columns of new rows, beyond the ones their updates set. */
const NEW_AGENT_COLUMNS = {
  id: "uuid",
  teamId: "uuid",
  gatewayId: "uuid",
  agentKey: "text",
  ...AGENT_COLUMN_TYPES,
} as const satisfies Record<string, ColumnType>;
const NEW_STORE_COLUMNS = {
  id: "uuid",
  teamId: "uuid",
  gatewayId: "uuid",
  agentId: "uuid",
  ...STORE_COLUMN_TYPES,
} as const satisfies Record<string, ColumnType>;
const NEW_PROFILE_COLUMNS = {
  id: "uuid",
  teamId: "uuid",
  storeId: "uuid",
  profileId: "text",
  ...PROFILE_COLUMN_TYPES,
} as const satisfies Record<string, ColumnType>;
/** Columns of a new `AuthProfileSecret` row, for batched inserts (an import, the bench's seed). */
export const AUTH_PROFILE_SECRET_COLUMNS = {
  id: "uuid",
  teamId: "uuid",
  authProfileId: "uuid",
  field: '"SecretField"',
  ciphertext: "text",
  fingerprint: "text",
  mask: "text",
} as const satisfies Record<string, ColumnType>;

type NewRow<Columns> = Record<keyof Columns, unknown>;

export type ImportWriteProgress = { phase: string; done: number; total: number };

export type WriteGatewayInput = {
  teamId: string;
  gatewayId: string;
  incoming: GatewayRecord;
  current: LoadedGateway;
  /** Called after each batch, for the progress bar. */
  onProgress: (progress: ImportWriteProgress) => Promise<void>;
};

/** The rows a write will send, collected first so each kind goes in bounded batches. */
type PendingWrites = {
  createdStores: NewRow<typeof NEW_STORE_COLUMNS>[];
  removedStoreIds: string[];
  createdProfiles: NewRow<typeof NEW_PROFILE_COLUMNS>[];
  updatedProfiles: ({ id: string; version: number } & ReturnType<typeof profileColumns>)[];
  removedProfileIds: string[];
  /** Secret rows of changed profiles to delete before their replacements are written. */
  replacedSecrets: { authProfileId: string; fields: SecretField[] }[];
  createdSecrets: NewRow<typeof AUTH_PROFILE_SECRET_COLUMNS>[];
};

type WriteContext = {
  tx: Db;
  box: SecretBox;
  teamId: string;
  gatewayId: string;
  fingerprintOf: (plaintext: string) => string;
  pending: PendingWrites;
};

const SECRET_FIELDS: readonly SecretField[] = ["key", "token", "access", "refresh"];

function planProfiles(
  context: WriteContext,
  storeId: string,
  incoming: StoreRecord,
  current: StoreRow | undefined,
  currentRecord: StoreRecord | null,
): void {
  const { box, teamId, pending } = context;
  const rows = new Map<string, ProfileRow>((current?.profiles ?? []).map((row) => [row.profileId, row]));
  const records = new Map((currentRecord?.profiles ?? []).map((profile) => [profile.profileId, profile]));
  const keep = new Set(incoming.profiles.map((profile) => profile.profileId));
  for (const row of rows.values()) if (!keep.has(row.profileId)) pending.removedProfileIds.push(row.id);

  for (const [position, profile] of incoming.profiles.entries()) {
    const row = rows.get(profile.profileId);
    const before = records.get(profile.profileId);
    if (!row || !before) {
      const id = crypto.randomUUID();
      pending.createdProfiles.push({
        id,
        teamId,
        storeId,
        profileId: profile.profileId,
        ...profileColumns(profile, position),
      });
      for (const secret of sealSecrets(box, teamId, id, profile.secrets))
        pending.createdSecrets.push({ ...secret, id: crypto.randomUUID(), authProfileId: id });
      continue;
    }
    const stored = new Map(row.secrets.map((secret) => [secret.field, secret.fingerprint]));
    const changed = profileChanges(profile, before, {
      incoming: (field) => {
        const value = profile.secrets[field];
        return value === undefined ? undefined : context.fingerprintOf(value);
      },
      current: (field) => stored.get(field),
    });
    if (changed.length === 0 && row.position === position) continue;
    pending.updatedProfiles.push({ id: row.id, version: row.version, ...profileColumns(profile, position) });
    const secretFields = SECRET_FIELDS.filter((field) => changed.includes(field));
    if (secretFields.length === 0) continue;
    pending.replacedSecrets.push({ authProfileId: row.id, fields: secretFields });
    const replacements = Object.fromEntries(
      secretFields.flatMap((field) =>
        profile.secrets[field] === undefined ? [] : [[field, profile.secrets[field]]],
      ),
    );
    for (const secret of sealSecrets(box, teamId, row.id, replacements))
      pending.createdSecrets.push({ ...secret, id: crypto.randomUUID(), authProfileId: row.id });
  }
}

async function planStore(
  context: WriteContext,
  agentId: string | null,
  incoming: StoreRecord | null,
  current: StoreRow | undefined,
  currentRecord: StoreRecord | null,
): Promise<void> {
  const { tx, teamId, gatewayId, pending } = context;
  if (!incoming) {
    if (current) pending.removedStoreIds.push(current.id);
    return;
  }
  let storeId = current?.id;
  if (!storeId) {
    storeId = crypto.randomUUID();
    pending.createdStores.push({ id: storeId, teamId, gatewayId, agentId, ...storeColumns(incoming) });
  } else if (!currentRecord || storeChanges(incoming, currentRecord).length > 0) {
    // why: stores change rarely (an order override, lastGood); one statement each, at the version read.
    const { order, lastGood, orphanUsageStats, hasCredentialDocument } = storeColumns(incoming);
    const { count } = await tx.credentialStore.updateMany({
      where: { id: storeId, teamId, version: current?.version },
      data: {
        order: json(order),
        lastGood: json(lastGood),
        orphanUsageStats: json(orphanUsageStats),
        hasCredentialDocument,
        version: { increment: 1 },
      },
    });
    if (count !== 1) throw new DomainError("CONFLICT", CONCURRENT_EDIT);
  }
  planProfiles(context, storeId, incoming, current, currentRecord);
}

/** Runs `write` over `rows` in batches, reporting `phase` progress after each one. */
async function writeInBatches<T>(
  rows: readonly T[],
  phase: string,
  onProgress: WriteGatewayInput["onProgress"],
  write: (batch: T[]) => Promise<unknown>,
): Promise<void> {
  let done = 0;
  for (const batch of inBatches(rows)) {
    await write(batch);
    done += batch.length;
    await onProgress({ phase, done, total: rows.length });
  }
}

/** Makes the gateway's rows equal `incoming` (see the module comment). */
export async function writeGatewayRecord(tx: Db, box: SecretBox, input: WriteGatewayInput): Promise<void> {
  const { teamId, gatewayId, incoming, current, onProgress } = input;
  const pending: PendingWrites = {
    createdStores: [],
    removedStoreIds: [],
    createdProfiles: [],
    updatedProfiles: [],
    removedProfileIds: [],
    replacedSecrets: [],
    createdSecrets: [],
  };
  const context: WriteContext = {
    tx,
    box,
    teamId,
    gatewayId,
    fingerprintOf: (plaintext) => box.fingerprint(teamId, plaintext),
    pending,
  };
  const currentRecord = current.record ?? gatewayRecordOf(current.gateway, current.agents, current.stores);
  const { config } = incoming;
  const gatewayUpdate = await tx.gateway.updateMany({
    where: { id: gatewayId, teamId, version: current.gateway.version },
    data: {
      defaultModel: nullableJson(config.defaultModel),
      imageModel: nullableJson(config.imageModel),
      utilityModel: nullableJson(config.utilityModel),
      defaultModels: json(config.defaultModels),
      defaultParams: json(config.defaultParams),
      authProfiles: json(config.authProfiles),
      authOrder: json(config.authOrder),
      extraConfig: json(config.extraConfig),
      legacyFiles: json(incoming.legacyFiles),
      sharedStoreLocation: incoming.sharedStoreLocation,
      version: { increment: 1 },
    },
  });
  if (gatewayUpdate.count !== 1) throw new DomainError("CONFLICT", CONCURRENT_EDIT);
  await onProgress({ phase: "writing the gateway", done: 1, total: 1 });

  const rowsByKey = new Map(current.agents.map((row) => [row.agentKey, row]));
  const recordsByKey = new Map(currentRecord.agents.map((agent) => [agent.agentKey, agent]));
  const keep = new Set(incoming.agents.map((agent) => agent.agentKey));
  const removedAgentIds = current.agents.filter((row) => !keep.has(row.agentKey)).map((row) => row.id);
  await writeInBatches(removedAgentIds, "removing agents", onProgress, (ids) =>
    tx.agent.deleteMany({ where: { teamId, id: { in: ids } } }),
  );

  const agentIds = new Map<string, string>();
  const createdAgents: NewRow<typeof NEW_AGENT_COLUMNS>[] = [];
  const updatedAgents: ({ id: string; version: number } & ReturnType<typeof agentColumns>)[] = [];
  for (const [position, agent] of incoming.agents.entries()) {
    const row = rowsByKey.get(agent.agentKey);
    const before = recordsByKey.get(agent.agentKey);
    if (!row || !before) {
      const id = crypto.randomUUID();
      agentIds.set(agent.agentKey, id);
      createdAgents.push({
        id,
        teamId,
        gatewayId,
        agentKey: agent.agentKey,
        ...agentColumns(agent, position),
      });
      continue;
    }
    agentIds.set(agent.agentKey, row.id);
    if (agentChanges(agent, before).length > 0 || row.position !== position)
      updatedAgents.push({ id: row.id, version: row.version, ...agentColumns(agent, position) });
  }
  await writeInBatches(updatedAgents, "updating agents", onProgress, (rows) =>
    updateVersionedRows(tx, {
      table: "Agent",
      teamId,
      columns: AGENT_COLUMN_TYPES,
      rows,
      conflictMessage: CONCURRENT_EDIT,
    }),
  );
  await writeInBatches(createdAgents, "writing agents", onProgress, (rows) =>
    insertRows(tx, { table: "Agent", columns: NEW_AGENT_COLUMNS, rows }),
  );

  const storeRows = new Map(current.stores.map((store) => [store.agentId, store]));
  await planStore(context, null, incoming.sharedStore, storeRows.get(null), currentRecord.sharedStore);
  for (const agent of incoming.agents) {
    const agentId = agentIds.get(agent.agentKey) ?? "";
    await planStore(
      context,
      agentId,
      agent.store,
      storeRows.get(agentId),
      recordsByKey.get(agent.agentKey)?.store ?? null,
    );
  }
  await writeInBatches(pending.removedStoreIds, "removing credential stores", onProgress, (ids) =>
    tx.credentialStore.deleteMany({ where: { teamId, id: { in: ids } } }),
  );
  await writeInBatches(pending.createdStores, "writing credential stores", onProgress, (rows) =>
    insertRows(tx, { table: "CredentialStore", columns: NEW_STORE_COLUMNS, rows }),
  );
  await writeInBatches(pending.removedProfileIds, "removing profiles", onProgress, (ids) =>
    tx.authProfile.deleteMany({ where: { teamId, id: { in: ids } } }),
  );
  await writeInBatches(pending.updatedProfiles, "updating profiles", onProgress, (rows) =>
    updateVersionedRows(tx, {
      table: "AuthProfile",
      teamId,
      columns: PROFILE_COLUMN_TYPES,
      rows,
      conflictMessage: CONCURRENT_EDIT,
    }),
  );
  await writeInBatches(pending.replacedSecrets, "replacing secrets", onProgress, async (batch) => {
    for (const field of SECRET_FIELDS) {
      const ids = batch.filter((entry) => entry.fields.includes(field)).map((entry) => entry.authProfileId);
      if (ids.length > 0)
        await tx.authProfileSecret.deleteMany({ where: { teamId, field, authProfileId: { in: ids } } });
    }
  });
  await writeInBatches(pending.createdProfiles, "writing profiles", onProgress, (rows) =>
    insertRows(tx, { table: "AuthProfile", columns: NEW_PROFILE_COLUMNS, rows }),
  );
  await writeInBatches(pending.createdSecrets, "writing secrets", onProgress, (rows) =>
    insertRows(tx, { table: "AuthProfileSecret", columns: AUTH_PROFILE_SECRET_COLUMNS, rows }),
  );
}
