// Drift between the console and a host's real `openclaw.json`: the host reports `config.get`'s `parsed` config
// after every `config.changed` event (someone ran the CLI, or a job applied), and the console compares the parts it
// edits, as they would be written, with what the host holds.
import { AGENT_ID_PATTERN } from "../openclaw-config/openclaw-config.schema";
import { IMPLICIT_AGENT_ID } from "../openclaw-config/agent-roster";
import { type AgentConfigFragment, type GatewayDefaultsFragment, asWritten } from "./config-change-jobs";

/** An agent as the console holds it; `declared` is false for OpenClaw's implicit `main` (no entry at all). */
export type ConsoleAgentConfig = AgentConfigFragment & { agentKey: string; declared: boolean };

export type ConsoleConfigSide = {
  defaults: GatewayDefaultsFragment;
  agents: readonly ConsoleAgentConfig[];
};

/** An agent entry of the host's config: the fragment the console edits, and what creating it in the console needs. */
export type HostAgentConfig = AgentConfigFragment & { name: string | null; workspace: string | null };

export type HostConfigSide = {
  defaults: GatewayDefaultsFragment;
  /** Declared agents in config order. */
  agents: ReadonlyMap<string, HostAgentConfig>;
};

export const DEFAULTS_DRIFT_FIELDS = ["model", "imageModel", "utilityModel", "models", "params"] as const;
export const AGENT_DRIFT_FIELDS = ["model", "models", "params"] as const;

/**
 * One difference. `field: "agent"` means the agent is declared on one side only; its values are then the whole
 * fragment as written on the side that has it, and null on the other. An absent value is null.
 */
export type HostDriftItem =
  | {
      scope: "defaults";
      field: (typeof DEFAULTS_DRIFT_FIELDS)[number];
      console: unknown;
      host: unknown;
    }
  | {
      scope: "agent";
      agentKey: string;
      field: (typeof AGENT_DRIFT_FIELDS)[number] | "agent";
      console: unknown;
      host: unknown;
    };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function recordOr(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

function stringOr(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function hostAgentOf(entry: Record<string, unknown>): HostAgentConfig {
  return {
    model: entry.model ?? null,
    models: recordOr(entry.models),
    params: recordOr(entry.params),
    name: stringOr(entry.name),
    workspace: stringOr(entry.workspace),
  };
}

/**
 * The parts of a reported config the console edits. The report is read as OpenClaw wrote it, not through the
 * console's config schema: a host may hold settings that schema refuses, and its drift must still show. Agents come
 * from `agents.entries`, then the legacy `agents.list` array for ids the entries do not declare (the precedence of
 * `readAgentRoster`); an id OpenClaw's rule refuses cannot be a running agent and is left out.
 */
export function readHostConfig(config: Record<string, unknown>): HostConfigSide {
  const agentsSection = recordOr(config.agents);
  const defaults = recordOr(agentsSection.defaults);
  const agents = new Map<string, HostAgentConfig>();
  for (const [agentKey, entry] of Object.entries(recordOr(agentsSection.entries)))
    if (AGENT_ID_PATTERN.test(agentKey)) agents.set(agentKey, hostAgentOf(recordOr(entry)));
  const list: unknown[] = Array.isArray(agentsSection.list) ? agentsSection.list : [];
  for (const item of list) {
    if (!isPlainObject(item) || typeof item.id !== "string") continue;
    if (AGENT_ID_PATTERN.test(item.id) && !agents.has(item.id)) agents.set(item.id, hostAgentOf(item));
  }
  return {
    defaults: {
      model: defaults.model ?? null,
      imageModel: defaults.imageModel ?? null,
      utilityModel: defaults.utilityModel ?? null,
      models: recordOr(defaults.models),
      params: recordOr(defaults.params),
    },
    agents,
  };
}

/**
 * JSON with object keys sorted: map order is not compared, because `config.patch` merges into the host's map and
 * cannot reorder it, so an order-only difference would be a drift that pushing could never clear. Arrays
 * (fallbacks) keep their order, which OpenClaw tries in turn.
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isPlainObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

function fieldDrifts<F extends string>(
  fields: readonly F[],
  consoleFragment: Record<string, unknown>,
  hostFragment: Record<string, unknown>,
): { field: F; console: unknown; host: unknown }[] {
  const consoleWritten = asWritten(consoleFragment);
  const hostWritten = asWritten(hostFragment);
  return fields
    .map((field) => ({ field, console: consoleWritten[field] ?? null, host: hostWritten[field] ?? null }))
    .filter((item) => canonicalJson(item.console) !== canonicalJson(item.host));
}

/** An agent entry without settings of its own, e.g. the implicit `main` of a host that declares no agent. */
export const NO_AGENT_SETTINGS: AgentConfigFragment = { model: null, models: {}, params: {} };

function agentFragmentOf({ model, models, params }: AgentConfigFragment): AgentConfigFragment {
  return { model, models, params };
}

/**
 * What differs between the console and the host's reported config: the gateway defaults, then each console agent
 * (in the console's order), then agents declared only on the host. A host that declares no agent runs OpenClaw's
 * implicit `main` with no settings of its own, so the console's `main` is compared with that; a console agent that
 * is undeclared with nothing set equals a host without its entry.
 */
export function compareWithHost(
  consoleSide: ConsoleConfigSide,
  hostConfig: Record<string, unknown>,
): HostDriftItem[] {
  const host = readHostConfig(hostConfig);
  const items: HostDriftItem[] = fieldDrifts(DEFAULTS_DRIFT_FIELDS, consoleSide.defaults, host.defaults).map(
    (item) => ({ scope: "defaults", ...item }),
  );
  const hostRunsImplicitMain = host.agents.size === 0;
  const consoleKeys = new Set<string>();
  for (const agent of consoleSide.agents) {
    consoleKeys.add(agent.agentKey);
    const consoleFragment = agentFragmentOf(agent);
    const hostAgent = host.agents.get(agent.agentKey);
    const hostFragment =
      hostAgent ??
      (hostRunsImplicitMain && agent.agentKey === IMPLICIT_AGENT_ID ? NO_AGENT_SETTINGS : undefined);
    if (hostFragment) {
      for (const item of fieldDrifts(AGENT_DRIFT_FIELDS, consoleFragment, agentFragmentOf(hostFragment)))
        items.push({ scope: "agent", agentKey: agent.agentKey, ...item });
      continue;
    }
    const written = asWritten(consoleFragment);
    if (!agent.declared && Object.keys(written).length === 0) continue;
    items.push({ scope: "agent", agentKey: agent.agentKey, field: "agent", console: written, host: null });
  }
  for (const [agentKey, hostAgent] of host.agents)
    if (!consoleKeys.has(agentKey))
      items.push({
        scope: "agent",
        agentKey,
        field: "agent",
        console: null,
        host: asWritten(agentFragmentOf(hostAgent)),
      });
  return items;
}

/** What settling a drift touches: the defaults fields, and the drifted agents by where they exist. */
export type DriftScope = {
  defaultsFields: (typeof DEFAULTS_DRIFT_FIELDS)[number][];
  /** Agents on both sides whose settings differ. */
  onBothSides: string[];
  consoleOnly: string[];
  hostOnly: string[];
};

/** Groups drift items by what accepting or pushing them changes (the console's answer and the UI's wording). */
export function driftScope(items: readonly HostDriftItem[]): DriftScope {
  const scope: DriftScope = { defaultsFields: [], onBothSides: [], consoleOnly: [], hostOnly: [] };
  for (const item of items) {
    if (item.scope === "defaults") scope.defaultsFields.push(item.field);
    else if (item.field !== "agent") {
      if (!scope.onBothSides.includes(item.agentKey)) scope.onBothSides.push(item.agentKey);
    } else if (item.host === null) scope.consoleOnly.push(item.agentKey);
    else scope.hostOnly.push(item.agentKey);
  }
  return scope;
}
