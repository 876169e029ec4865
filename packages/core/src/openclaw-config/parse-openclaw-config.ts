import {
  type DocumentIssue,
  type DocumentParseResult,
  issuesFromZod,
} from "../document-parsing/document-issue";
import { parseDocumentText } from "../document-parsing/parse-document";
import { findRosterOwnershipProblem } from "./agent-roster";
import { type OpenClawConfig, openClawConfigSchema } from "./openclaw-config.schema";

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
 * Parses and validates `openclaw.json` text (JSON5, `agents.entries` or legacy `agents.list`). Every issue
 * names the file, the path and, where it can be found, the line and column.
 */
export function parseOpenClawConfig(text: string, file: string): DocumentParseResult<OpenClawConfig> {
  const parsed = parseDocumentText(text, file);
  if (!parsed.ok) return parsed;
  const source = { file, text };
  const validated = openClawConfigSchema.safeParse(parsed.value);
  if (!validated.success) return { ok: false, issues: issuesFromZod(source, validated.error) };
  const ruleIssues = findConfigRuleIssues(validated.data, source);
  if (ruleIssues.length > 0) return { ok: false, issues: ruleIssues };
  return { ok: true, value: validated.data, warnings: [] };
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
