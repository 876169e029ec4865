import { maskSecret } from "../auth-profiles/secret-mask";
import { type ChunkedWork, isMarkDue } from "../chunked-work/chunked-work";
import type { DocumentIssue } from "../document-parsing/document-issue";
import type { GatewayRecord } from "./gateway-record";

/**
 * `openclaw.json` can hold credentials inline (`env.ANTHROPIC_API_KEY`, `models.providers.<p>.apiKey`,
 * channel bot tokens). The console keeps config as plain JSON, so such values are replaced by OpenClaw's
 * mask before anything is stored. The mask is a fixed point of `maskSecret`, so status labels computed
 * from it are unchanged; the real value stays on the host only.
 */

const SECRET_KEY_NAME = /(api[-_]?key|token|secret|password|passwd|credential)s?$/iu;

type Found = { path: string };

function maskIn(value: unknown, path: string, found: Found[]): unknown {
  if (Array.isArray(value)) return value.map((item, index) => maskIn(item, `${path}[${index}]`, found));
  if (value === null || typeof value !== "object") return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childPath = path === "" ? key : `${path}.${key}`;
    if (
      typeof child === "string" &&
      SECRET_KEY_NAME.test(key) &&
      child !== "" &&
      maskSecret(child) !== child
    ) {
      result[key] = maskSecret(child);
      found.push({ path: childPath });
    } else {
      result[key] = maskIn(child, childPath, found);
    }
  }
  return result;
}

/** The record with inline config secrets masked, and one warning per masked value (by path only). */
export function* maskConfigSecrets(
  record: GatewayRecord,
): ChunkedWork<{ record: GatewayRecord; warnings: DocumentIssue[] }> {
  const found: Found[] = [];
  const extraConfig = maskIn(record.config.extraConfig, "", found) as Record<string, unknown>;
  const agents: GatewayRecord["agents"] = [];
  for (const [index, agent] of record.agents.entries()) {
    const masked = maskIn(agent.extraConfig, `agents.entries.${agent.agentKey}`, found);
    agents.push({ ...agent, extraConfig: masked as Record<string, unknown> });
    if (isMarkDue(index))
      yield { phase: "masking inline secrets", done: index + 1, total: record.agents.length };
  }
  const warnings = found.map(({ path }): DocumentIssue => ({
    file: "openclaw.json",
    path,
    message:
      "an inline credential in openclaw.json is stored as its mask only; the real value stays on the host (use a SecretRef or an auth profile to manage it here).",
  }));
  return { record: { ...record, config: { ...record.config, extraConfig }, agents }, warnings };
}
