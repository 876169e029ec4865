/**
 * The agent list's rules: the columns it sorts on (in the query, since it pages through up to 10,000
 * agents), how bad each `--check` verdict is, and the health an agent's row shows ("Failing: anthropic is in
 * use with no usable auth.").
 */
import type { AgentSummary } from "./agent";
import type { FleetAgentVerdict } from "./fleet-status";

export const AGENT_LIST_SORT_KEYS = ["name", "agentKey", "gateway", "health", "model", "updated"] as const;
export type AgentListSortKey = (typeof AGENT_LIST_SORT_KEYS)[number];
export type SortDirection = "asc" | "desc";
export type AgentListSort = { key: AgentListSortKey; direction: SortDirection };

export const DEFAULT_AGENT_LIST_SORT: AgentListSort = { key: "name", direction: "asc" };

/**
 * How bad a verdict is, for sorting by health: higher is worse. A refusal (the CLI cannot even print a
 * status) ranks above a failing `--check`. The stored status's generated `verdictRank` column repeats it.
 */
export const VERDICT_SEVERITY: Record<FleetAgentVerdict, number> = {
  ok: 0,
  expiring: 1,
  failing: 2,
  refused: 3,
};

/** A sort as the URL keeps it, `key` or `key:desc`, over `keys`; anything else is `fallback`. */
export function parseListSort<K extends string>(
  keys: readonly K[],
  value: string | null | undefined,
  fallback: { key: K; direction: SortDirection },
): { key: K; direction: SortDirection } {
  const [key, direction] = (value ?? "").split(":");
  const known = keys.find((candidate) => candidate === key);
  if (!known) return fallback;
  return { key: known, direction: direction === "desc" ? "desc" : "asc" };
}

/** The URL form of a sort; the fallback sort has none (an empty string). */
export function formatListSort<K extends string>(
  sort: { key: K; direction: SortDirection },
  fallback: { key: K; direction: SortDirection },
): string {
  if (sort.key === fallback.key && sort.direction === fallback.direction) return "";
  return sort.direction === "desc" ? `${sort.key}:desc` : sort.key;
}

/** The agent list's sort from the URL: `health` (ascending) or `health:desc`; anything else is by name. */
export function parseAgentListSort(value: string | null | undefined): AgentListSort {
  return parseListSort(AGENT_LIST_SORT_KEYS, value, DEFAULT_AGENT_LIST_SORT);
}

export function formatAgentListSort(sort: AgentListSort): string {
  return formatListSort(sort, DEFAULT_AGENT_LIST_SORT);
}

/** The auth matrix sorts its rows by agent name, gateway or `--check` health (in the query, like the list). */
export const AUTH_MATRIX_SORT_KEYS = ["name", "gateway", "health"] as const;
export type AuthMatrixSort = { key: (typeof AUTH_MATRIX_SORT_KEYS)[number]; direction: SortDirection };
export const DEFAULT_AUTH_MATRIX_SORT: AuthMatrixSort = { key: "name", direction: "asc" };

/** What the health column shows: the verdict the agent counts with, and why, or that none is stored yet. */
export type AgentHealth =
  | { state: "pending" }
  | {
      state: "known";
      verdict: FleetAgentVerdict;
      /** Why it is not ok: the worst stored cause, or the host's report where it overrules the computation. */
      reason: string | null;
      /** The verdict comes from the newest host report rather than the console's computation. */
      reported: boolean;
      /** The stored status is being recomputed (inputs changed or a clock instant passed). */
      updating: boolean;
    };

export const VERDICT_WORDS: Record<FleetAgentVerdict, string> = {
  ok: "OK",
  expiring: "Expiring",
  failing: "Failing",
  refused: "Refused",
};

/**
 * An agent's health from its stored status: the effective verdict (reported where newer), with the worst
 * attention cause's sentence as its reason. Where the host's report overrules the computation, the causes
 * (which explain the computed verdict) do not apply, so the reason says what the host and the console said.
 */
export function agentHealthOf(
  stored: {
    effectiveVerdict: FleetAgentVerdict;
    computedVerdict: FleetAgentVerdict;
    worstCause: string | null;
    updating: boolean;
  } | null,
): AgentHealth {
  if (!stored) return { state: "pending" };
  const reported = stored.effectiveVerdict !== stored.computedVerdict;
  const reason =
    stored.effectiveVerdict === "ok"
      ? null
      : reported
        ? `The host reported ${VERDICT_WORDS[stored.effectiveVerdict]}; the console computes ${VERDICT_WORDS[stored.computedVerdict]}.`
        : stored.worstCause;
  return { state: "known", verdict: stored.effectiveVerdict, reason, reported, updating: stored.updating };
}

/** One row of the agent list: the agent, its health and the model `models status` resolved for it. */
export type AgentListItem = AgentSummary & {
  health: AgentHealth;
  /** The model the agent actually uses (`resolvedDefault`), or null before a status is stored or on refusal. */
  resolvedModel: string | null;
};
