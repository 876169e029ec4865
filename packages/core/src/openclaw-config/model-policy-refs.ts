import type { DocumentIssue } from "../document-parsing/document-issue";
import { readAgentRoster } from "./agent-roster";
import type { ModelCatalog, OpenClawConfig } from "./openclaw-config.schema";

/**
 * OpenClaw 2026.9.6's grammar for `modelPolicy.allow` entries (`src/config/model-policy-ref.ts`), checked at
 * load after the schema and the other load-time rules: an entry must be a configured alias (of the defaults'
 * `models` map, or of the agent's own), one of OpenRouter's routing selectors, an exact `provider/model` ref,
 * or a prefix wildcard that ends in `/*` at a segment boundary. Anything else refuses the whole config.
 */

const COMPAT_SELECTORS = new Set(["openrouter:auto", "openrouter:free"]);

/** A segment is usable when it is not empty and holds no `*`, whitespace or control character. */
function isPlainSegment(segment: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what the rule refuses
  return segment.length > 0 && !segment.includes("*") && !/[\s\u0000-\u001f\u007f]/u.test(segment);
}

function isExactRef(ref: string): boolean {
  const slash = ref.indexOf("/");
  if (slash <= 0 || slash >= ref.length - 1) return false;
  const provider = ref.slice(0, slash).trim();
  const model = ref.slice(slash + 1).trim();
  if (!provider || !model) return false;
  return [provider.toLowerCase(), ...model.split("/")].every(isPlainSegment);
}

function isPrefixWildcard(ref: string): boolean {
  const segments = ref.split("/").map((segment) => segment.trim());
  if (segments.at(-1) !== "*") return false;
  const prefix = segments.slice(0, -1);
  return prefix.length >= 1 && prefix.every(isPlainSegment);
}

function aliasesOf(maps: readonly (ModelCatalog | undefined)[]): Set<string> {
  const aliases = new Set<string>();
  for (const models of maps)
    for (const entry of Object.values(models ?? {})) {
      const alias = entry.alias?.trim().toLowerCase();
      if (alias) aliases.add(alias);
    }
  return aliases;
}

/** Whether OpenClaw accepts `raw` as an allow-list entry, given the aliases in scope. */
export function isValidModelPolicyRef(raw: string, aliases: ReadonlySet<string>): boolean {
  const trimmed = raw.trim();
  const lowered = trimmed.toLowerCase();
  return (
    aliases.has(lowered) || COMPAT_SELECTORS.has(lowered) || isExactRef(trimmed) || isPrefixWildcard(trimmed)
  );
}

export const MODEL_POLICY_REF_ADVICE =
  'Use a configured alias, an exact "provider/model" ref, or a trailing prefix wildcard such as "provider/*" or "provider/namespace/*".';

/** Every allow-list entry OpenClaw refuses, at OpenClaw's paths and in its order (defaults, then the roster). */
export function findModelPolicyAllowIssues(
  config: OpenClawConfig,
  source: { file: string },
): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  const defaults = config.agents?.defaults;
  const check = (refs: readonly string[] | undefined, path: string, agentModels?: ModelCatalog): void => {
    if (!refs?.length) return;
    const aliases = aliasesOf([defaults?.models, agentModels]);
    refs.forEach((raw, index) => {
      if (isValidModelPolicyRef(raw, aliases)) return;
      issues.push({
        file: source.file,
        path: `${path}.${index}`,
        message: `invalid model policy ref: ${JSON.stringify(raw)}. ${MODEL_POLICY_REF_ADVICE}`,
      });
    });
  };
  check(defaults?.modelPolicy?.allow, "agents.defaults.modelPolicy.allow");
  // why: OpenClaw migrates a legacy `agents.list` into `agents.entries` before it validates (lab gen-1-019).
  const roster = readAgentRoster(config);
  for (const agentId of roster.ids) {
    const entry = roster.entries.get(agentId);
    check(entry?.modelPolicy?.allow, `agents.entries.${agentId}.modelPolicy.allow`, entry?.models);
  }
  return issues;
}
