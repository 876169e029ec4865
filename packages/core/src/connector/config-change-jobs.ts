// The `config.patch` host job that carries a console edit to the host's `openclaw.json`: an agent's entry
// (`agents.entries.<id>`: model, per-model map, params) or the gateway defaults (`agents.defaults`).
import { configMergePatch } from "./config-merge-patch";
import type { HostJobPayloadOf } from "./host-jobs";

type ConfigPatchJob = HostJobPayloadOf<"config.patch">;

/** The part of `agents.entries.<id>` the console edits. */
export type AgentConfigFragment = {
  model: unknown;
  models: Record<string, unknown>;
  params: Record<string, unknown>;
};

/** The part of `agents.defaults` the console edits. */
export type GatewayDefaultsFragment = {
  model: unknown;
  imageModel: unknown;
  utilityModel: unknown;
  models: Record<string, unknown>;
  params: Record<string, unknown>;
};

/**
 * The fragment as it reads in `openclaw.json`: an unset value (null) and an empty map are both absent, so clearing
 * every param removes the `params` key on the host rather than writing `params: {}` beside an untouched config.
 */
export function asWritten(fragment: Record<string, unknown>): Record<string, unknown> {
  const written: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fragment)) {
    if (value === null || value === undefined) continue;
    if (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0) continue;
    written[key] = value;
  }
  return written;
}

function patchJob(
  at: readonly string[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  note: string,
  affectedAgentKeys: ConfigPatchJob["affectedAgentKeys"],
): ConfigPatchJob | null {
  const change = configMergePatch(at, asWritten(before), asWritten(after));
  if (!change) return null;
  return { kind: "config.patch", ...change, note: note.slice(0, 500), affectedAgentKeys };
}

/** The job that writes an agent's edited model, per-model map and params on its host, or null if nothing changed. */
export function agentConfigPatchJob(
  agentKey: string,
  before: AgentConfigFragment,
  after: AgentConfigFragment,
  note: string,
): ConfigPatchJob | null {
  return patchJob(["agents", "entries", agentKey], before, after, note, [agentKey]);
}

/**
 * The job that writes edited gateway defaults on the host, or null if nothing changed. Every agent of the gateway
 * can inherit a default, so all of them are reported after it applies.
 */
export function gatewayDefaultsPatchJob(
  before: GatewayDefaultsFragment,
  after: GatewayDefaultsFragment,
  note: string,
): ConfigPatchJob | null {
  return patchJob(["agents", "defaults"], before, after, note, "all");
}
