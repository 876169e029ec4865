import type { z } from "zod";

import type { DocumentPath } from "../document-parsing/json-path-locator";

/**
 * OpenClaw 2026.9.6's wording of a config schema problem (`src/config/validation-issues.ts`,
 * `src/config/allowed-values.ts`): zod's message, plus a bound for numbers and the allowed values when the
 * problem is a closed set (an enum, a boolean, a union of literals).
 */

/** OpenClaw shows at most this many allowed values, then `... (+N more)`. */
const MAX_ALLOWED_VALUES_SHOWN = 12;
const MAX_ALLOWED_VALUE_CHARS = 160;

function truncateHint(text: string): string {
  if (text.length <= MAX_ALLOWED_VALUE_CHARS) return text;
  const kept = text.slice(0, MAX_ALLOWED_VALUE_CHARS);
  return `${kept}... (+${text.length - kept.length} chars)`;
}

function allowedValueLabel(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(truncateHint(value));
  return truncateHint(JSON.stringify(value) ?? String(value));
}

function allowedValueKey(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return `${value === null ? "null" : typeof value}:${text}`;
}

/** The values an issue allows, or null when it does not name a closed set. */
function allowedValuesOf(issue: z.core.$ZodIssue): unknown[] | null {
  if (issue.code === "invalid_value") return issue.values.length > 0 ? [...issue.values] : null;
  if (issue.code === "invalid_type") return issue.expected === "boolean" ? [true, false] : null;
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return null;
  const collected: unknown[] = [];
  for (const branch of issue.errors) {
    if (branch.length === 0) return null;
    const branchValues: unknown[] = [];
    for (const inner of branch) {
      const values = allowedValuesOf(inner);
      // why: OpenClaw gives up on the whole union as soon as one branch is not a closed set.
      if (values === null) return null;
      branchValues.push(...values);
    }
    if (branchValues.length === 0) return null;
    collected.push(...branchValues);
  }
  return collected.length > 0 ? collected : null;
}

function allowedValuesHint(values: readonly unknown[]): string {
  const seen = new Set<string>();
  const labels: string[] = [];
  for (const value of values) {
    const key = allowedValueKey(value);
    if (seen.has(key)) continue;
    seen.add(key);
    labels.push(allowedValueLabel(value));
  }
  const shown = labels.slice(0, MAX_ALLOWED_VALUES_SHOWN).join(", ");
  const hidden = labels.length - MAX_ALLOWED_VALUES_SHOWN;
  return hidden > 0 ? `${shown}, ... (+${hidden} more)` : shown;
}

function numericBoundHint(issue: z.core.$ZodIssue): string {
  if (issue.code !== "too_small" && issue.code !== "too_big") return "";
  if (issue.origin !== "number") return "";
  const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
  if (typeof bound !== "number") return "";
  if (issue.code === "too_big")
    return issue.inclusive === true ? ` (maximum: ${bound})` : ` (must be less than ${bound})`;
  return issue.inclusive === true ? ` (minimum: ${bound})` : ` (must be greater than ${bound})`;
}

/** The message OpenClaw prints for one zod issue of its config schema. */
export function openClawIssueMessage(issue: z.core.$ZodIssue): string {
  const message = `${issue.message}${numericBoundHint(issue)}`;
  const allowed = allowedValuesOf(issue);
  if (allowed === null) return message;
  const lower = message.toLowerCase();
  if (lower.includes("(allowed:") || lower.includes("expected one of")) return message;
  return `${message} (allowed: ${allowedValuesHint(allowed)})`;
}

/**
 * A config path as OpenClaw prints it (`src/shared/dot-path.ts`): dotted names, `[n]` for array items, and
 * `["…"]` for keys that are not plain names; a profile id such as `anthropic:default` counts as plain there.
 */
export function formatOpenClawConfigPath(path: DocumentPath): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (!/^[A-Za-z_$][A-Za-z0-9_$:-]*$/u.test(segment)) text += `[${JSON.stringify(segment)}]`;
    else text += text === "" ? segment : `.${segment}`;
  }
  return text;
}

/** OpenClaw masks values shorter than this entirely (`***`); longer ones keep a head and a tail. */
const REDACT_MIN_LENGTH = 18;

/**
 * OpenClaw passes every CLI error through its log redaction (`src/logging/redact.ts`); in a config refusal
 * the rule that fires is the environment-assignment one: an upper-case name ending in KEY, TOKEN, SECRET,
 * PASSWORD or PASSWD followed by `:` or `=` has the next word masked. So a problem at
 * `env.vars.ANTHROPIC_API_KEY` reads `env.vars.ANTHROPIC_API_KEY: *** input: expected string, …` (lab case
 * `config-type-and-value-errors`). OpenClaw's other redaction rules match secret-looking values, which a
 * refusal never quotes.
 */
export function redactSecretAssignments(text: string): string {
  return text.replace(
    /\b[A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|CARD[_-]?NUMBER|CARD[_-]?CVC|CARD[_-]?CVV|CVC|CVV|SECURITY[_-]?CODE|PAYMENT[_-]?CREDENTIAL|SHARED[_-]?PAYMENT[_-]?TOKEN)\b\s*[=:]\s*(["']?)([^\s"'\\]+)\1/gu,
    (match: string, quote: string, value: string) => {
      const masked = value.length < REDACT_MIN_LENGTH ? "***" : `${value.slice(0, 6)}…${value.slice(-4)}`;
      const start = match.lastIndexOf(`${quote}${value}${quote}`);
      return `${match.slice(0, start)}${quote}${masked}${quote}`;
    },
  );
}
