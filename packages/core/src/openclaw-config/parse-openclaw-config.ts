import type { z } from "zod";
import { type ChunkedWork, finishNow, isMarkDue } from "../chunked-work/chunked-work";
import {
  type DocumentIssue,
  type DocumentParseResult,
  issueAt,
  zodIssueMessage,
} from "../document-parsing/document-issue";
import type { DocumentPath } from "../document-parsing/json-path-locator";
import { parseDocumentText } from "../document-parsing/parse-document";
import { findRosterOwnershipProblem } from "./agent-roster";
import {
  AGENT_ID_MESSAGE,
  AGENT_ID_PATTERN,
  type AgentEntry,
  type OpenClawConfig,
  agentEntrySchema,
  legacyAgentListItemSchema,
  openClawConfigSchema,
} from "./openclaw-config.schema";

/**
 * Rules OpenClaw checks after the schema (facts §3.2): today, the multi-agent ownership rule. Reported at
 * `agents.ownership`, as OpenClaw does.
 */
export function findConfigRuleIssues(config: OpenClawConfig, source: { file: string }): DocumentIssue[] {
  const ownershipProblem = findRosterOwnershipProblem(config);
  if (ownershipProblem === null) return [];
  // why: the rule is about the roster as a whole and the key is usually absent, so no line is pointed at.
  return [{ file: source.file, path: "agents.ownership", message: ownershipProblem }];
}

/**
 * Issues given a line and column: locating one scans the whole text, so a 15 MiB config with thousands of
 * bad entries would take minutes. The rest are counted in one closing issue.
 */
const MAX_LOCATED_ISSUES = 50;

type Found = { path: DocumentPath; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function collect(found: Found[], error: z.ZodError, basePath: DocumentPath): void {
  for (const issue of error.issues) {
    const path = issue.path.filter((segment) => typeof segment !== "symbol");
    found.push({ path: [...basePath, ...path], message: zodIssueMessage(issue) });
  }
}

function located(source: { file: string; text?: string }, found: readonly Found[]): DocumentIssue[] {
  const issues = found
    .slice(0, MAX_LOCATED_ISSUES)
    .map(({ path, message }) => issueAt(source, path, message));
  if (found.length > MAX_LOCATED_ISSUES)
    issues.push({
      file: source.file,
      path: "",
      message: `… and ${found.length - MAX_LOCATED_ISSUES} more problems like these`,
    });
  return issues;
}

/**
 * Validates a parsed `openclaw.json` against the schema. The roster (`agents.entries`, `agents.list`) is
 * checked one agent at a time with a progress mark every thousand agents, so a 100,000-agent config never
 * holds a caller's event loop for long; the rest of the config is checked in one pass with an empty roster
 * in its place. The result is the one a single schema pass gives, with agent id issues in OpenClaw's words.
 */
export function* validateOpenClawConfig(
  value: unknown,
  source: { file: string; text?: string },
): ChunkedWork<DocumentParseResult<OpenClawConfig>> {
  const root = isRecord(value) ? value : null;
  const agents = root && isRecord(root.agents) ? root.agents : null;
  const entries = agents && isRecord(agents.entries) ? agents.entries : null;
  const list = agents && Array.isArray(agents.list) ? (agents.list as unknown[]) : null;
  // why: spreading keeps every key in its place, so the roster goes back where it was (order is meaningful).
  const shell =
    root && agents && (entries || list)
      ? { ...root, agents: { ...agents, ...(entries ? { entries: {} } : {}), ...(list ? { list: [] } : {}) } }
      : value;
  const found: Found[] = [];
  const checked = openClawConfigSchema.safeParse(shell);
  if (!checked.success) collect(found, checked.error, []);

  const total = (entries ? Object.keys(entries).length : 0) + (list?.length ?? 0);
  let index = 0;
  const validEntries: Record<string, AgentEntry> = {};
  for (const [agentId, entry] of Object.entries(entries ?? {})) {
    if (!AGENT_ID_PATTERN.test(agentId))
      found.push({ path: ["agents", "entries", agentId], message: AGENT_ID_MESSAGE });
    const parsed = agentEntrySchema.safeParse(entry);
    if (parsed.success) validEntries[agentId] = parsed.data;
    else collect(found, parsed.error, ["agents", "entries", agentId]);
    if (isMarkDue(index++)) yield { phase: "checking openclaw.json", done: index, total };
  }
  const validList: z.infer<typeof legacyAgentListItemSchema>[] = [];
  for (const [position, item] of (list ?? []).entries()) {
    const parsed = legacyAgentListItemSchema.safeParse(item);
    if (parsed.success) validList.push(parsed.data);
    else collect(found, parsed.error, ["agents", "list", position]);
    if (isMarkDue(index++)) yield { phase: "checking openclaw.json", done: index, total };
  }
  if (found.length > 0 || !checked.success) return { ok: false, issues: located(source, found) };

  const config = checked.data;
  if (config.agents) {
    if (entries) config.agents.entries = validEntries;
    if (list) config.agents.list = validList;
  }
  return { ok: true, value: config, warnings: [] };
}

/**
 * Parses and validates `openclaw.json` text (JSON5, `agents.entries` or legacy `agents.list`). Every issue
 * names the file, the path and, where it can be found, the line and column.
 */
export function parseOpenClawConfig(text: string, file: string): DocumentParseResult<OpenClawConfig> {
  const parsed = parseDocumentText(text, file);
  if (!parsed.ok) return parsed;
  const source = { file, text };
  const validated = finishNow(validateOpenClawConfig(parsed.value, source));
  if (!validated.ok) return validated;
  const ruleIssues = findConfigRuleIssues(validated.value, source);
  if (ruleIssues.length > 0) return { ok: false, issues: ruleIssues };
  return { ok: true, value: validated.value, warnings: [] };
}

/**
 * OpenClaw's refusal text for an invalid config (fixture 08):
 * `Invalid config at <configPath>:` then one `- <path>: <message>` line per issue. Issues with a known
 * line and column say so, which OpenClaw itself does not.
 */
export function formatInvalidConfigMessage(configPath: string, issues: readonly DocumentIssue[]): string {
  const lines = issues.map((issue) => {
    const where = issue.line === undefined ? "" : ` (line ${issue.line}, column ${issue.column ?? 1})`;
    return `- ${issue.path === "" ? "<root>" : issue.path}: ${issue.message}${where}`;
  });
  return [`Invalid config at ${configPath}:`, ...lines].join("\n");
}
