import {
  type DocumentIssue,
  type DocumentParseResult,
  issueAt,
  issuesFromZod,
} from "../document-parsing/document-issue";
import { parseDocumentText } from "../document-parsing/parse-document";
import {
  type AuthCredentialStore,
  type AuthProfileCredential,
  type AuthRuntimeState,
  type AuthStoreDocuments,
  authCredentialDocumentSchema,
  authProfileCredentialSchema,
  authRuntimeStateDocumentSchema,
} from "./auth-store.schema";

type Source = { file: string; text?: string };

/** Legacy spellings OpenClaw still accepts on read (facts §2.2): `mode` for `type`, `apiKey` for `key`. */
function withLegacyAliases(raw: unknown): unknown {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const entry = { ...(raw as Record<string, unknown>) };
  if (entry.type === undefined && typeof entry.mode === "string") entry.type = entry.mode;
  if (entry.type === "api_key" && entry.key === undefined && typeof entry.apiKey === "string")
    entry.key = entry.apiKey;
  return entry;
}

/**
 * Validates a credential document value. Like OpenClaw, a profile with an unknown `type` or no provider is
 * dropped with a warning (facts §2.2) rather than failing the whole store; a malformed envelope fails.
 */
export function readAuthCredentialDocument(
  value: unknown,
  source: Source,
): DocumentParseResult<AuthCredentialStore> {
  const envelope = authCredentialDocumentSchema.safeParse(value);
  if (!envelope.success) return { ok: false, issues: issuesFromZod(source, envelope.error) };
  const profiles: Record<string, AuthProfileCredential> = {};
  const warnings: DocumentIssue[] = [];
  for (const [profileId, raw] of Object.entries(envelope.data.profiles)) {
    const profile = authProfileCredentialSchema.safeParse(withLegacyAliases(raw));
    if (profile.success) profiles[profileId] = profile.data;
    else warnings.push(issueAt(source, ["profiles", profileId], "ignored invalid auth profile entry"));
  }
  return { ok: true, value: { version: envelope.data.version, profiles }, warnings };
}

/** Validates a runtime-state document value (`{version, order, lastGood, usageStats}`). */
export function readAuthRuntimeStateDocument(
  value: unknown,
  source: Source,
): DocumentParseResult<AuthRuntimeState> {
  const parsed = authRuntimeStateDocumentSchema.safeParse(value);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(source, parsed.error) };
  return { ok: true, value: parsed.data, warnings: [] };
}

const RUNTIME_STATE_KEYS = ["order", "lastGood", "usageStats"] as const;

/**
 * Reads a parsed `auth-profiles.json` value. JSON-era files (2026.3.x) hold the runtime state in the same
 * document (facts §2.1); when they do, it is split out, so both generations load into the same shape.
 */
export function readAuthProfilesDocument(
  value: unknown,
  source: Source,
): DocumentParseResult<AuthStoreDocuments> {
  const credentials = readAuthCredentialDocument(value, source);
  if (!credentials.ok) return credentials;
  const document = value as Record<string, unknown>;
  const foldedKeys = RUNTIME_STATE_KEYS.filter((key) => document[key] !== undefined);
  if (foldedKeys.length === 0) {
    return {
      ok: true,
      value: { credentials: credentials.value, runtime: null },
      warnings: credentials.warnings,
    };
  }
  const foldedState: Record<string, unknown> = { version: document.version };
  for (const key of foldedKeys) foldedState[key] = document[key];
  const runtime = readAuthRuntimeStateDocument(foldedState, source);
  if (!runtime.ok) return runtime;
  return {
    ok: true,
    value: { credentials: credentials.value, runtime: runtime.value },
    warnings: credentials.warnings,
  };
}

/** Parses an `auth-profiles.json` text (see {@link readAuthProfilesDocument}). */
export function parseAuthProfilesFile(text: string, file: string): DocumentParseResult<AuthStoreDocuments> {
  const parsed = parseDocumentText(text, file);
  if (!parsed.ok) return parsed;
  return readAuthProfilesDocument(parsed.value, { file, text });
}

/** Parses an `auth-state.json` text. */
export function parseAuthStateFile(text: string, file: string): DocumentParseResult<AuthRuntimeState> {
  const parsed = parseDocumentText(text, file);
  if (!parsed.ok) return parsed;
  return readAuthRuntimeStateDocument(parsed.value, { file, text });
}
