import { type ChunkedWork, isMarkDue } from "../chunked-work/chunked-work";
import type { SecretField } from "../fleet/auth-profile";
import type { AgentRecord, GatewayRecord, ProfileRecord, StoreRecord } from "./gateway-record";

/**
 * What an import will do to a gateway: the incoming state replaces the gateway's, so agents and profiles
 * missing from the upload are removed. The plan lists every change by id (never a secret value; a changed
 * secret shows as the field name only) and is what the preview shows and the commit re-checks.
 */

export type ImportChangeKind = "create" | "update" | "remove";
export type ImportEntity = "gateway" | "agent" | "profile" | "param";

export type ImportChange = {
  kind: ImportChangeKind;
  entity: ImportEntity;
  /** Agent key, `owner/profileId` (owner is `shared` or an agent key), or a config path for params. */
  id: string;
  /** Changed fields of an update (secret fields by name only). */
  fields?: string[];
};

export type ImportCounts = { create: number; update: number; remove: number; unchanged: number };

export type ImportPlan = {
  summary: {
    agents: ImportCounts;
    profiles: ImportCounts;
    params: Omit<ImportCounts, "unchanged">;
    gatewaySettingsChanged: boolean;
  };
  changes: ImportChange[];
  /** Work units for the progress bar: one per agent and profile written, plus the gateway row. */
  totalSteps: number;
};

/** Secret fingerprints of the current rows, by {@link secretKey}. */
export type SecretFingerprints = ReadonlyMap<string, string>;

export function secretKey(owner: string, profileId: string, field: SecretField): string {
  return `${owner}\u0000${profileId}\u0000${field}`;
}

const SECRET_FIELDS: readonly SecretField[] = ["key", "token", "access", "refresh"];

/** Stable text of a JSON value with object keys in their own order (order is meaningful in config). */
function text(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function changedKeys<T extends Record<string, unknown>>(
  incoming: T,
  current: T,
  keys: readonly (keyof T & string)[],
): string[] {
  return keys.filter((key) => text(incoming[key]) !== text(current[key]));
}

const AGENT_FIELDS = [
  "name",
  "workspace",
  "agentDir",
  "model",
  "models",
  "params",
  "extraConfig",
  "declared",
  "isDefault",
] as const;
const PROFILE_FIELDS = [
  "provider",
  "type",
  "expires",
  "email",
  "displayName",
  "copyToAgents",
  "metadata",
] as const;

/**
 * A usage entry as the database can hold it: keys sorted, a zero `errorCount` and empty `failureCounts`
 * dropped (the columns cannot tell them from absent, and OpenClaw reads them alike).
 */
function storableUsage(entry: ProfileRecord["usage"]): string {
  const kept = Object.entries(entry ?? {})
    .filter(
      ([key, value]) =>
        !(key === "errorCount" && value === 0) && !(key === "failureCounts" && text(value) === "{}"),
    )
    .sort(([left], [right]) => (left < right ? -1 : 1));
  return text(Object.fromEntries(kept));
}
const STORE_FIELDS = ["order", "lastGood", "orphanUsageStats", "hasCredentialDocument"] as const;
const GATEWAY_FIELDS = [
  "defaultModel",
  "imageModel",
  "utilityModel",
  "defaultModels",
  "defaultParams",
  "authProfiles",
  "authOrder",
  "extraConfig",
] as const;

/** Fields of an agent row that differ (store excluded: its profiles are planned on their own). */
export function agentChanges(incoming: AgentRecord, current: AgentRecord): string[] {
  return changedKeys(incoming, current, AGENT_FIELDS);
}

/**
 * Fields of a profile that differ; a secret field counts as changed when its fingerprint differs, which
 * `fingerprintOf` computes from the incoming plaintext (the stored value is never read).
 */
export function profileChanges(
  incoming: ProfileRecord,
  current: ProfileRecord,
  fingerprintsOf: {
    incoming: (field: SecretField) => string | undefined;
    current: (field: SecretField) => string | undefined;
  },
): string[] {
  const fields = changedKeys(incoming, current, PROFILE_FIELDS);
  if (storableUsage(incoming.usage) !== storableUsage(current.usage)) fields.push("usage");
  for (const field of SECRET_FIELDS) {
    if (fingerprintsOf.incoming(field) !== fingerprintsOf.current(field)) fields.push(field);
  }
  return fields;
}

export function storeChanges(incoming: StoreRecord, current: StoreRecord): string[] {
  return changedKeys(incoming, current, STORE_FIELDS);
}

type Leaves = Map<string, string>;

function collectLeaves(prefix: string, value: unknown, leaves: Leaves): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) collectLeaves(`${prefix}.${key}`, child, leaves);
  } else {
    leaves.set(prefix, text(value));
  }
}

function modelParamLeaves(prefix: string, models: Record<string, unknown>, leaves: Leaves): void {
  for (const [ref, entry] of Object.entries(models)) {
    const params =
      entry !== null && typeof entry === "object" ? (entry as { params?: unknown }).params : undefined;
    if (params !== undefined)
      collectLeaves(`${prefix}.models[${JSON.stringify(ref)}].params`, params, leaves);
  }
}

/** Every model param (the four layers of facts §3.3) as `path → value text`. */
function paramLeaves(record: GatewayRecord | null): Leaves {
  const leaves: Leaves = new Map();
  if (!record) return leaves;
  collectLeaves("agents.defaults.params", record.config.defaultParams, leaves);
  modelParamLeaves("agents.defaults", record.config.defaultModels, leaves);
  for (const agent of record.agents) {
    collectLeaves(`agents.entries.${agent.agentKey}.params`, agent.params, leaves);
    modelParamLeaves(`agents.entries.${agent.agentKey}`, agent.models, leaves);
  }
  // why: an empty params object collects its own path with `{}`; only real values count as params.
  for (const [path, value] of leaves) if (value === "{}") leaves.delete(path);
  return leaves;
}

function storesOf(record: GatewayRecord | null): Map<string, StoreRecord> {
  const stores = new Map<string, StoreRecord>();
  if (!record) return stores;
  if (record.sharedStore) stores.set("shared", record.sharedStore);
  for (const agent of record.agents) if (agent.store) stores.set(agent.agentKey, agent.store);
  return stores;
}

function emptyCounts(): ImportCounts {
  return { create: 0, update: 0, remove: 0, unchanged: 0 };
}

/**
 * The plan to turn `current` (null for a new gateway) into `incoming`. `incomingFingerprint` keys the
 * incoming plaintext secrets the same way the stored fingerprints were keyed.
 */
export function* buildImportPlan(input: {
  incoming: GatewayRecord;
  current: GatewayRecord | null;
  currentFingerprints: SecretFingerprints;
  incomingFingerprint: (plaintext: string) => string;
}): ChunkedWork<ImportPlan> {
  const { incoming, current } = input;
  const changes: ImportChange[] = [];
  const agents = emptyCounts();
  const profiles = emptyCounts();

  const gatewayFields = current
    ? [
        ...changedKeys(incoming.config, current.config, GATEWAY_FIELDS),
        ...(text(incoming.legacyFiles) === text(current.legacyFiles) ? [] : ["legacyFiles"]),
        ...(incoming.sharedStoreLocation === current.sharedStoreLocation ? [] : ["sharedStoreLocation"]),
      ]
    : [...GATEWAY_FIELDS];
  if (gatewayFields.length > 0)
    changes.push({
      kind: current ? "update" : "create",
      entity: "gateway",
      id: "gateway",
      fields: gatewayFields,
    });

  const currentAgents = new Map((current?.agents ?? []).map((agent) => [agent.agentKey, agent]));
  for (const [index, agent] of incoming.agents.entries()) {
    if (isMarkDue(index)) yield { phase: "planning agents", done: index, total: incoming.agents.length };
    const before = currentAgents.get(agent.agentKey);
    if (!before) {
      agents.create += 1;
      changes.push({ kind: "create", entity: "agent", id: agent.agentKey });
      continue;
    }
    const fields = agentChanges(agent, before);
    if (fields.length === 0) agents.unchanged += 1;
    else {
      agents.update += 1;
      changes.push({ kind: "update", entity: "agent", id: agent.agentKey, fields });
    }
  }
  const incomingKeys = new Set(incoming.agents.map((agent) => agent.agentKey));
  for (const agent of current?.agents ?? []) {
    if (incomingKeys.has(agent.agentKey)) continue;
    agents.remove += 1;
    changes.push({ kind: "remove", entity: "agent", id: agent.agentKey });
  }

  const currentStores = storesOf(current);
  const incomingStores = storesOf(incoming);
  let storeIndex = 0;
  for (const [owner, store] of incomingStores) {
    if (isMarkDue(storeIndex++))
      yield { phase: "planning profiles", done: storeIndex, total: incomingStores.size };
    const before = currentStores.get(owner);
    const beforeProfiles = new Map((before?.profiles ?? []).map((profile) => [profile.profileId, profile]));
    for (const profile of store.profiles) {
      const id = `${owner}/${profile.profileId}`;
      const existing = beforeProfiles.get(profile.profileId);
      if (!existing) {
        profiles.create += 1;
        changes.push({ kind: "create", entity: "profile", id });
        continue;
      }
      const fields = profileChanges(profile, existing, {
        incoming: (field) => {
          const value = profile.secrets[field];
          return value === undefined ? undefined : input.incomingFingerprint(value);
        },
        current: (field) => input.currentFingerprints.get(secretKey(owner, profile.profileId, field)),
      });
      if (fields.length === 0) profiles.unchanged += 1;
      else {
        profiles.update += 1;
        changes.push({ kind: "update", entity: "profile", id, fields });
      }
    }
    const incomingIds = new Set(store.profiles.map((profile) => profile.profileId));
    for (const profileId of beforeProfiles.keys()) {
      if (incomingIds.has(profileId)) continue;
      profiles.remove += 1;
      changes.push({ kind: "remove", entity: "profile", id: `${owner}/${profileId}` });
    }
  }
  for (const [owner, store] of currentStores) {
    if (incomingStores.has(owner)) continue;
    for (const profile of store.profiles) {
      profiles.remove += 1;
      changes.push({ kind: "remove", entity: "profile", id: `${owner}/${profile.profileId}` });
    }
  }

  const params = { create: 0, update: 0, remove: 0 };
  const beforeParams = paramLeaves(current);
  const afterParams = paramLeaves(incoming);
  for (const [path, value] of afterParams) {
    const previous = beforeParams.get(path);
    if (previous === value) continue;
    const kind = previous === undefined ? "create" : "update";
    params[kind] += 1;
    changes.push({ kind, entity: "param", id: path });
  }
  for (const path of beforeParams.keys()) {
    if (afterParams.has(path)) continue;
    params.remove += 1;
    changes.push({ kind: "remove", entity: "param", id: path });
  }

  const profileCount = [...incomingStores.values()].reduce((sum, store) => sum + store.profiles.length, 0);
  return {
    summary: { agents, profiles, params, gatewaySettingsChanged: gatewayFields.length > 0 },
    changes,
    totalSteps: 1 + incoming.agents.length + profileCount,
  };
}

/** Changes (or agents) per piece of the canonical text. */
const CANONICAL_PIECE_ITEMS = 1_000;

/**
 * Writes the text a plan hash is computed over, piece by piece (the hash is fed as it goes, so the text of
 * a 100,000-agent import is never held whole): the target, the plan's changes and the incoming state,
 * secrets as fingerprints only, one agent per line. Equal inputs over equal database state give equal text.
 */
export function* writeCanonicalPlanText(
  input: {
    target: unknown;
    plan: ImportPlan;
    incoming: GatewayRecord;
    incomingFingerprint: (plaintext: string) => string;
  },
  write: (piece: string) => void,
): ChunkedWork<void> {
  const fingerprinted = (store: StoreRecord | null) =>
    store && {
      ...store,
      profiles: store.profiles.map((profile) => ({
        ...profile,
        secrets: Object.fromEntries(
          Object.entries(profile.secrets).map(([field, value]) => [field, input.incomingFingerprint(value)]),
        ),
      })),
    };
  const { agents, sharedStore, ...gateway } = input.incoming;
  write(`target ${JSON.stringify(input.target)}\n`);
  const { changes } = input.plan;
  for (let start = 0; start < changes.length; start += CANONICAL_PIECE_ITEMS) {
    write(`changes ${JSON.stringify(changes.slice(start, start + CANONICAL_PIECE_ITEMS))}\n`);
    yield { phase: "hashing the plan", done: start, total: changes.length + agents.length };
  }
  write(`gateway ${JSON.stringify({ ...gateway, sharedStore: fingerprinted(sharedStore) })}\n`);
  for (const [index, agent] of agents.entries()) {
    write(`agent ${JSON.stringify({ ...agent, store: fingerprinted(agent.store) })}\n`);
    if (isMarkDue(index))
      yield {
        phase: "hashing the plan",
        done: changes.length + index + 1,
        total: changes.length + agents.length,
      };
  }
}
