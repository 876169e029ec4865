import {
  type AgentModelChoice,
  type AgentParamsEdit,
  agentModelChoiceOf,
  agentModelConfigOf,
} from "./agent-model-edit.schema";
import type { AgentDetail } from "./agent";
import type { BulkEditAction, BulkParamsChange } from "./bulk-edit.schema";

/** The agent-owned fields an edit may replace; `model: null` removes the override. */
export type AgentModelChanges = {
  model?: string | { primary: string; fallbacks: string[] } | null;
  models?: Record<string, unknown>;
  params?: Record<string, unknown>;
};

export type BulkEditAgent = Pick<
  AgentDetail,
  "id" | "name" | "gatewayName" | "version" | "model" | "models" | "params"
>;

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The params of one agent-owned layer: `agents.entries.<id>.params`, or `.models[ref].params` (facts §3.3). */
export function paramsOfLayer(
  agent: Pick<AgentDetail, "models" | "params">,
  layer: AgentParamsEdit["layer"],
): Record<string, unknown> {
  return layer.kind === "agent" ? agent.params : asRecord(asRecord(agent.models[layer.modelRef]).params);
}

/**
 * Replaces one params layer. For a model's layer the entry's other settings (alias, …) stay, and an entry
 * left empty is removed, so the config carries no `{}` nobody wrote.
 */
export function replaceParamsLayer(
  agent: Pick<AgentDetail, "models">,
  { layer, params }: AgentParamsEdit,
): AgentModelChanges {
  if (layer.kind === "agent") return { params };
  const { params: _previous, ...rest } = asRecord(agent.models[layer.modelRef]);
  const entry = Object.keys(params).length > 0 ? { ...rest, params } : rest;
  const models = { ...agent.models };
  if (Object.keys(entry).length > 0) models[layer.modelRef] = entry;
  else delete models[layer.modelRef];
  return { models };
}

/** The layer's params after a bulk change: `set` keys overwritten, `clear` keys removed, the rest kept. */
export function paramsAfterChange(current: Record<string, unknown>, change: BulkParamsChange) {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(change.set)) if (value !== undefined) next[key] = value;
  for (const key of change.clear) delete next[key];
  return next;
}

/** Equal as JSON values, whatever the key order of objects. */
function sameValue(left: unknown, right: unknown): boolean {
  if (Array.isArray(left) || Array.isArray(right)) {
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => sameValue(item, right[index]))
    );
  }
  if (left !== null && right !== null && typeof left === "object" && typeof right === "object") {
    const leftKeys = Object.keys(left);
    const rightRecord = right as Record<string, unknown>;
    return (
      leftKeys.length === Object.keys(right).length &&
      leftKeys.every(
        (key) => key in rightRecord && sameValue((left as Record<string, unknown>)[key], rightRecord[key]),
      )
    );
  }
  return left === right;
}

/** The changes a bulk action makes to one agent, or null when the agent already has the new value. */
export function bulkEditChanges(agent: BulkEditAgent, action: BulkEditAction): AgentModelChanges | null {
  if (action.kind === "model") {
    return sameValue(agentModelChoiceOf(agent.model), action.choice)
      ? null
      : { model: agentModelConfigOf(action.choice) };
  }
  const { layer } = action.change;
  const current = paramsOfLayer(agent, layer);
  const params = paramsAfterChange(current, action.change);
  return sameValue(current, params) ? null : replaceParamsLayer(agent, { layer, params });
}

/** A model choice in words, as the preview shows it. */
export function describeModelChoice(choice: AgentModelChoice): string {
  switch (choice.mode) {
    case "inherit":
      return "gateway default (inherit)";
    case "strict":
      return `${choice.primary} (strict, no fallback)`;
    case "fallbacks":
      return `${choice.primary} → ${choice.fallbacks.join(" → ")}`;
  }
}

/** A params layer in words: `key=value` pairs in key order, or `no params`. */
export function describeParams(params: Record<string, unknown>): string {
  const entries = Object.keys(params)
    .sort()
    .map((key) => `${key}=${typeof params[key] === "string" ? params[key] : JSON.stringify(params[key])}`);
  return entries.length > 0 ? entries.join(", ") : "no params";
}

export type BulkEditPlanItem = {
  agentId: string;
  agentName: string;
  gatewayName: string;
  /** The version the preview saw; the apply sends it back, so a change made since becomes a conflict. */
  version: number;
  current: string;
  next: string;
  changed: boolean;
};

/** Current and new value, in words, for one agent. */
export function planBulkEditItem(agent: BulkEditAgent, action: BulkEditAction): BulkEditPlanItem {
  const base = {
    agentId: agent.id,
    agentName: agent.name,
    gatewayName: agent.gatewayName,
    version: agent.version,
  };
  if (action.kind === "model") {
    const current = agentModelChoiceOf(agent.model);
    return {
      ...base,
      current: describeModelChoice(current),
      next: describeModelChoice(action.choice),
      changed: !sameValue(current, action.choice),
    };
  }
  const current = paramsOfLayer(agent, action.change.layer);
  const next = paramsAfterChange(current, action.change);
  return {
    ...base,
    current: describeParams(current),
    next: describeParams(next),
    changed: !sameValue(current, next),
  };
}

/** The preview of a bulk edit: every agent with its current and new value, in the order given. */
export function planBulkEdit(agents: readonly BulkEditAgent[], action: BulkEditAction) {
  const items = agents.map((agent) => planBulkEditItem(agent, action));
  return { items, changedCount: items.filter((item) => item.changed).length };
}

export type BulkEditOutcome =
  | { agentId: string; status: "updated"; version: number }
  | { agentId: string; status: "unchanged"; version: number }
  | { agentId: string; status: "conflict"; message: string }
  | { agentId: string; status: "failed"; message: string };
