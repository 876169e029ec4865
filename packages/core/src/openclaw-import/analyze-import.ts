import { type ChunkedWork, finishNow } from "../chunked-work/chunked-work";
import type { DocumentIssue } from "../document-parsing/document-issue";
import type { OpenClawState } from "../models-status/openclaw-state";
import { maskConfigSecrets } from "./config-secrets";
import { type GatewayRecord, splitOpenClawStateInChunks } from "./gateway-record";
import { checkImportDocuments } from "./import-checks";
import { checkImportCounts, checkUploadLimits, rootedStateFiles } from "./import-limits";
import { findImportWarnings } from "./import-warnings";
import { type StateFile, readStateFilesInChunks } from "./state-files";

export type ImportAnalysis =
  | { ok: true; state: OpenClawState; record: GatewayRecord; warnings: DocumentIssue[] }
  | { ok: false; errors: DocumentIssue[] };

/**
 * Uploaded files → the gateway record they describe, or every reason to refuse them (file, path, line and
 * column where known). Nothing is written; the preview shows this, and the commit recomputes it.
 */
export function analyzeImportFiles(uploaded: readonly StateFile[]): ImportAnalysis {
  return finishNow(analyzeImportFilesInChunks(uploaded));
}

/** {@link analyzeImportFiles} with a progress mark every thousand agents (and every few MiB of text). */
export function* analyzeImportFilesInChunks(uploaded: readonly StateFile[]): ChunkedWork<ImportAnalysis> {
  const limitErrors = yield* checkUploadLimits(uploaded);
  if (limitErrors.length > 0) return { ok: false, errors: limitErrors };
  const files = rootedStateFiles(uploaded);
  const read = yield* readStateFilesInChunks(files, { strictConfigRules: false });
  if (!read.ok) return { ok: false, errors: read.issues };
  const split = yield* splitOpenClawStateInChunks(read.state);
  const masked = yield* maskConfigSecrets(split);
  const { record } = masked;
  const countErrors = checkImportCounts(record);
  if (countErrors.length > 0) return { ok: false, errors: countErrors };
  const errors = yield* checkImportDocuments(
    { files, config: read.state.config, storeFiles: read.storeFiles, storeDocuments: read.storeDocuments },
    new Set(record.agents.map((agent) => agent.agentKey)),
  );
  if (errors.length > 0) return { ok: false, errors };
  if (!files.some((file) => file.path === "openclaw.json")) {
    return {
      ok: false,
      errors: [
        {
          file: "openclaw.json",
          path: "",
          message:
            "openclaw.json is missing: upload the state folder itself (the one holding openclaw.json).",
        },
      ],
    };
  }
  const warnings = [
    ...read.warnings,
    ...masked.warnings,
    ...(yield* findImportWarnings(read.state, record)),
    ...read.ignoredPaths.map((path): DocumentIssue => ({
      file: path,
      path: "",
      message: "not part of an OpenClaw state; ignored",
    })),
  ];
  return { ok: true, state: read.state, record, warnings };
}
