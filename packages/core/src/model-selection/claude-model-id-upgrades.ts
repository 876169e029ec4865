import type { ClaudeModelIdUpgradeRule } from "../openclaw-data/openclaw-shipped-data.schema";

/**
 * The Anthropic plugin's upgrade of a retired Claude model id (`upgradeOldClaudeModelId`), run over the rules
 * extracted from the package (`OPENCLAW_DATA.claudeModelIdUpgrades`), so a new OpenClaw release changes data, not
 * this code.
 */

/** `hasRetiredVersionPrefix`: the prefix alone, or followed by a version separator. */
function hasVersionPrefix(id: string, prefix: string): boolean {
  if (id === prefix) return true;
  return id.startsWith(prefix) && ["-", ".", ":", "@"].includes(id.charAt(prefix.length));
}

const compiledPatterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let pattern = compiledPatterns.get(source);
  if (pattern === undefined) {
    pattern = new RegExp(source, "u");
    compiledPatterns.set(source, pattern);
  }
  return pattern;
}

function ruleMatches(rule: ClaudeModelIdUpgradeRule, id: string): boolean {
  return (
    (rule.exact?.includes(id) ?? false) ||
    (rule.prefixes?.some((prefix) => id.startsWith(prefix)) ?? false) ||
    (rule.versionPrefixes?.some((prefix) => hasVersionPrefix(id, prefix)) ?? false) ||
    (rule.patterns?.some((source) => patternOf(source).test(id)) ?? false) ||
    (rule.families?.some(
      (family) => id.startsWith(family.startsWith) && family.includesAny.some((part) => id.includes(part)),
    ) ??
      false)
  );
}

/**
 * The current Claude id that the lower-cased `id` upgrades to under `rules`, or null when it is current or no
 * rule knows it. The first rule that matches decides.
 */
export function upgradeRetiredClaudeModelId(
  id: string,
  rules: readonly ClaudeModelIdUpgradeRule[],
): string | null {
  return rules.find((rule) => ruleMatches(rule, id))?.to ?? null;
}
