import type { AgentEntry, OpenClawConfig } from "./openclaw-config.schema";

/** The agent OpenClaw uses when no agent is configured at all. */
export const IMPLICIT_AGENT_ID = "main";

/** Configured agents in config order, whichever generation of config declared them. */
export type AgentRoster = {
  ids: readonly string[];
  entries: ReadonlyMap<string, AgentEntry>;
  /** Ids carrying the retired `default: true` marker. */
  defaultMarkers: readonly string[];
};

const rosterCache = new WeakMap<OpenClawConfig, AgentRoster>();

/**
 * The configured agents: `agents.entries` (2026.7+) or, for a JSON-era config, `agents.list` (facts §3.2).
 * Memoized per config object, because a fleet computation asks once per agent.
 */
export function readAgentRoster(config: OpenClawConfig): AgentRoster {
  const cached = rosterCache.get(config);
  if (cached) return cached;
  const entries = new Map<string, AgentEntry>();
  const declared = config.agents?.entries ?? {};
  // why: keys, not entries: a 100,000-agent roster would allocate a pair per agent for nothing.
  for (const id of Object.keys(declared)) entries.set(id, declared[id] ?? {});
  for (const { id, ...entry } of config.agents?.list ?? []) {
    if (!entries.has(id)) entries.set(id, entry);
  }
  const ids = [...entries.keys()];
  const roster: AgentRoster = {
    ids,
    entries,
    defaultMarkers: ids.filter((id) => entries.get(id)?.default === true),
  };
  rosterCache.set(config, roster);
  return roster;
}

export const MULTI_AGENT_OWNERSHIP_MESSAGE =
  'multi-agent rosters require agents.ownership="explicit" or one legacy default=true marker; add agents.ownership="explicit" or run openclaw doctor';

/**
 * OpenClaw's load-time roster rule (facts §3.2): more than one agent needs `agents.ownership: "explicit"`
 * or exactly one legacy `default: true` marker. Returns the message, or null when the roster is valid.
 */
export function findRosterOwnershipProblem(config: OpenClawConfig): string | null {
  const roster = readAgentRoster(config);
  if (roster.ids.length <= 1) return null;
  if (config.agents?.ownership === "explicit" || roster.defaultMarkers.length === 1) return null;
  return MULTI_AGENT_OWNERSHIP_MESSAGE;
}

export type AgentSelection =
  { ok: true; agentId: string; explicit: boolean } | { ok: false; message: string };

/**
 * Which agent `models status` inspects (facts §1.1): `--agent <id>` when given (it must be configured, or
 * be `main` when nothing is configured); else the only agent; else `agents.defaults.systemAgent.agentId`
 * or the one legacy default marker; else OpenClaw refuses with its "no explicit owner" message.
 */
export function selectAgent(config: OpenClawConfig, requestedAgentId: string | undefined): AgentSelection {
  const roster = readAgentRoster(config);
  if (requestedAgentId !== undefined) {
    const known =
      roster.entries.has(requestedAgentId) ||
      (roster.ids.length === 0 && requestedAgentId === IMPLICIT_AGENT_ID);
    return known
      ? { ok: true, agentId: requestedAgentId, explicit: true }
      : {
          ok: false,
          message: `Unknown agent id "${requestedAgentId}". Use "openclaw agents list" to see configured agents.`,
        };
  }
  if (roster.ids.length === 0) return { ok: true, agentId: IMPLICIT_AGENT_ID, explicit: false };
  const [onlyId] = roster.ids;
  if (roster.ids.length === 1 && onlyId !== undefined) return { ok: true, agentId: onlyId, explicit: false };
  const legacyDefault = roster.defaultMarkers.length === 1 ? roster.defaultMarkers[0] : undefined;
  const owner = config.agents?.defaults?.systemAgent?.agentId ?? legacyDefault;
  if (owner !== undefined && roster.entries.has(owner)) return { ok: true, agentId: owner, explicit: false };
  return {
    ok: false,
    message:
      "Multiple agents are configured, but model inspection has no explicit owner. Pass --agent <id> or set agents.defaults.systemAgent.agentId.",
  };
}
