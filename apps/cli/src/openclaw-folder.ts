import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";

import type { AuthRuntimeState, AuthStoreDocuments } from "@clawfleet/core/auth-profiles/auth-store.schema";
import { parseAuthProfilesFile, parseAuthStateFile } from "@clawfleet/core/auth-profiles/parse-auth-store";
import { type DocumentIssue, formatDocumentIssue } from "@clawfleet/core/document-parsing/document-issue";
import { parseDocumentText } from "@clawfleet/core/document-parsing/parse-document";
import type { LegacyCredentialFile, OpenClawState } from "@clawfleet/core/models-status/openclaw-state";
import { parseOpenClawConfig } from "@clawfleet/core/openclaw-config/parse-openclaw-config";

/**
 * Reads an OpenClaw state folder into core's `OpenClawState`. Two layouts are understood:
 * - a parity-fixture `rendered-input/` folder: `openclaw.json`, `shared-auth-profiles.json`,
 *   `shared-auth-state.json`, `agents/<id>/auth-profiles.json` + `auth-state.json`, and `legacy-files/…`
 *   (unmigrated JSON-era files, copied as they sat under the state dir);
 * - a JSON-era state dir (≤ 2026.6): `openclaw.json` and `agents/<id>/agent/auth-profiles.json`
 *   (+ `auth-state.json`, or the state folded into `auth-profiles.json`). It is read as 2026.9 would after
 *   `openclaw doctor --fix`: `main`'s store becomes the shared store, other agents keep their own.
 */

export type FolderReadResult =
  | { ok: true; state: OpenClawState; warnings: string[] }
  | { ok: false; kind: "config"; issues: DocumentIssue[] }
  | { ok: false; kind: "store" | "folder"; message: string };

class StoreFileError extends Error {}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

async function listDirectories(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

async function listFilesRecursively(folder: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(path.join(folder, prefix), { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listFilesRecursively(folder, relative)));
    else files.push(relative);
  }
  return files.sort();
}

/** Reads one store from its credential file and, if present, its separate runtime-state file. */
async function readStore(
  root: string,
  profilesFile: string,
  stateFile: string,
  warnings: string[],
): Promise<AuthStoreDocuments | null> {
  const profilesText = await readOptional(path.join(root, profilesFile));
  const stateText = await readOptional(path.join(root, stateFile));
  if (profilesText === null && stateText === null) return null;
  let store: AuthStoreDocuments = { credentials: null, runtime: null };
  if (profilesText !== null) {
    const parsed = parseAuthProfilesFile(profilesText, profilesFile);
    if (!parsed.ok) throw new StoreFileError(parsed.issues.map(formatDocumentIssue).join("\n"));
    warnings.push(...parsed.warnings.map(formatDocumentIssue));
    store = parsed.value;
  }
  if (stateText !== null) {
    const parsed = parseAuthStateFile(stateText, stateFile);
    if (!parsed.ok) throw new StoreFileError(parsed.issues.map(formatDocumentIssue).join("\n"));
    store = { ...store, runtime: mergeRuntime(store.runtime, parsed.value) };
  }
  return store;
}

/** A separate `auth-state.json` wins over state folded into `auth-profiles.json`. */
function mergeRuntime(folded: AuthRuntimeState | null, separate: AuthRuntimeState): AuthRuntimeState {
  return folded === null ? separate : { ...folded, ...separate };
}

const LEGACY_CREDENTIAL_FILE = /(^|\/)(auth-profiles\.json|auth\.json|oauth\.json)$/u;

/** Providers a JSON-era credential file holds: profiles of `auth-profiles.json`, keys of `auth.json`/`oauth.json`. */
async function readLegacyFile(root: string, relative: string): Promise<LegacyCredentialFile> {
  const text = (await readOptional(path.join(root, "legacy-files", relative))) ?? "";
  if (relative.endsWith("auth-profiles.json")) {
    const parsed = parseAuthProfilesFile(text, relative);
    const providers = parsed.ok ? Object.values(parsed.value.credentials?.profiles ?? {}).map((profile) => profile.provider) : [];
    return { path: relative, providers };
  }
  const parsed = parseDocumentText(text, relative);
  const providers = parsed.ok && parsed.value !== null && typeof parsed.value === "object" ? Object.keys(parsed.value) : [];
  return { path: relative, providers };
}

async function readAgentStores(root: string, warnings: string[]): Promise<Record<string, AuthStoreDocuments>> {
  const stores: Record<string, AuthStoreDocuments> = {};
  for (const agentId of await listDirectories(path.join(root, "agents"))) {
    const fixtureStore = await readStore(root, `agents/${agentId}/auth-profiles.json`, `agents/${agentId}/auth-state.json`, warnings);
    const jsonEraStore = await readStore(
      root,
      `agents/${agentId}/agent/auth-profiles.json`,
      `agents/${agentId}/agent/auth-state.json`,
      warnings,
    );
    const store = fixtureStore ?? jsonEraStore;
    if (store) stores[agentId] = store;
  }
  return stores;
}

/** Reads `folder` (see the module comment); never throws for bad content, only reports it. */
export async function readOpenClawFolder(folder: string): Promise<FolderReadResult> {
  const root = path.resolve(folder);
  const isFolder = await stat(root).then((info) => info.isDirectory(), () => false);
  if (!isFolder) return { ok: false, kind: "folder", message: `Not a folder: ${folder}` };
  const configText = (await readOptional(path.join(root, "openclaw.json"))) ?? "{}";
  const config = parseOpenClawConfig(configText, "openclaw.json");
  if (!config.ok) return { ok: false, kind: "config", issues: config.issues };

  const warnings: string[] = [];
  try {
    let sharedStore = await readStore(root, "shared-auth-profiles.json", "shared-auth-state.json", warnings);
    const agentStores = await readAgentStores(root, warnings);
    const legacyOwner = config.value.agents?.defaults?.authInheritance?.agentId ?? "main";
    const jsonEraShared = agentStores[legacyOwner];
    if (sharedStore === null && jsonEraShared !== undefined && (await isJsonEraAgentStore(root, legacyOwner))) {
      // why: in a JSON-era folder the default agent's file is what doctor imports as the shared store.
      sharedStore = jsonEraShared;
      delete agentStores[legacyOwner];
    }
    const legacyPaths = (await listFilesRecursively(path.join(root, "legacy-files"))).filter((file) =>
      LEGACY_CREDENTIAL_FILE.test(file),
    );
    const legacyFiles = await Promise.all(legacyPaths.map((relative) => readLegacyFile(root, relative)));
    return { ok: true, state: { config: config.value, sharedStore, agentStores, legacyFiles }, warnings };
  } catch (error) {
    if (error instanceof StoreFileError) return { ok: false, kind: "store", message: error.message };
    throw error;
  }
}

async function isJsonEraAgentStore(root: string, agentId: string): Promise<boolean> {
  return stat(path.join(root, "agents", agentId, "agent")).then((info) => info.isDirectory(), () => false);
}
