import type { AuthRuntimeState, AuthStoreDocuments } from "../auth-profiles/auth-store.schema";
import {
  parseAuthProfilesFile,
  readAuthProfilesDocument,
  readAuthRuntimeStateDocument,
} from "../auth-profiles/parse-auth-store";
import { type ChunkedWork, finishNow, isMarkDue } from "../chunked-work/chunked-work";
import type { DocumentIssue } from "../document-parsing/document-issue";
import { parseDocumentText } from "../document-parsing/parse-document";
import type { LegacyCredentialFile, OpenClawState } from "../models-status/openclaw-state";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import {
  findConfigRuleIssues,
  findRawConfigRuleIssues,
  validateOpenClawConfig,
} from "../openclaw-config/parse-openclaw-config";

/**
 * Reads an OpenClaw state given as files (`{path, text}`, paths relative to the state folder, `/`-separated)
 * into core's `OpenClawState`. Two layouts are understood:
 * - a parity-fixture `rendered-input/` folder: `openclaw.json`, `shared-auth-profiles.json`,
 *   `shared-auth-state.json`, `agents/<id>/auth-profiles.json` + `auth-state.json`, and `legacy-files/…`
 *   (unmigrated JSON-era files, copied as they sat under the state dir);
 * - a JSON-era state dir (≤ 2026.6): `openclaw.json` and `agents/<id>/agent/auth-profiles.json`
 *   (+ `auth-state.json`, or the state folded into `auth-profiles.json` as 2026.3 wrote it). It is read as
 *   2026.9 would after `openclaw doctor --fix`: the default agent's store becomes the shared store, other
 *   agents keep their own.
 * Pure: the CLI reads a folder and the web server unpacks an upload, and both hand the files here.
 */

export type StateFile = { path: string; text: string };

export type StateFilesResult =
  | {
      ok: true;
      state: OpenClawState;
      /** Problems OpenClaw tolerates (a dropped profile entry), and config rule issues when not strict. */
      warnings: DocumentIssue[];
      /** Files that are no part of either layout. */
      ignoredPaths: string[];
      /** Which files each store was read from, for the importer's own checks. */
      storeFiles: StoreFileSet[];
      /** Every store document as parsed (by path), so the importer's checks need not parse it again. */
      storeDocuments: ReadonlyMap<string, unknown>;
    }
  | { ok: false; kind: "config" | "store"; issues: DocumentIssue[] };

/** `owner` is `shared` or an agent id; paths are those of the files the store came from. */
export type StoreFileSet = { owner: string; profilesPath: string | null; statePath: string | null };

export type ReadStateFilesOptions = {
  /**
   * When true (the `--from` mode, like OpenClaw itself), a config that breaks a load-time rule (the
   * multi-agent ownership rule) is refused. An import keeps such a config, so the console reproduces the
   * refusal the host prints, and reports the rule as a warning.
   */
  strictConfigRules: boolean;
};

const LEGACY_CREDENTIAL_FILE = /(^|\/)(auth-profiles\.json|auth\.json|oauth\.json)$/u;
const AGENT_FILE = /^agents\/([^/]+)\/(agent\/)?(auth-profiles\.json|auth-state\.json)$/u;
const ROOT_FILES = new Set(["openclaw.json", "shared-auth-profiles.json", "shared-auth-state.json"]);

type Failure = { ok: false; kind: "config" | "store"; issues: DocumentIssue[] };

function* readConfig(
  text: string,
  strict: boolean,
  warnings: DocumentIssue[],
): ChunkedWork<{ ok: true; value: OpenClawConfig } | Failure> {
  const file = "openclaw.json";
  const parsed = parseDocumentText(text, file);
  if (!parsed.ok) return { ok: false, kind: "config", issues: parsed.issues };
  const validated = yield* validateOpenClawConfig(parsed.value, { file, text });
  if (!validated.ok) {
    const ruleIssues = strict ? findRawConfigRuleIssues(parsed.value, { file }) : [];
    return { ok: false, kind: "config", issues: [...ruleIssues, ...validated.issues] };
  }
  const ruleIssues = findConfigRuleIssues(validated.value, { file });
  if (ruleIssues.length > 0 && strict) return { ok: false, kind: "config", issues: ruleIssues };
  warnings.push(...ruleIssues);
  return { ok: true, value: validated.value };
}

/** A separate `auth-state.json` wins over state folded into `auth-profiles.json`. */
function mergeRuntime(folded: AuthRuntimeState | null, separate: AuthRuntimeState): AuthRuntimeState {
  return folded === null ? separate : { ...folded, ...separate };
}

/** Parses each store document once; the importer's checks read the same values. */
class StoreDocumentReader {
  readonly parsed = new Map<string, unknown>();

  constructor(private readonly files: ReadonlyMap<string, string>) {}

  read(
    profilesPath: string,
    statePath: string,
    warnings: DocumentIssue[],
  ): { ok: true; store: AuthStoreDocuments | null } | Failure {
    const profilesText = this.files.get(profilesPath);
    const stateText = this.files.get(statePath);
    if (profilesText === undefined && stateText === undefined) return { ok: true, store: null };
    let store: AuthStoreDocuments = { credentials: null, runtime: null };
    if (profilesText !== undefined) {
      const parsed = this.parse(profilesText, profilesPath);
      if (!parsed.ok) return parsed;
      const read = readAuthProfilesDocument(parsed.value, { file: profilesPath, text: profilesText });
      if (!read.ok) return { ok: false, kind: "store", issues: read.issues };
      warnings.push(...read.warnings);
      store = read.value;
    }
    if (stateText !== undefined) {
      const parsed = this.parse(stateText, statePath);
      if (!parsed.ok) return parsed;
      const read = readAuthRuntimeStateDocument(parsed.value, { file: statePath, text: stateText });
      if (!read.ok) return { ok: false, kind: "store", issues: read.issues };
      store = { ...store, runtime: mergeRuntime(store.runtime, read.value) };
    }
    return { ok: true, store };
  }

  private parse(text: string, path: string): { ok: true; value: unknown } | Failure {
    const parsed = parseDocumentText(text, path);
    if (!parsed.ok) return { ok: false, kind: "store", issues: parsed.issues };
    this.parsed.set(path, parsed.value);
    return parsed;
  }
}

/** Providers a JSON-era credential file holds: profiles of `auth-profiles.json`, keys of `auth.json`/`oauth.json`. */
function readLegacyFile(relative: string, text: string): LegacyCredentialFile {
  if (relative.endsWith("auth-profiles.json")) {
    const parsed = parseAuthProfilesFile(text, relative);
    const providers = parsed.ok
      ? Object.values(parsed.value.credentials?.profiles ?? {}).map((profile) => profile.provider)
      : [];
    return { path: relative, providers };
  }
  const parsed = parseDocumentText(text, relative);
  const providers =
    parsed.ok && parsed.value !== null && typeof parsed.value === "object" ? Object.keys(parsed.value) : [];
  return { path: relative, providers };
}

/** Agent ids that have store files, sorted, each with the layout its files use. */
function agentFolders(paths: Iterable<string>): Map<string, { jsonEra: boolean }> {
  const folders = new Map<string, { jsonEra: boolean }>();
  for (const path of paths) {
    const match = AGENT_FILE.exec(path);
    if (!match?.[1]) continue;
    const jsonEra = match[2] !== undefined;
    const known = folders.get(match[1]);
    folders.set(match[1], { jsonEra: (known?.jsonEra ?? false) || jsonEra });
  }
  return new Map([...folders].sort(([left], [right]) => (left < right ? -1 : 1)));
}

/** Reads the files (see the module comment); never throws for bad content, only reports it. */
export function readStateFiles(
  files: readonly StateFile[],
  options: ReadStateFilesOptions,
): StateFilesResult {
  return finishNow(readStateFilesInChunks(files, options));
}

/** {@link readStateFiles} with a progress mark every thousand agents, for callers that must stay responsive. */
export function* readStateFilesInChunks(
  files: readonly StateFile[],
  options: ReadStateFilesOptions,
): ChunkedWork<StateFilesResult> {
  const byPath = new Map(files.map((file) => [file.path, file.text]));
  const warnings: DocumentIssue[] = [];
  const config = yield* readConfig(byPath.get("openclaw.json") ?? "{}", options.strictConfigRules, warnings);
  if (!config.ok) return config;

  const reader = new StoreDocumentReader(byPath);
  const storeFiles: StoreFileSet[] = [];
  const present = (path: string) => (byPath.has(path) ? path : null);
  const shared = reader.read("shared-auth-profiles.json", "shared-auth-state.json", warnings);
  if (!shared.ok) return shared;
  let sharedStore = shared.store;
  if (sharedStore) {
    storeFiles.push({
      owner: "shared",
      profilesPath: present("shared-auth-profiles.json"),
      statePath: present("shared-auth-state.json"),
    });
  }

  const agentStores: Record<string, AuthStoreDocuments> = {};
  const jsonEraAgents = new Set<string>();
  const folders = agentFolders(byPath.keys());
  let index = 0;
  for (const [agentId, { jsonEra }] of folders) {
    if (isMarkDue(index++)) yield { phase: "reading credential stores", done: index, total: folders.size };
    const folder = jsonEra ? `agents/${agentId}/agent` : `agents/${agentId}`;
    // why: a folder holding both layouts reads the fixture layout, as the folder reader always has.
    const fixtureStore = reader.read(
      `agents/${agentId}/auth-profiles.json`,
      `agents/${agentId}/auth-state.json`,
      warnings,
    );
    if (!fixtureStore.ok) return fixtureStore;
    const jsonEraStore = fixtureStore.store
      ? fixtureStore
      : reader.read(`${folder}/auth-profiles.json`, `${folder}/auth-state.json`, warnings);
    if (!jsonEraStore.ok) return jsonEraStore;
    if (!jsonEraStore.store) continue;
    const usedFolder = fixtureStore.store ? `agents/${agentId}` : folder;
    agentStores[agentId] = jsonEraStore.store;
    if (!fixtureStore.store) jsonEraAgents.add(agentId);
    storeFiles.push({
      owner: agentId,
      profilesPath: present(`${usedFolder}/auth-profiles.json`),
      statePath: present(`${usedFolder}/auth-state.json`),
    });
  }

  const legacyOwner = config.value.agents?.defaults?.authInheritance?.agentId ?? "main";
  const jsonEraShared = agentStores[legacyOwner];
  if (sharedStore === null && jsonEraShared !== undefined && jsonEraAgents.has(legacyOwner)) {
    // why: in a JSON-era folder the default agent's file is what doctor imports as the shared store.
    sharedStore = jsonEraShared;
    delete agentStores[legacyOwner];
    for (const set of storeFiles) if (set.owner === legacyOwner) set.owner = "shared";
  }

  const legacyFiles: LegacyCredentialFile[] = [];
  const ignoredPaths: string[] = [];
  for (const [path, text] of [...byPath].sort(([left], [right]) => (left < right ? -1 : 1))) {
    if (path.startsWith("legacy-files/")) {
      const relative = path.slice("legacy-files/".length);
      if (LEGACY_CREDENTIAL_FILE.test(relative)) legacyFiles.push(readLegacyFile(relative, text));
      else ignoredPaths.push(path);
    } else if (!ROOT_FILES.has(path) && !AGENT_FILE.test(path)) {
      ignoredPaths.push(path);
    }
  }
  return {
    ok: true,
    state: { config: config.value, sharedStore, agentStores, legacyFiles },
    warnings,
    ignoredPaths,
    storeFiles,
    storeDocuments: reader.parsed,
  };
}
