import type { SecretField } from "@clawfleet/core/fleet/auth-profile";
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
 * and profiles keep their ids, versions and ciphertexts. Runs inside the caller's transaction; secrets are
 * sealed by the auth-profile repository's `sealSecrets` before anything reaches Prisma.
 */

type Json = Prisma.InputJsonValue;

function json(value: unknown): Json {
  return value as Json;
}

function nullableJson(value: unknown): Json | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : json(value);
}

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

function profileColumns(profile: ProfileRecord, position: number) {
  return {
    provider: profile.provider,
    type: profile.type,
    expires: profile.expires === null ? null : new Date(profile.expires),
    email: profile.email,
    displayName: profile.displayName,
    copyToAgents: profile.copyToAgents,
    metadata: json(profile.metadata),
    position,
    ...columnsFromUsageStats(profile.usage ?? {}),
    failureCounts: json(profile.usage?.failureCounts ?? {}),
  };
}

function agentColumns(agent: AgentRecord, position: number) {
  return {
    name: agent.name,
    workspace: agent.workspace,
    agentDir: agent.agentDir,
    model: nullableJson(agent.model),
    models: json(agent.models),
    params: json(agent.params),
    extraConfig: json(agent.extraConfig),
    declared: agent.declared,
    isDefault: agent.isDefault,
    position,
  };
}

function storeColumns(store: StoreRecord) {
  return {
    order: json(store.order),
    lastGood: json(store.lastGood),
    orphanUsageStats: json(store.orphanUsageStats),
    hasCredentialDocument: store.hasCredentialDocument,
  };
}

type WriteContext = {
  tx: Db;
  box: SecretBox;
  teamId: string;
  gatewayId: string;
  fingerprintOf: (plaintext: string) => string;
  step: () => Promise<void>;
};

async function writeProfiles(
  context: WriteContext,
  storeId: string,
  incoming: StoreRecord,
  current: StoreRow | undefined,
  currentRecord: StoreRecord | null,
): Promise<void> {
  const { tx, box, teamId } = context;
  const rows = new Map<string, ProfileRow>((current?.profiles ?? []).map((row) => [row.profileId, row]));
  const records = new Map((currentRecord?.profiles ?? []).map((profile) => [profile.profileId, profile]));
  const keep = new Set(incoming.profiles.map((profile) => profile.profileId));
  const removed = [...rows.values()].filter((row) => !keep.has(row.profileId)).map((row) => row.id);
  if (removed.length > 0) await tx.authProfile.deleteMany({ where: { teamId, id: { in: removed } } });

  const created: Prisma.AuthProfileCreateManyInput[] = [];
  const createdSecrets: Prisma.AuthProfileSecretCreateManyInput[] = [];
  for (const [position, profile] of incoming.profiles.entries()) {
    const row = rows.get(profile.profileId);
    const before = records.get(profile.profileId);
    if (!row || !before) {
      const id = crypto.randomUUID();
      created.push({
        id,
        teamId,
        storeId,
        profileId: profile.profileId,
        ...profileColumns(profile, position),
      });
      for (const secret of sealSecrets(box, teamId, id, profile.secrets))
        createdSecrets.push({ ...secret, authProfileId: id });
      await context.step();
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
    if (changed.length > 0 || row.position !== position) {
      await tx.authProfile.update({
        where: { id: row.id },
        data: { ...profileColumns(profile, position), version: { increment: 1 } },
      });
      const secretFields = changed.filter((field): field is SecretField =>
        ["key", "token", "access", "refresh"].includes(field),
      );
      if (secretFields.length > 0) {
        await tx.authProfileSecret.deleteMany({
          where: { teamId, authProfileId: row.id, field: { in: secretFields } },
        });
        const replacements = Object.fromEntries(
          secretFields.flatMap((field) =>
            profile.secrets[field] === undefined ? [] : [[field, profile.secrets[field]]],
          ),
        );
        for (const secret of sealSecrets(box, teamId, row.id, replacements))
          createdSecrets.push({ ...secret, authProfileId: row.id });
      }
    }
    await context.step();
  }
  if (created.length > 0) await tx.authProfile.createMany({ data: created });
  if (createdSecrets.length > 0) await tx.authProfileSecret.createMany({ data: createdSecrets });
}

async function writeStore(
  context: WriteContext,
  agentId: string | null,
  incoming: StoreRecord | null,
  current: StoreRow | undefined,
  currentRecord: StoreRecord | null,
): Promise<void> {
  const { tx, teamId, gatewayId } = context;
  if (!incoming) {
    if (current) await tx.credentialStore.delete({ where: { id: current.id } });
    return;
  }
  let storeId = current?.id;
  if (!storeId) {
    storeId = crypto.randomUUID();
    await tx.credentialStore.create({
      data: { id: storeId, teamId, gatewayId, agentId, ...storeColumns(incoming) },
    });
  } else if (!currentRecord || storeChanges(incoming, currentRecord).length > 0) {
    await tx.credentialStore.update({
      where: { id: storeId },
      data: { ...storeColumns(incoming), version: { increment: 1 } },
    });
  }
  await writeProfiles(context, storeId, incoming, current, currentRecord);
}

export type WriteGatewayInput = {
  teamId: string;
  gatewayId: string;
  incoming: GatewayRecord;
  current: LoadedGateway;
  /** Called after each agent and profile, for the progress bar. */
  onStep: () => Promise<void>;
};

/** Makes the gateway's rows equal `incoming` (see the module comment). */
export async function writeGatewayRecord(tx: Db, box: SecretBox, input: WriteGatewayInput): Promise<void> {
  const { teamId, gatewayId, incoming, current } = input;
  const context: WriteContext = {
    tx,
    box,
    teamId,
    gatewayId,
    fingerprintOf: (plaintext) => box.fingerprint(teamId, plaintext),
    step: input.onStep,
  };
  const currentRecord = current.record ?? gatewayRecordOf(current.gateway, current.agents, current.stores);
  const { config } = incoming;
  await tx.gateway.update({
    where: { id: gatewayId },
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
  await input.onStep();

  const rowsByKey = new Map(current.agents.map((row) => [row.agentKey, row]));
  const recordsByKey = new Map(currentRecord.agents.map((agent) => [agent.agentKey, agent]));
  const keep = new Set(incoming.agents.map((agent) => agent.agentKey));
  const removed = current.agents.filter((row) => !keep.has(row.agentKey)).map((row) => row.id);
  if (removed.length > 0) await tx.agent.deleteMany({ where: { teamId, id: { in: removed } } });

  const agentIds = new Map<string, string>();
  const created: Prisma.AgentCreateManyInput[] = [];
  for (const [position, agent] of incoming.agents.entries()) {
    const row = rowsByKey.get(agent.agentKey);
    const before = recordsByKey.get(agent.agentKey);
    if (!row || !before) {
      const id = crypto.randomUUID();
      agentIds.set(agent.agentKey, id);
      created.push({ id, teamId, gatewayId, agentKey: agent.agentKey, ...agentColumns(agent, position) });
      continue;
    }
    agentIds.set(agent.agentKey, row.id);
    if (agentChanges(agent, before).length > 0 || row.position !== position) {
      await tx.agent.update({
        where: { id: row.id },
        data: { ...agentColumns(agent, position), version: { increment: 1 } },
      });
    }
  }
  if (created.length > 0) await tx.agent.createMany({ data: created });

  const storeRows = new Map(current.stores.map((store) => [store.agentId, store]));
  await writeStore(context, null, incoming.sharedStore, storeRows.get(null), currentRecord.sharedStore);
  for (const agent of incoming.agents) {
    const agentId = agentIds.get(agent.agentKey) ?? "";
    await writeStore(
      context,
      agentId,
      agent.store,
      storeRows.get(agentId),
      recordsByKey.get(agent.agentKey)?.store ?? null,
    );
    await input.onStep();
  }
}
