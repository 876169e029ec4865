import { mergeAuthStores } from "../auth-profiles/auth-store-merge";
import type { EnvValues } from "../auth-profiles/profile-eligibility";
import { resolveAuthOrder } from "../auth-order/resolve-auth-order";
import {
  type ModelAuthKind,
  type ResolvedModelParams,
  resolveModelParams,
} from "../model-params/resolve-model-params";
import { parseModelRef, resolveModelRef } from "../model-selection/model-ref";
import {
  type UtilityModelSelection,
  resolveModelSelection,
} from "../model-selection/resolve-model-selection";
import type { OpenClawState } from "../models-status/openclaw-state";
import { firstAuthOf } from "./agent-model-settings";

/** One model of the gateway defaults: the default chain's models and every entry of the `models` map. */
export type GatewayModelInUse = {
  modelRef: string;
  roles: ("primary" | "fallback" | "models-map")[];
  provider: string;
  authKind: ModelAuthKind;
  /** The profile the shared store would try first for this provider, or null. */
  firstProfileId: string | null;
  /** Effective params with only the gateway's layers (defaults, then the model's entry). */
  params: ResolvedModelParams;
};

/** What the gateway defaults editor shows next to its fields: what OpenClaw makes of them. */
export type GatewayModelSettings = {
  /** `resolvedDefault` and fallbacks of an agent that follows the defaults. */
  effective: {
    primary: string;
    fallbacks: string[];
    imageModel: string | null;
    /** The utility model and where it comes from (configured, a provider's small model, disabled, none). */
    utilityModel: UtilityModelSelection;
  };
  aliases: Record<string, string>;
  knownModels: string[];
  models: GatewayModelInUse[];
};

/**
 * The gateway defaults as an agent without overrides sees them (facts §1.2, §3.2, §3.3): the model it runs, its
 * fallbacks, and each model's params with the layer it came from. Auth kinds come from the shared store's order.
 */
export function describeGatewayModelSettings(
  state: OpenClawState,
  { now, env = {} }: { now: number; env?: EnvValues },
): GatewayModelSettings {
  const { config } = state;
  const selection = resolveModelSelection(config, env);
  const store = mergeAuthStores(state.sharedStore, null, now);
  const lookup = selection.aliasIndex.lookup;
  const authFor = (provider: string) =>
    firstAuthOf(resolveAuthOrder({ provider, store, config, now, env }), store, env);
  const roles = new Map<string, GatewayModelInUse["roles"]>();
  const add = (ref: string, role: GatewayModelInUse["roles"][number]) =>
    roles.set(ref, [...(roles.get(ref) ?? []), role]);
  add(selection.resolvedDefault, "primary");
  for (const raw of selection.fallbacks) add(resolveModelRef(raw, lookup) ?? raw, "fallback");
  for (const ref of Object.keys(config.agents?.defaults?.models ?? {})) add(ref, "models-map");
  const models = [...roles].map(([modelRef, modelRoles]) => {
    const provider = parseModelRef(modelRef)?.provider ?? "";
    const { firstProfileId, authKind } = authFor(provider);
    return {
      modelRef,
      roles: modelRoles,
      provider,
      authKind,
      firstProfileId,
      params: resolveModelParams({ config, modelRef, authKind }),
    };
  });
  return {
    effective: {
      primary: selection.resolvedDefault,
      fallbacks: selection.fallbacks,
      imageModel: selection.imageModel,
      utilityModel: selection.utilityModel,
    },
    aliases: selection.aliases,
    knownModels: [
      ...new Set([...Object.keys(selection.effectiveModels), ...Object.keys(selection.aliases)]),
    ].sort(),
    models,
  };
}
