import { AUTH_PROFILE_TYPES, AUTH_STORE_VERSION } from "../auth-profiles/auth-store.schema";
import { type ChunkedWork, isMarkDue } from "../chunked-work/chunked-work";
import { type DocumentIssue, issueAt } from "../document-parsing/document-issue";
import { AGENT_ID_PATTERN, type OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { profileIdProblem, providerIdProblem } from "../auth-profiles/openclaw-ids";
import type { StateFile, StoreFileSet } from "./state-files";

/**
 * What an import refuses beyond what OpenClaw itself tolerates on load: OpenClaw drops a profile of an
 * unknown type with a warning, but an import that silently lost a credential would surprise an admin, so
 * it is an error here; so are document versions other than 1 and ids that appear twice.
 */

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The `{file, text}` source shape issue locators take. */
function sourceOf(file: StateFile): { file: string; text: string } {
  return { file: file.path, text: file.text };
}

function checkVersion(
  document: JsonRecord,
  file: StateFile,
  required: boolean,
  issues: DocumentIssue[],
): void {
  if (!required && document.version === undefined) return;
  const source = sourceOf(file);
  if (document.version !== AUTH_STORE_VERSION) {
    issues.push(
      issueAt(
        source,
        ["version"],
        `unsupported document version ${JSON.stringify(document.version ?? null)}: only version ${AUTH_STORE_VERSION} is supported`,
      ),
    );
  }
}

function checkProfilesDocument(file: StateFile, document: unknown, issues: DocumentIssue[]): void {
  if (!isRecord(document)) return;
  checkVersion(document, file, true, issues);
  const source = sourceOf(file);
  const profiles = isRecord(document.profiles) ? document.profiles : {};
  const normalizedIds = new Map<string, string>();
  for (const [profileId, raw] of Object.entries(profiles)) {
    const entry = isRecord(raw) ? raw : {};
    const type = entry.type ?? entry.mode;
    if (!AUTH_PROFILE_TYPES.includes(type as never)) {
      issues.push(
        issueAt(
          source,
          ["profiles", profileId, "type"],
          `unknown profile type ${JSON.stringify(type ?? null)} (expected ${AUTH_PROFILE_TYPES.join(", ")})`,
        ),
      );
    }
    if (typeof entry.provider !== "string" || entry.provider.trim() === "") {
      issues.push(issueAt(source, ["profiles", profileId, "provider"], "profile has no provider"));
    } else {
      const providerProblem = providerIdProblem(entry.provider.trim().toLowerCase());
      if (providerProblem) issues.push(issueAt(source, ["profiles", profileId, "provider"], providerProblem));
    }
    const idProblem = profileIdProblem(profileId);
    if (idProblem) issues.push(issueAt(source, ["profiles", profileId], idProblem));
    const normalized = profileId.toLowerCase();
    const earlier = normalizedIds.get(normalized);
    if (earlier !== undefined)
      issues.push(
        issueAt(
          source,
          ["profiles", profileId],
          `duplicate profile id: "${profileId}" and "${earlier}" name the same profile`,
        ),
      );
    normalizedIds.set(normalized, profileId);
  }
}

function checkConfig(file: StateFile, config: OpenClawConfig, issues: DocumentIssue[]): void {
  const source = sourceOf(file);
  const seen = new Set(Object.keys(config.agents?.entries ?? {}));
  (config.agents?.list ?? []).forEach(({ id }, index) => {
    if (seen.has(id))
      issues.push(issueAt(source, ["agents", "list", index, "id"], `duplicate agent id "${id}"`));
    seen.add(id);
  });
}

/** Stores whose agent is not in the config cannot be attached to an agent: refuse rather than drop them. */
function checkStoreOwners(
  storeFiles: readonly StoreFileSet[],
  agentIds: ReadonlySet<string>,
  issues: DocumentIssue[],
): void {
  for (const set of storeFiles) {
    if (set.owner === "shared") continue;
    const file = set.profilesPath ?? set.statePath ?? `agents/${set.owner}`;
    if (!AGENT_ID_PATTERN.test(set.owner)) {
      issues.push({
        file,
        path: "",
        message: `agent folder "${set.owner}" is not a valid agent id (^[a-z0-9_][a-z0-9_-]{0,63}$)`,
      });
    } else if (!agentIds.has(set.owner)) {
      issues.push({
        file,
        path: "",
        message: `agent "${set.owner}" has a credential store but is not configured in openclaw.json (agents.entries)`,
      });
    }
  }
}

/** Same agent folder in both layouts (`agents/<id>/…` and `agents/<id>/agent/…`): which one is meant? */
function checkLayoutClash(files: readonly StateFile[], issues: DocumentIssue[]): void {
  const fixture = new Set<string>();
  const jsonEra = new Set<string>();
  for (const file of files) {
    const match = /^agents\/([^/]+)\/(agent\/)?auth-(profiles|state)\.json$/u.exec(file.path);
    if (!match?.[1]) continue;
    (match[2] ? jsonEra : fixture).add(match[1]);
  }
  for (const agentId of fixture) {
    if (jsonEra.has(agentId)) {
      issues.push({
        file: `agents/${agentId}`,
        path: "",
        message: `duplicate store for agent "${agentId}": both agents/${agentId}/auth-profiles.json and agents/${agentId}/agent/auth-profiles.json layouts are present; keep one`,
      });
    }
  }
}

/** What the checks read: the files, the validated config and the store documents as the reader parsed them. */
/**
 * A runtime-state document's usage rows may be keyed by ids no store holds (OpenClaw loads and then ignores
 * them, so `models status` reads them leniently), but an import keeps such rows: an id that breaks
 * OpenClaw's profile-id rule is refused here, so it never reaches the database or a rendered command.
 */
function checkStateDocument(file: StateFile, document: JsonRecord, issues: DocumentIssue[]): void {
  checkVersion(document, file, false, issues);
  if (!isRecord(document.usageStats)) return;
  const source = sourceOf(file);
  for (const profileId of Object.keys(document.usageStats)) {
    const idProblem = profileIdProblem(profileId);
    if (idProblem) issues.push(issueAt(source, ["usageStats", profileId], idProblem));
  }
}

export type ImportDocuments = {
  files: readonly StateFile[];
  config: OpenClawConfig;
  storeFiles: readonly StoreFileSet[];
  storeDocuments: ReadonlyMap<string, unknown>;
};

/** Every refusal an import adds to parsing; empty when the files may be imported. */
export function* checkImportDocuments(
  { files, config, storeFiles, storeDocuments }: ImportDocuments,
  configuredAgentIds: ReadonlySet<string>,
): ChunkedWork<DocumentIssue[]> {
  const issues: DocumentIssue[] = [];
  const byPath = new Map(files.map((file) => [file.path, file]));
  const configFile = byPath.get("openclaw.json");
  if (configFile) checkConfig(configFile, config, issues);
  for (const [index, set] of storeFiles.entries()) {
    const profiles = set.profilesPath === null ? undefined : byPath.get(set.profilesPath);
    if (profiles) checkProfilesDocument(profiles, storeDocuments.get(profiles.path), issues);
    const state = set.statePath === null ? undefined : byPath.get(set.statePath);
    const stateDocument = state ? storeDocuments.get(state.path) : null;
    if (state && isRecord(stateDocument)) checkStateDocument(state, stateDocument, issues);
    if (isMarkDue(index))
      yield { phase: "checking credential stores", done: index + 1, total: storeFiles.length };
  }
  checkStoreOwners(storeFiles, configuredAgentIds, issues);
  checkLayoutClash(files, issues);
  return issues;
}
