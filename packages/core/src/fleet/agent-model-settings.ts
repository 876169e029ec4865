import { type MergedAuthStore, mergeAuthStores } from "../auth-profiles/auth-store-merge";
import { findEnvCredential } from "../auth-profiles/env-credentials";
import type { EnvValues } from "../auth-profiles/profile-eligibility";
import { type ResolvedAuthOrder, resolveAuthOrder } from "../auth-order/resolve-auth-order";
import {
  type ModelAuthKind,
  type ResolvedModelParams,
  modelAuthKindOf,
  resolveModelParams,
} from "../model-params/resolve-model-params";
import { parseModelRef, resolveModelRef } from "../model-selection/model-ref";
import { readAgentModelOverride, resolveModelSelection } from "../model-selection/resolve-model-selection";
import type { OpenClawState } from "../models-status/openclaw-state";
import { type AgentModelChoice, agentModelChoiceOf } from "./agent-model-edit.schema";

/** One model the agent may call, with the auth that reaches it and its effective params. */
export type AgentModelInUse = {
  modelRef: string;
  role: "primary" | "fallback";
  provider: string;
  authKind: ModelAuthKind;
  /** The profile OpenClaw would try first for this provider, or null (env key, or nothing usable). */
  firstProfileId: string | null;
  params: ResolvedModelParams;
};

/**
 * The auth a provider's models are reached with: the first profile of its resolved order (facts §2.4) and its
 * kind, or an env credential's kind when no profile is eligible; subscription auth ignores cache settings.
 */
export function firstAuthOf(
  order: ResolvedAuthOrder,
  store: MergedAuthStore,
  env: EnvValues,
): { firstProfileId: string | null; authKind: ModelAuthKind } {
  const firstProfileId = order.profileIds[0] ?? null;
  const firstType = firstProfileId ? store.byId.get(firstProfileId)?.credential.type : undefined;
  const envCredential = firstType ? null : findEnvCredential(order.provider, env);
  const authKind = modelAuthKindOf(
    firstType ?? (envCredential ? (envCredential.kind === "oauth" ? "env-oauth" : "env-api-key") : undefined),
  );
  return { firstProfileId, authKind };
}

/** Everything the agent's model and params editor shows, computed as OpenClaw would. */
export type AgentModelSettings = {
  choice: AgentModelChoice;
  defaults: { primary: string | null; fallbacks: string[] };
  effective: {
    primary: string;
    fallbacks: string[];
    primarySource: "agent" | "defaults";
    fallbacksSource: "agent" | "defaults";
  };
  /** Model refs and aliases this gateway knows, for pickers. */
  knownModels: string[];
  aliases: Record<string, string>;
  models: AgentModelInUse[];
  authOrders: ResolvedAuthOrder[];
  /** The profile that last worked, per provider (`lastGood`, agent store over shared, facts §2.4). */
  lastGood: Record<string, string>;
};

/**
 * The model an agent runs, its fallbacks, and every param's effective value with the layer it came from
 * (facts §1.2, §3.2, §3.3). The auth kind of each model comes from the first profile of the provider's
 * resolved auth order (facts §2.4), or an env credential, because subscription auth ignores cache settings.
 */
export function describeAgentModelSettings(
  state: OpenClawState,
  { agentId, now, env = {} }: { agentId: string; now: number; env?: EnvValues },
): AgentModelSettings {
  const { config } = state;
  const selection = resolveModelSelection(config, env, agentId);
  const entry = config.agents?.entries?.[agentId];
  const defaultsModel = readAgentModelOverride(
    config.agents?.defaults ? { model: config.agents.defaults.model } : undefined,
  );
  const store = mergeAuthStores(state.sharedStore, state.agentStores[agentId] ?? null, now);
  const lookup = selection.aliasIndex.lookup;

  const authOrders = new Map<string, ResolvedAuthOrder>();
  const authFor = (provider: string) => {
    let order = authOrders.get(provider);
    if (!order) {
      order = resolveAuthOrder({ provider, store, config, now, env });
      authOrders.set(provider, order);
    }
    return firstAuthOf(order, store, env);
  };

  const refsInUse = [
    { ref: selection.resolvedDefault, role: "primary" as const },
    ...selection.fallbacks.map((raw) => ({
      ref: resolveModelRef(raw, lookup) ?? raw,
      role: "fallback" as const,
    })),
  ];
  const models = refsInUse.map(({ ref, role }) => {
    const provider = parseModelRef(ref)?.provider ?? "";
    const { firstProfileId, authKind } = authFor(provider);
    return {
      modelRef: ref,
      role,
      provider,
      authKind,
      firstProfileId,
      params: resolveModelParams({ config, agentId, modelRef: ref, authKind }),
    };
  });

  return {
    choice: agentModelChoiceOf(entry?.model ?? null),
    defaults: { primary: defaultsModel.primary, fallbacks: defaultsModel.fallbacks ?? [] },
    effective: {
      primary: selection.resolvedDefault,
      fallbacks: selection.fallbacks,
      primarySource: selection.modelConfig?.defaultSource ?? "defaults",
      fallbacksSource: selection.modelConfig?.fallbacksSource ?? "defaults",
    },
    knownModels: [
      ...new Set([...Object.keys(selection.effectiveModels), ...Object.keys(selection.aliases)]),
    ].sort(),
    aliases: selection.aliases,
    models,
    authOrders: [...authOrders.values()],
    lastGood: { ...store.lastGood },
  };
}
