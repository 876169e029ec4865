import type {
  AuthProfileCredential,
  AuthProfileType,
  AuthRuntimeState,
  AuthStoreDocuments,
  UsageStatsEntry,
} from "../auth-profiles/auth-store.schema";
import { AUTH_STORE_VERSION } from "../auth-profiles/auth-store.schema";
import { isValidExpires } from "../auth-profiles/profile-eligibility";
import { type ChunkedWork, finishNow, isMarkDue } from "../chunked-work/chunked-work";
import type { SecretField } from "../fleet/auth-profile";
import type { LegacyCredentialFile, OpenClawState } from "../models-status/openclaw-state";
import { readAgentRoster, selectAgent } from "../openclaw-config/agent-roster";
import type { AgentEntry, ModelSelection, OpenClawConfig } from "../openclaw-config/openclaw-config.schema";

/**
 * An OpenClaw state cut into the pieces the console stores (gateway columns, agent rows, credential stores,
 * profiles and their secrets), and put back together. `splitOpenClawState` and `joinGatewayRecord` are
 * inverses for everything `models status` reads, so a state imported and loaded again computes the same
 * status. Pure: the db layer maps these records to and from rows.
 */

type JsonRecord = Record<string, unknown>;

/** Config fields that have their own gateway columns (`agents.defaults.*`, `auth.*`). */
export type GatewayConfigRecord = {
  defaultModel: ModelSelection | null;
  imageModel: unknown;
  utilityModel: string | null;
  defaultModels: JsonRecord;
  defaultParams: JsonRecord;
  authProfiles: JsonRecord;
  authOrder: JsonRecord;
  /** The rest of `openclaw.json`, unmodelled settings included (`agents.ownership`, `models.providers`…). */
  extraConfig: JsonRecord;
};

export type ProfileRecord = {
  profileId: string;
  provider: string;
  type: AuthProfileType;
  /** Valid epoch-ms expiry; an invalid one (OpenClaw reports `invalid_expires`) sits in `metadata.expires`. */
  expires: number | null;
  email: string | null;
  displayName: string | null;
  copyToAgents: boolean | null;
  /** Non-secret extras: `keyRef`, `tokenRef`, `accountId`, `clientId`, `setup`, api-key `metadata`… */
  metadata: JsonRecord;
  /** `usageStats[profileId]` of the profile's own store, or null when it has none. */
  usage: UsageStatsEntry | null;
  /**
   * Secret fields. Plaintext when the record comes from uploaded files; OpenClaw's mask when it comes from
   * the database (a mask is a fixed point of `maskSecret`, so labels computed from it are exact).
   */
  secrets: Partial<Record<SecretField, string>>;
};

export type StoreRecord = {
  order: Record<string, string[]>;
  lastGood: Record<string, string>;
  /** `usageStats` entries for ids that are not profiles of this store. */
  orphanUsageStats: Record<string, UsageStatsEntry>;
  /** False when only the runtime-state document exists. */
  hasCredentialDocument: boolean;
  profiles: ProfileRecord[];
};

export type AgentRecord = {
  agentKey: string;
  name: string;
  workspace: string | null;
  agentDir: string | null;
  model: ModelSelection | null;
  models: JsonRecord;
  params: JsonRecord;
  extraConfig: JsonRecord;
  /** False for the implicit `main` agent of a config that declares none. */
  declared: boolean;
  /** The agent `models status` inspects without `--agent`. */
  isDefault: boolean;
  store: StoreRecord | null;
};

export type GatewayRecord = {
  config: GatewayConfigRecord;
  legacyFiles: LegacyCredentialFile[];
  sharedStoreLocation: "state-db" | "legacy-main" | null;
  sharedStore: StoreRecord | null;
  /** In config order. */
  agents: AgentRecord[];
};

const SECRET_KEYS: readonly SecretField[] = ["key", "token", "access", "refresh"];
/** Credential keys with their own columns, or dropped (`idToken` is an identity token: never stored). */
const PROFILE_COLUMN_KEYS = new Set([
  "type",
  "provider",
  "expires",
  "email",
  "displayName",
  "copyToAgents",
  "idToken",
  "apiKey",
  "mode",
]);

function isRecord(value: unknown): value is JsonRecord {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function without(record: JsonRecord, keys: readonly string[]): JsonRecord {
  const rest: JsonRecord = {};
  for (const [key, value] of Object.entries(record)) if (!keys.includes(key)) rest[key] = value;
  return rest;
}

function isEmptyRecord(value: unknown): boolean {
  return !isRecord(value) || Object.keys(value).length === 0;
}

// ─── split ───────────────────────────────────────────────────────────────────────────────────────

function splitProfile(
  profileId: string,
  credential: AuthProfileCredential,
  usage: UsageStatsEntry | undefined,
): ProfileRecord {
  const raw = credential as JsonRecord;
  const secrets: Partial<Record<SecretField, string>> = {};
  for (const field of SECRET_KEYS) {
    if (typeof raw[field] === "string") secrets[field] = raw[field];
  }
  const metadata: JsonRecord = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!PROFILE_COLUMN_KEYS.has(key) && !SECRET_KEYS.includes(key as SecretField) && value !== undefined)
      metadata[key] = value;
  }
  let expires: number | null = null;
  const rawExpires = "expires" in credential ? credential.expires : undefined;
  if (typeof rawExpires === "number") {
    if (isValidExpires(rawExpires) && Number.isInteger(rawExpires)) expires = rawExpires;
    else metadata.expires = Number.isNaN(rawExpires) ? "invalid" : rawExpires;
  }
  return {
    profileId,
    provider: credential.provider,
    type: credential.type,
    expires,
    email: credential.email ?? null,
    displayName: credential.displayName ?? null,
    copyToAgents: credential.copyToAgents ?? null,
    metadata,
    usage: usage ?? null,
    secrets,
  };
}

function splitStore(documents: AuthStoreDocuments): StoreRecord {
  const usageStats = documents.runtime?.usageStats ?? {};
  const profileIds = new Set(Object.keys(documents.credentials?.profiles ?? {}));
  const orphanUsageStats: Record<string, UsageStatsEntry> = {};
  for (const [profileId, entry] of Object.entries(usageStats))
    if (!profileIds.has(profileId)) orphanUsageStats[profileId] = entry;
  return {
    order: documents.runtime?.order ?? {},
    lastGood: documents.runtime?.lastGood ?? {},
    orphanUsageStats,
    hasCredentialDocument: documents.credentials !== null,
    profiles: Object.entries(documents.credentials?.profiles ?? {}).map(([profileId, credential]) =>
      splitProfile(profileId, credential, usageStats[profileId]),
    ),
  };
}

const AGENT_COLUMN_KEYS = ["name", "workspace", "agentDir", "model", "models", "params"] as const;
const DEFAULTS_COLUMN_KEYS = ["model", "imageModel", "utilityModel", "models", "params"] as const;

function splitAgent(
  agentKey: string,
  entry: AgentEntry,
  state: OpenClawState,
  defaultAgentId: string | null,
): AgentRecord {
  const store = state.agentStores[agentKey];
  return {
    agentKey,
    name: entry.name ?? agentKey,
    workspace: entry.workspace ?? null,
    agentDir: entry.agentDir ?? null,
    model: entry.model ?? null,
    models: entry.models ?? {},
    params: entry.params ?? {},
    extraConfig: without(entry, AGENT_COLUMN_KEYS),
    declared: true,
    isDefault: agentKey === defaultAgentId,
    store: store ? splitStore(store) : null,
  };
}

function splitConfig(config: OpenClawConfig): GatewayConfigRecord {
  const agents = isRecord(config.agents) ? config.agents : {};
  const defaults: JsonRecord = isRecord(agents.defaults) ? agents.defaults : {};
  const restDefaults = without(defaults, DEFAULTS_COLUMN_KEYS);
  const restAgents = without(agents, ["defaults", "entries", "list"]);
  if ("defaults" in agents) restAgents.defaults = restDefaults;
  const extraConfig = without(config, ["auth"]);
  if ("agents" in config) extraConfig.agents = restAgents;
  const auth: JsonRecord = isRecord(config.auth) ? config.auth : {};
  return {
    defaultModel: (defaults.model as ModelSelection | undefined) ?? null,
    imageModel: defaults.imageModel ?? null,
    utilityModel: (defaults.utilityModel as string | undefined) ?? null,
    defaultModels: isRecord(defaults.models) ? defaults.models : {},
    defaultParams: isRecord(defaults.params) ? defaults.params : {},
    authProfiles: isRecord(auth.profiles) ? auth.profiles : {},
    authOrder: isRecord(auth.order) ? auth.order : {},
    extraConfig,
  };
}

/**
 * Cuts a parsed state into console records. A config that declares no agent runs the implicit `main`
 * agent; it gets a record (so the console can show it) marked `declared: false`.
 */
export function splitOpenClawState(state: OpenClawState): GatewayRecord {
  return finishNow(splitOpenClawStateInChunks(state));
}

/** {@link splitOpenClawState} with a progress mark every thousand agents. */
export function* splitOpenClawStateInChunks(state: OpenClawState): ChunkedWork<GatewayRecord> {
  const roster = readAgentRoster(state.config);
  const selection = selectAgent(state.config, undefined);
  const defaultAgentId = selection.ok ? selection.agentId : null;
  const agents: AgentRecord[] = [];
  for (const [index, agentKey] of roster.ids.entries()) {
    agents.push(splitAgent(agentKey, roster.entries.get(agentKey) ?? {}, state, defaultAgentId));
    if (isMarkDue(index)) yield { phase: "reading agents", done: index + 1, total: roster.ids.length };
  }
  if (agents.length === 0) {
    const implicit = splitAgent("main", {}, state, defaultAgentId);
    agents.push({ ...implicit, declared: false });
  }
  return {
    config: splitConfig(state.config),
    legacyFiles: [...(state.legacyFiles ?? [])],
    sharedStoreLocation: state.sharedStoreLocation ?? null,
    sharedStore: state.sharedStore ? splitStore(state.sharedStore) : null,
    agents,
  };
}

// ─── join ────────────────────────────────────────────────────────────────────────────────────────

function joinProfile(profile: ProfileRecord): AuthProfileCredential {
  const { expires: invalidExpires, ...metadata } = profile.metadata;
  const credential: JsonRecord = { type: profile.type, provider: profile.provider };
  for (const field of SECRET_KEYS) {
    const value = profile.secrets[field];
    // why: OpenClaw masks an empty secret as `missing`, which no real secret masks to (7 chars → `mi...ng`).
    if (value !== undefined) credential[field] = value === "missing" ? "" : value;
  }
  if (profile.expires !== null) credential.expires = profile.expires;
  else if (invalidExpires !== undefined)
    credential.expires = typeof invalidExpires === "number" ? invalidExpires : Number.NaN;
  if (profile.email !== null) credential.email = profile.email;
  if (profile.displayName !== null) credential.displayName = profile.displayName;
  if (profile.copyToAgents !== null) credential.copyToAgents = profile.copyToAgents;
  return { ...metadata, ...credential } as AuthProfileCredential;
}

function joinStore(store: StoreRecord): AuthStoreDocuments {
  const usageStats: Record<string, UsageStatsEntry> = {};
  const profiles: Record<string, AuthProfileCredential> = {};
  for (const profile of store.profiles) {
    profiles[profile.profileId] = joinProfile(profile);
    if (profile.usage) usageStats[profile.profileId] = profile.usage;
  }
  Object.assign(usageStats, store.orphanUsageStats);
  const runtime: AuthRuntimeState = { version: AUTH_STORE_VERSION };
  if (!isEmptyRecord(store.order)) runtime.order = store.order;
  if (!isEmptyRecord(store.lastGood)) runtime.lastGood = store.lastGood;
  if (!isEmptyRecord(usageStats)) runtime.usageStats = usageStats;
  return {
    credentials: store.hasCredentialDocument ? { version: AUTH_STORE_VERSION, profiles } : null,
    runtime,
  };
}

/** `agents.entries.<key>` of one agent record. */
export function agentEntryOf(agent: AgentRecord): AgentEntry {
  const entry: JsonRecord = { name: agent.name };
  if (agent.workspace !== null) entry.workspace = agent.workspace;
  if (agent.agentDir !== null) entry.agentDir = agent.agentDir;
  if (agent.model !== null) entry.model = agent.model;
  if (!isEmptyRecord(agent.models)) entry.models = agent.models;
  if (!isEmptyRecord(agent.params)) entry.params = agent.params;
  return { ...entry, ...agent.extraConfig };
}

/** The `openclaw.json` a gateway record stands for. */
export function joinConfig(config: GatewayConfigRecord, agents: readonly AgentRecord[]): OpenClawConfig {
  const result: JsonRecord = { ...config.extraConfig };
  const agentsSection: JsonRecord = isRecord(result.agents) ? { ...result.agents } : {};
  const defaults: JsonRecord = isRecord(agentsSection.defaults) ? { ...agentsSection.defaults } : {};
  if (config.defaultModel !== null) defaults.model = config.defaultModel;
  if (config.imageModel !== null) defaults.imageModel = config.imageModel;
  if (config.utilityModel !== null) defaults.utilityModel = config.utilityModel;
  if (!isEmptyRecord(config.defaultModels)) defaults.models = config.defaultModels;
  if (!isEmptyRecord(config.defaultParams)) defaults.params = config.defaultParams;
  if (Object.keys(defaults).length > 0) agentsSection.defaults = defaults;
  const declared = agents.filter((agent) => agent.declared);
  if (declared.length > 0)
    agentsSection.entries = Object.fromEntries(
      declared.map((agent) => [agent.agentKey, agentEntryOf(agent)]),
    );
  if (Object.keys(agentsSection).length > 0) result.agents = agentsSection;
  const auth: JsonRecord = {};
  if (!isEmptyRecord(config.authProfiles)) auth.profiles = config.authProfiles;
  if (!isEmptyRecord(config.authOrder)) auth.order = config.authOrder;
  if (Object.keys(auth).length > 0) result.auth = auth;
  return result;
}

/** Puts a gateway record back together as the state `models status` reads. */
export function joinGatewayRecord(record: GatewayRecord): OpenClawState {
  const agentStores: Record<string, AuthStoreDocuments> = {};
  for (const agent of record.agents) if (agent.store) agentStores[agent.agentKey] = joinStore(agent.store);
  return {
    config: joinConfig(record.config, record.agents),
    sharedStore: record.sharedStore ? joinStore(record.sharedStore) : null,
    agentStores,
    ...(record.sharedStoreLocation ? { sharedStoreLocation: record.sharedStoreLocation } : {}),
    ...(record.legacyFiles.length > 0 ? { legacyFiles: record.legacyFiles } : {}),
  };
}
