import type { DocumentIssue } from "../document-parsing/document-issue";
import { parseDocumentText } from "../document-parsing/parse-document";
import { configKeyNodeAt } from "./openclaw-config-keys";
import { parseOpenClawConfig } from "./parse-openclaw-config";

/**
 * The rewrite Clawfleet offers for a config OpenClaw 2026.9.6 refuses because it sets variables directly
 * under `env` (`{ env: { ANTHROPIC_API_KEY: "sk-ant-..." } }`, as OpenClaw's own Anthropic page still shows):
 * the same variables under `env.vars`, the form 2026.9.6 accepts and applies to its environment (checked
 * against the real CLI: lab cases `seed-api-key-env-in-config` and `seed-api-key-env-vars-rewrite`).
 */
export type EnvVarsRewrite = {
  /** The variable names moved into `env.vars`, in the file's order (names only, never values). */
  movedKeys: string[];
  /** Variables left where they were: `env.vars` already sets them to something else, or they are not text. */
  keptKeys: string[];
  /** What the rewrite does and why, for the person deciding whether to accept it. */
  explanation: string;
  /** The rewritten `openclaw.json` (JSON; the original's comments and layout are not kept). */
  text: string;
  /** Problems OpenClaw would still report after the rewrite (none when the rewrite is enough). */
  remainingIssues: DocumentIssue[];
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function quotedList(names: readonly string[]): string {
  return names.map((name) => JSON.stringify(name)).join(", ");
}

/**
 * Proposes the `env.vars` rewrite of a refused `openclaw.json`, or null when there is nothing it would fix:
 * the text does not parse, the config is accepted as it is, or OpenClaw refuses no variable under `env`.
 * Only the refused `env` keys move; everything else keeps its value and its place.
 */
export function proposeEnvVarsRewrite(configText: string, file = "openclaw.json"): EnvVarsRewrite | null {
  const refusal = parseOpenClawConfig(configText, file);
  if (refusal.ok || !refusal.issues.some((issue) => issue.path === "env")) return null;
  const parsed = parseDocumentText(configText, file);
  if (!parsed.ok || !isRecord(parsed.value) || !isRecord(parsed.value.env)) return null;
  const env = parsed.value.env;
  const acceptedEnvKeys = configKeyNodeAt(["env"]).keys;
  const existingVars = isRecord(env.vars) ? env.vars : {};

  const movedKeys: string[] = [];
  const keptKeys: string[] = [];
  const movedVars: Record<string, string> = {};
  const keptEnv: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key in acceptedEnvKeys) keptEnv[key] = value;
    else if (typeof value === "string" && (!(key in existingVars) || existingVars[key] === value)) {
      movedKeys.push(key);
      movedVars[key] = value;
    } else {
      keptKeys.push(key);
      keptEnv[key] = value;
    }
  }
  if (movedKeys.length === 0) return null;

  // why: spreading keeps every other key where it was; `vars` stays in place when it existed already.
  const rewrittenEnv = { ...keptEnv, vars: { ...existingVars, ...movedVars } };
  const rewritten = { ...parsed.value, env: rewrittenEnv };
  const text = `${JSON.stringify(rewritten, null, 2)}\n`;
  const after = parseOpenClawConfig(text, file);
  const remainingIssues = after.ok ? [] : after.issues;

  const plural = movedKeys.length > 1;
  const sentences = [
    `OpenClaw 2026.9.6 refuses environment variables set directly under "env" (env: Unrecognized key${plural ? "s" : ""}: ${quotedList(movedKeys)}).`,
    `It accepts them under "env.vars" and applies them to its environment without overriding variables the host already sets.`,
    `The rewrite moves ${quotedList(movedKeys)} into env.vars and changes nothing else; the file's comments and layout are not kept.`,
  ];
  if (keptKeys.length > 0)
    sentences.push(
      `${quotedList(keptKeys)} stay${keptKeys.length > 1 ? "" : "s"} where ${keptKeys.length > 1 ? "they are" : "it is"}: env.vars already sets ${keptKeys.length > 1 ? "them" : "it"} differently, or the value is not text.`,
    );
  if (remainingIssues.length > 0)
    sentences.push("OpenClaw would still refuse the rewritten file for the other problems listed.");
  return { movedKeys, keptKeys, explanation: sentences.join(" "), text, remainingIssues };
}
