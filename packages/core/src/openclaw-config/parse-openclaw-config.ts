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
import { findModelPolicyAllowIssues } from "./model-policy-refs";
import {
  formatOpenClawConfigPath,
  openClawIssueMessage,
  redactSecretAssignments,
} from "./openclaw-config-issues";
import { configKeyNodeAt } from "./openclaw-config-keys";
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
 * Rules OpenClaw checks after the schema (facts §3.2), in its order, stopping at the first rule that
 * fails: the multi-agent ownership rule (reported at `agents.ownership`, as OpenClaw does), then the
 * `modelPolicy.allow` grammar.
 */
export function findConfigRuleIssues(config: OpenClawConfig, source: { file: string }): DocumentIssue[] {
  const cached = ruleIssuesCache.get(config);
  if (cached?.file === source.file) return cached.issues;
  const ownershipIssues = findOwnershipIssues(config, source);
  const issues = ownershipIssues.length > 0 ? ownershipIssues : findModelPolicyAllowIssues(config, source);
  ruleIssuesCache.set(config, { file: source.file, issues });
  return issues;
}

/**
 * The rules read every agent, and the one-agent `buildModelsStatus` asks once per agent: memoized per config
 * object (configs are not mutated once validated), so a 100,000-agent fleet is checked once, not per agent.
 */
const ruleIssuesCache = new WeakMap<OpenClawConfig, { file: string; issues: DocumentIssue[] }>();

function findOwnershipIssues(config: OpenClawConfig, source: { file: string }): DocumentIssue[] {
  const ownershipProblem = findRosterOwnershipProblem(config);
  // why: the rule is about the roster as a whole and the key is usually absent, so no line is pointed at.
  return ownershipProblem === null
    ? []
    : [{ file: source.file, path: "agents.ownership", message: ownershipProblem }];
}

/**
 * The load-time rules for a config the schema refuses: OpenClaw checks the roster rule on the document as
 * written and lists its problem before the schema's (lab case `config-unknown-key-and-ownership`). Only
 * the parts of the roster the rule reads are taken from the raw value.
 */
export function findRawConfigRuleIssues(value: unknown, source: { file: string }): DocumentIssue[] {
  const agents = isRecord(value) && isRecord(value.agents) ? value.agents : null;
  if (!agents) return [];
  const entries = isRecord(agents.entries) ? (agents.entries as Record<string, AgentEntry>) : undefined;
  const list = Array.isArray(agents.list)
    ? (agents.list as unknown[]).filter(
        (item): item is { id: string } => isRecord(item) && typeof item.id === "string",
      )
    : undefined;
  const roster: OpenClawConfig = {
    agents: {
      ...(agents.ownership === "explicit" ? { ownership: "explicit" as const } : {}),
      ...(entries ? { entries } : {}),
      ...(list ? { list } : {}),
    },
  };
  // why: only the roster rule: the raw document's allow lists may not even be arrays.
  return findOwnershipIssues(roster, source);
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
    // why: a refused agent id says which ids are allowed; every other problem is worded as OpenClaw words it.
    const message = issue.code === "invalid_key" ? zodIssueMessage(issue) : openClawIssueMessage(issue);
    found.push({ path: [...basePath, ...path], message });
  }
}

const ROOT_KEY_ORDER = Object.keys(configKeyNodeAt([]).keys);
const AGENTS_KEY_ORDER = Object.keys(configKeyNodeAt(["agents"]).keys);

/** Where `key` stands in OpenClaw's key order; keys it does not list (legacy `agents.list`) come last. */
function orderOf(order: readonly string[], key: string | number | undefined): number {
  const index = typeof key === "string" ? order.indexOf(key) : -1;
  return index === -1 ? order.length : index;
}

/**
 * Whether OpenClaw's single zod pass reports a problem at `path` after those of `agents.entries`: an object
 * reports its unknown keys after its properties' problems, and properties are visited in shape order.
 */
function reportedAfterRoster(path: DocumentPath): boolean {
  if (path.length === 0) return true;
  if (path[0] !== "agents") return orderOf(ROOT_KEY_ORDER, path[0]) > orderOf(ROOT_KEY_ORDER, "agents");
  if (path.length === 1) return true;
  return orderOf(AGENTS_KEY_ORDER, path[1]) > orderOf(AGENTS_KEY_ORDER, "entries");
}

function located(source: { file: string; text?: string }, found: readonly Found[]): DocumentIssue[] {
  const issues = found.slice(0, MAX_LOCATED_ISSUES).map(({ path, message }) => ({
    ...issueAt(source, path, message),
    path: formatOpenClawConfigPath(path),
  }));
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
  const outsideRoster: Found[] = [];
  const checked = openClawConfigSchema.safeParse(shell);
  if (!checked.success) collect(outsideRoster, checked.error, []);
  const found: Found[] = [];

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
  if (found.length > 0 || !checked.success) {
    // why: the roster was checked apart from the rest; its problems go where OpenClaw's one pass puts them.
    const split = outsideRoster.findIndex(({ path }) => reportedAfterRoster(path));
    const ordered =
      split === -1
        ? [...outsideRoster, ...found]
        : [...outsideRoster.slice(0, split), ...found, ...outsideRoster.slice(split)];
    return { ok: false, issues: located(source, ordered) };
  }

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
  if (!validated.ok)
    return { ok: false, issues: [...findRawConfigRuleIssues(parsed.value, source), ...validated.issues] };
  const ruleIssues = findConfigRuleIssues(validated.value, source);
  if (ruleIssues.length > 0) return { ok: false, issues: ruleIssues };
  return { ok: true, value: validated.value, warnings: [] };
}

/**
 * OpenClaw's refusal text for an invalid config (fixture 08, lab `config-*`):
 * `Invalid config at <configPath>:` then one `- <path>: <message>` line per issue, in OpenClaw's order and
 * without line or column (OpenClaw prints none; the import's own messages keep them).
 */
export function formatInvalidConfigMessage(configPath: string, issues: readonly DocumentIssue[]): string {
  const syntaxError = issues.find((issue) => issue.kind === "syntax");
  // why: OpenClaw does not validate what it cannot parse; it fails with the JSON5 parser's own message.
  if (syntaxError)
    return syntaxError.line === undefined
      ? syntaxError.message
      : `${syntaxError.message} at ${syntaxError.line}:${syntaxError.column ?? 1}`;
  const lines = issues.map((issue) =>
    redactSecretAssignments(`- ${issue.path === "" ? "<root>" : issue.path}: ${issue.message}`),
  );
  return [`Invalid config at ${configPath}:`, ...lines].join("\n");
}
