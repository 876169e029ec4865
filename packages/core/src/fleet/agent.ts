import type { AgentListSort } from "./agent-list";
import type { AuthProfileType } from "./auth-profile";
import type { FleetAgentVerdict } from "./fleet-status";

/** One agent as the console lists it (no secrets, no runtime state). */
export type AgentSummary = {
  id: string;
  /** OpenClaw's agent id on its gateway. */
  agentKey: string;
  name: string;
  gatewayId: string;
  gatewayName: string;
  isDefault: boolean;
  tags: string[];
  /** The agent's own primary model, or null when it follows the gateway defaults. */
  primaryModel: string | null;
  version: number;
  updatedAt: Date;
};

export type AgentDetail = AgentSummary & {
  workspace: string | null;
  agentDir: string | null;
  /** `agents.entries.<id>.model` as configured: a string, `{primary, fallbacks?}`, or null. */
  model: unknown;
  models: Record<string, unknown>;
  params: Record<string, unknown>;
  profileTypes: AuthProfileType[];
};

export type AgentListQuery = {
  search?: string;
  gatewayId?: string;
  tag?: string;
  /** Agents that reach a profile of this provider, from their own store or their gateway's shared one. */
  provider?: string;
  /** Agents that reach a profile of this type (with `provider`, of that provider). */
  profileType?: AuthProfileType;
  /** Only agents whose stored `--check` verdict is this one (the reported one where newer). */
  verdict?: FleetAgentVerdict;
  /** The order of the whole list (sorted in the query); by name when absent. Ties break by name, then id. */
  sort?: AgentListSort;
  page: number;
  pageSize: number;
};

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** The values the agent list can be filtered by, for the filter pickers. */
export type AgentListFacets = { tags: string[]; providers: string[] };
