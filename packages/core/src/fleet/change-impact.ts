/**
 * What a change would do to a gateway's agents before it is saved: the change is applied to the gateway's record
 * (its `openclaw.json` and stores as the console holds them), every agent's `models status` is computed on both
 * states exactly as the stored statuses are, and the agents whose `--check` verdict, resolved model or effective
 * profile would change are listed with the difference in words.
 */
import { prepareModelsStatus, type GatewayStatusOptions } from "../models-status/build-models-status";
import { selectedProfileId } from "../models-status/models-status-check";
import type { ModelsStatusOutcome } from "../models-status/models-status-report";
import { clockFreeModelsStatus } from "../models-status/status-clock";
import { selectAgent } from "../openclaw-config/agent-roster";
import type { ModelSelection } from "../openclaw-config/openclaw-config.schema";
import {
  type AgentRecord,
  type GatewayConfigRecord,
  type GatewayRecord,
  type StoreRecord,
  joinGatewayRecord,
} from "../openclaw-import/gateway-record";
import type { AgentParamsEdit } from "./agent-model-edit.schema";
import { replaceParamsLayer } from "./bulk-edit";
import { type FleetAgentVerdict, fleetVerdictOf } from "./fleet-status";

/** The gateway-wide fields an operator edits under `agents.defaults`. */
export type GatewayDefaultsChange = Partial<
  Pick<
    GatewayConfigRecord,
    "defaultModel" | "imageModel" | "utilityModel" | "defaultModels" | "defaultParams"
  >
>;

/** A change the console can preview, as it would be written. */
export type ProposedChange =
  | { kind: "agent-model"; agentKey: string; model: ModelSelection | null }
  | { kind: "agent-params"; agentKey: string; edit: AgentParamsEdit }
  | { kind: "agent-auth-order"; agentKey: string; provider: string; profileIds: string[] | null }
  | { kind: "gateway-defaults"; defaults: GatewayDefaultsChange }
  /** Removes `profileId` from the shared store (`storeAgentKey` null) or from that agent's own store. */
  | { kind: "profile-removal"; storeAgentKey: string | null; profileId: string };

function withAgent(
  record: GatewayRecord,
  agentKey: string,
  update: (agent: AgentRecord) => AgentRecord,
): GatewayRecord {
  if (!record.agents.some((agent) => agent.agentKey === agentKey))
    throw new RangeError(`No agent ${agentKey} on this gateway.`);
  return {
    ...record,
    agents: record.agents.map((agent) => (agent.agentKey === agentKey ? update(agent) : agent)),
  };
}

const EMPTY_STORE: StoreRecord = {
  order: {},
  lastGood: {},
  orphanUsageStats: {},
  hasCredentialDocument: false,
  profiles: [],
};

function withoutProfile(store: StoreRecord | null, profileId: string): StoreRecord | null {
  if (!store?.profiles.some((profile) => profile.profileId === profileId))
    throw new RangeError(`No profile ${profileId} in that store.`);
  return { ...store, profiles: store.profiles.filter((profile) => profile.profileId !== profileId) };
}

/**
 * The gateway record with `change` applied, as the edit's use case would write it (the input is not modified).
 * An agent's stored order goes into its own store (a state-only one when it has none), as `writeAgentStoredOrder`
 * does. Throws a RangeError for an agent or profile the record does not hold.
 */
export function applyProposedChange(record: GatewayRecord, change: ProposedChange): GatewayRecord {
  switch (change.kind) {
    case "agent-model":
      return withAgent(record, change.agentKey, (agent) => ({ ...agent, model: change.model }));
    case "agent-params":
      return withAgent(record, change.agentKey, (agent) => ({
        ...agent,
        ...replaceParamsLayer(agent, change.edit),
      }));
    case "agent-auth-order":
      return withAgent(record, change.agentKey, (agent) => {
        const store = agent.store ?? EMPTY_STORE;
        const order = { ...store.order };
        if (change.profileIds === null) delete order[change.provider];
        else order[change.provider] = [...change.profileIds];
        // why: OpenClaw saves the order with the agent's store, writing its (maybe empty) credentials document
        // too (`setAuthProfileOrder`); state without that document would count for nothing.
        return { ...agent, store: { ...store, order, hasCredentialDocument: true } };
      });
    case "gateway-defaults":
      return { ...record, config: { ...record.config, ...change.defaults } };
    case "profile-removal":
      if (change.storeAgentKey === null)
        return { ...record, sharedStore: withoutProfile(record.sharedStore, change.profileId) };
      return withAgent(record, change.storeAgentKey, (agent) => ({
        ...agent,
        store: withoutProfile(agent.store, change.profileId),
      }));
  }
}

/** What the impact preview compares for one agent: its verdict, the model it runs, the profile per provider. */
export type AgentImpactView = {
  verdict: FleetAgentVerdict;
  /** `--check` reasons, or OpenClaw's refusal. */
  reasons: string[];
  /** `resolvedDefault`, or null when OpenClaw refuses to print a status. */
  resolvedModel: string | null;
  fallbacks: string[];
  /** Per provider with profiles: the profile its routes would use now, or null when none is usable. */
  profiles: Record<string, string | null>;
};

export type AgentImpact = {
  agentKey: string;
  before: AgentImpactView;
  after: AgentImpactView;
  /** The differences, each in one short sentence (verdict first). */
  differences: string[];
  /** True when only parts of the JSON outside the compared fields change (e.g. params of the model config). */
  otherStatusChanges: boolean;
};

export type ChangeImpact = {
  /** How many agents were computed (every agent of the gateway). */
  checkedAgents: number;
  /** Agents whose status would change, in gateway order. */
  agents: AgentImpact[];
  /** Agents that are not failing (or refused) now and would be after the change. */
  turnsFailing: number;
  /** Agents that fail (or are refused) now and would not after the change. */
  turnsHealthy: number;
};

const VERDICT_WORDS: Record<FleetAgentVerdict, string> = {
  ok: "OK",
  expiring: "Expiring",
  failing: "Failing",
  refused: "Refused",
};

const isBroken = (verdict: FleetAgentVerdict) => verdict === "failing" || verdict === "refused";

function viewOf(outcome: ModelsStatusOutcome): AgentImpactView {
  const { verdict, reasons } = fleetVerdictOf(outcome);
  if (!outcome.ok) return { verdict, reasons, resolvedModel: null, fallbacks: [], profiles: {} };
  const { status } = outcome;
  const profiles: Record<string, string | null> = {};
  for (const health of status.auth.oauth.providers)
    profiles[health.provider] = selectedProfileId(status, health);
  return { verdict, reasons, resolvedModel: status.resolvedDefault, fallbacks: status.fallbacks, profiles };
}

const listText = (refs: readonly string[]) => (refs.length === 0 ? "none" : refs.join(" → "));

function differencesOf(before: AgentImpactView, after: AgentImpactView): string[] {
  const differences: string[] = [];
  if (before.verdict !== after.verdict || before.reasons.join("\n") !== after.reasons.join("\n")) {
    const why = after.reasons.length > 0 ? `: ${after.reasons.join("; ")}` : "";
    differences.push(`${VERDICT_WORDS[before.verdict]} → ${VERDICT_WORDS[after.verdict]}${why}`);
  }
  if (before.resolvedModel !== after.resolvedModel)
    differences.push(`model ${before.resolvedModel ?? "none"} → ${after.resolvedModel ?? "none"}`);
  if (listText(before.fallbacks) !== listText(after.fallbacks))
    differences.push(`fallbacks ${listText(before.fallbacks)} → ${listText(after.fallbacks)}`);
  const providers = [...new Set([...Object.keys(before.profiles), ...Object.keys(after.profiles)])].sort();
  for (const provider of providers) {
    const was = before.profiles[provider] ?? null;
    const will = after.profiles[provider] ?? null;
    if (was !== will) differences.push(`${provider} profile ${was ?? "none"} → ${will ?? "none"}`);
  }
  return differences;
}

/**
 * Every agent of the gateway computed on the current and the proposed record at `now`, as the stored statuses
 * compute them (the default agent as a bare `models status`, the others with `--agent`): those whose status would
 * differ, with the differences in words. Pure; `options` describes the host as for {@link prepareModelsStatus}.
 */
export function computeChangeImpact(
  current: GatewayRecord,
  proposed: GatewayRecord,
  options: GatewayStatusOptions,
  now: number,
): ChangeImpact {
  const beforeState = joinGatewayRecord(current);
  const afterState = joinGatewayRecord(proposed);
  const beforeStatus = prepareModelsStatus(beforeState, options);
  const afterStatus = prepareModelsStatus(afterState, options);
  const defaultKey = (state: typeof beforeState) => {
    const selection = selectAgent(state.config, undefined);
    return selection.ok ? selection.agentId : null;
  };
  const defaults = { before: defaultKey(beforeState), after: defaultKey(afterState) };
  const agents: AgentImpact[] = [];
  let turnsFailing = 0;
  let turnsHealthy = 0;
  for (const { agentKey } of current.agents) {
    const was = beforeStatus.statusOf(agentKey === defaults.before ? undefined : agentKey, now);
    const will = afterStatus.statusOf(agentKey === defaults.after ? undefined : agentKey, now);
    const sameJson =
      JSON.stringify(clockFreeModelsStatus(was, now)) === JSON.stringify(clockFreeModelsStatus(will, now));
    if (sameJson) continue;
    const before = viewOf(was);
    const after = viewOf(will);
    const differences = differencesOf(before, after);
    if (!isBroken(before.verdict) && isBroken(after.verdict)) turnsFailing += 1;
    if (isBroken(before.verdict) && !isBroken(after.verdict)) turnsHealthy += 1;
    agents.push({ agentKey, before, after, differences, otherStatusChanges: differences.length === 0 });
  }
  return { checkedAgents: current.agents.length, agents, turnsFailing, turnsHealthy };
}
