import { type ChunkedWork, isMarkDue } from "../chunked-work/chunked-work";
import type { DocumentIssue } from "../document-parsing/document-issue";
import { prepareModelsStatus } from "../models-status/build-models-status";
import type { OpenClawState } from "../models-status/openclaw-state";
import type { GatewayRecord, StoreRecord } from "./gateway-record";

/**
 * Things an import accepts but an admin should know before confirming. Messages name the profile, agent
 * or provider, never a secret (a setup-token in the wrong place is named by its prefix only).
 */

const SETUP_TOKEN_PREFIX = "sk-ant-oat01-";

function ownerLabel(owner: string): string {
  return owner === "shared" ? "the shared store" : `agent ${owner}'s store`;
}

function storesOf(record: GatewayRecord): [string, StoreRecord][] {
  const stores: [string, StoreRecord][] = record.sharedStore ? [["shared", record.sharedStore]] : [];
  for (const agent of record.agents) if (agent.store) stores.push([agent.agentKey, agent.store]);
  return stores;
}

function setupTokenInApiKeyProfiles(record: GatewayRecord, warnings: DocumentIssue[]): void {
  for (const [owner, store] of storesOf(record)) {
    for (const profile of store.profiles) {
      if (profile.type === "api_key" && profile.secrets.key?.startsWith(SETUP_TOKEN_PREFIX)) {
        warnings.push({
          file: ownerLabel(owner),
          path: `profiles.${profile.profileId}.key`,
          message: `profile ${profile.profileId} is an api_key profile but holds a Claude setup-token (${SETUP_TOKEN_PREFIX}…); OpenClaw sends it as an API key and Anthropic refuses it. Re-add it as a token profile.`,
        });
      }
    }
  }
}

function orderNamingMissingProfiles(record: GatewayRecord, warnings: DocumentIssue[]): void {
  const sharedIds = new Set(record.sharedStore?.profiles.map((profile) => profile.profileId) ?? []);
  const everyId = new Set(sharedIds);
  for (const agent of record.agents)
    for (const profile of agent.store?.profiles ?? []) everyId.add(profile.profileId);
  for (const [provider, ids] of Object.entries(record.config.authOrder)) {
    for (const profileId of Array.isArray(ids) ? ids : []) {
      if (typeof profileId === "string" && !everyId.has(profileId)) {
        warnings.push({
          file: "openclaw.json",
          path: `auth.order.${provider}`,
          message: `auth.order for ${provider} names ${profileId}, which no store holds; OpenClaw skips it.`,
        });
      }
    }
  }
  for (const [owner, store] of storesOf(record)) {
    const visible = new Set([...sharedIds, ...store.profiles.map((profile) => profile.profileId)]);
    for (const [provider, ids] of Object.entries(store.order)) {
      for (const profileId of ids) {
        if (!visible.has(profileId)) {
          warnings.push({
            file: ownerLabel(owner),
            path: `order.${provider}`,
            message: `the stored order for ${provider} names ${profileId}, which this store cannot reach; OpenClaw skips it.`,
          });
        }
      }
    }
  }
}

function sharedOAuthIdentities(record: GatewayRecord, warnings: DocumentIssue[]): void {
  const owners = new Map<string, Set<string>>();
  for (const agent of record.agents) {
    for (const profile of agent.store?.profiles ?? []) {
      if (profile.type !== "oauth") continue;
      const accountId = typeof profile.metadata.accountId === "string" ? profile.metadata.accountId : null;
      for (const identity of [
        profile.email && `${profile.provider} email ${profile.email}`,
        accountId && `${profile.provider} account ${accountId}`,
      ]) {
        if (!identity) continue;
        const set = owners.get(identity) ?? new Set<string>();
        set.add(agent.agentKey);
        owners.set(identity, set);
      }
    }
  }
  for (const [identity, agents] of owners) {
    if (agents.size < 2) continue;
    warnings.push({
      file: "agents",
      path: "",
      message: `one OAuth identity (${identity}) is signed in separately in ${agents.size} agents' stores (${[...agents].sort().join(", ")}); each refresh rotates the token and logs the others out. Keep it in the shared store instead.`,
    });
  }
}

function* providersWithoutCredential(
  state: OpenClawState,
  record: GatewayRecord,
  warnings: DocumentIssue[],
): ChunkedWork<void> {
  const missing = new Map<string, string[]>();
  const statuses = prepareModelsStatus(state, { stateDir: "/state", home: "/home", env: {} });
  for (const [index, agent] of record.agents.entries()) {
    const outcome = statuses.statusOf(agent.agentKey, 0);
    if (outcome.ok) {
      for (const provider of outcome.status.auth.missingProvidersInUse) {
        const agents = missing.get(provider) ?? [];
        agents.push(agent.agentKey);
        missing.set(provider, agents);
      }
    }
    if (isMarkDue(index)) yield { phase: "checking providers", done: index + 1, total: record.agents.length };
  }
  for (const [provider, agents] of missing) {
    warnings.push({
      file: "openclaw.json",
      path: "agents",
      message: `provider ${provider} is used by ${agents.length === 1 ? `agent ${agents[0] ?? ""}` : `${agents.length} agents (${agents.slice(0, 5).join(", ")}${agents.length > 5 ? ", …" : ""})`} but has no credential; add a profile or the host's environment variable.`,
    });
  }
}

function legacyFilesLeftBehind(record: GatewayRecord, warnings: DocumentIssue[]): void {
  for (const file of record.legacyFiles) {
    warnings.push({
      file: `legacy-files/${file.path}`,
      path: "",
      message: `unmigrated JSON-era credential file (${file.providers.join(", ") || "no providers"}) is recorded but its credentials are not imported; OpenClaw 2026.9 refuses to run until \`openclaw doctor --fix\` migrates it.`,
    });
  }
}

/** Every warning for an incoming state, in a stable order. */
export function* findImportWarnings(
  state: OpenClawState,
  record: GatewayRecord,
): ChunkedWork<DocumentIssue[]> {
  const warnings: DocumentIssue[] = [];
  setupTokenInApiKeyProfiles(record, warnings);
  orderNamingMissingProfiles(record, warnings);
  yield* providersWithoutCredential(state, record, warnings);
  sharedOAuthIdentities(record, warnings);
  legacyFilesLeftBehind(record, warnings);
  return warnings;
}
