import { type ResolvedAuthOrder, resolveAuthOrder } from "../auth-order/resolve-auth-order";
import { type MergedAuthStore, mergeAuthStores } from "../auth-profiles/auth-store-merge";
import type { AuthStoreDocuments } from "../auth-profiles/auth-store.schema";
import { envCredentialLookup } from "../auth-profiles/env-credentials";
import type { EnvValues } from "../auth-profiles/profile-eligibility";
import {
  DEFAULT_OAUTH_WARN_MS,
  type ProfileHealth,
  type ProviderHealth,
  buildProfileHealth,
  rollUpProviderHealth,
} from "../auth-profiles/profile-health";
import { type UnusableProfile, listUnusableProfiles } from "../auth-usage/unusable-profiles";
import { compareLocale } from "./locale-order";
import {
  type ModelSelectionSummary,
  prepareModelSelection,
} from "../model-selection/resolve-model-selection";
import { readAgentRoster, selectAgent } from "../openclaw-config/agent-roster";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { findConfigRuleIssues, formatInvalidConfigMessage } from "../openclaw-config/parse-openclaw-config";
import { unresolvedProviderSecretPaths, unresolvedSecretsMessage } from "./command-secrets";
import {
  type AuthOverviewInput,
  buildAuthProviderOverview,
  providersWithOAuth,
  withModelsJsonSources,
} from "./auth-overview";
import {
  type ModelRoute,
  type RouteAuthFindings,
  evaluateModelRoutes,
  modelRoutesInUse,
} from "./model-routes";
import {
  type AuthProviderOverview,
  type ModelsStatusOutcome,
  cliErrorEnvelope,
} from "./models-status-report";
import type { OpenClawState } from "./openclaw-state";
import { agentDirPath, agentStorePath, joinPath, sharedStorePath, shortenHomePath } from "./state-paths";
import { nextAuthStateChangeAt } from "./status-clock";

/** Where the host keeps its OpenClaw state and what its environment holds: the same for every agent. */
export type GatewayStatusOptions = {
  /** The host's OpenClaw state dir and home, which shape the printed paths. */
  stateDir: string;
  home: string;
  /** Environment of the host: credential variables and shell-env switches. */
  env: EnvValues;
  /** `$OPENCLAW_CONFIG_PATH`; defaults to `<stateDir>/openclaw.json`. */
  configPath?: string;
  /**
   * Whether `env` is the whole environment of the run, as for `clawfleet models status`: then an env
   * SecretRef whose variable is unset fails the command as OpenClaw's does (`command-secrets`). The console
   * cannot see a host's environment, so it leaves this off and shows such a key as missing instead.
   */
  envIsComplete?: boolean;
};

export type ModelsStatusOptions = GatewayStatusOptions & {
  /** `--agent <id>`; without it the configured default agent is inspected. */
  agentId?: string;
  /** Epoch ms at which windows and expiries are judged. */
  now: number;
};

/** `models status` for any agent of one gateway, with the gateway-wide work done once. */
export type PreparedModelsStatus = {
  /**
   * `openclaw models status --json [--agent <agentId>]` at `now`: exactly what {@link buildModelsStatus}
   * returns for the same arguments. Treat it as a value: outcomes of one prepared gateway share the parts
   * that do not differ between agents, and a part is frozen as soon as a second outcome holds it.
   */
  statusOf(agentId: string | undefined, now: number): ModelsStatusOutcome;
  /**
   * The earliest instant after `now` at which `statusOf(agentId, ·)` can change by the clock alone, other
   * than in `remainingMs` values and countdown labels (see `status-clock`); null when nothing in the
   * agent's status is time-bound (a refusal never is).
   */
  nextStatusChangeAt(agentId: string | undefined, now: number): number | null;
};

function shellEnvFallbackEnabled(config: OpenClawConfig, env: EnvValues): boolean {
  const flag = env.OPENCLAW_LOAD_SHELL_ENV?.trim().toLowerCase();
  return config.env?.shellEnv?.enabled === true || flag === "1" || flag === "true";
}

/**
 * The environment OpenClaw runs with (`collectConfigEnvVarsByTarget`): the config's `env.vars` entries, which
 * never override the real environment. Only non-blank strings count. OpenClaw also reads direct `env` string
 * entries, but 2026.9.6's schema refuses every such key (`env: Unrecognized key`), so no config that loads
 * has one.
 */
export function withEnvFromConfig(config: OpenClawConfig, env: EnvValues): EnvValues {
  const fromConfig = Object.entries(config.env?.vars ?? {}).filter(([, value]) => value.trim() !== "");
  return fromConfig.length === 0 ? env : { ...Object.fromEntries(fromConfig), ...env };
}

/**
 * OpenClaw fails closed when an agent's store is empty but a JSON-era credential file was never imported
 * (`AUTH_PROFILE_MIGRATION_REQUIRED`, facts §2.1, fixture 06). Files of the inspected agent, of `main` (the
 * shared store's legacy owner) and of the inheritance owner count.
 */
function legacyMigrationMessage(
  state: OpenClawState,
  store: MergedAuthStore,
  agentId: string,
  options: GatewayStatusOptions,
): string | null {
  if (store.profiles.length > 0) return null;
  const owners = new Set([agentId, "main", state.config.agents?.defaults?.authInheritance?.agentId]);
  const blocking = (state.legacyFiles ?? []).find((file) => {
    const owner = /^agents\/([^/]+)\/agent\/[^/]+$/u.exec(file.path)?.[1];
    return (
      file.providers.length > 0 &&
      (owner === undefined ? file.path.startsWith("credentials/") : owners.has(owner))
    );
  });
  if (!blocking) return null;
  const folder = blocking.path.includes("/") ? blocking.path.slice(0, blocking.path.lastIndexOf("/")) : "";
  const storePath = blocking.path.startsWith("agents/")
    ? agentStorePath(joinPath(options.stateDir, folder))
    : sharedStorePath(options.stateDir, state.sharedStoreLocation);
  const providers = [...new Set(blocking.providers)].sort().join(", ");
  return `Auth profile store ${shortenHomePath(storePath, options.home)} requires legacy credential migration; affected providers: ${providers}; run openclaw doctor --fix.`;
}

/**
 * The providers a health summary's effective profiles come from (`resolveProviderStatusProfiles`): none when
 * the explicit order is empty; else the resolved order; when that is empty, the profiles an explicit order
 * lists (eligible or not), or without one every profile of the provider.
 */
function effectiveHealthProfiles(
  order: ResolvedAuthOrder,
  providerProfiles: readonly ProfileHealth[],
): ProfileHealth[] {
  const find = (profileId: string) => providerProfiles.find((profile) => profile.profileId === profileId);
  const present = (profileIds: readonly string[]) =>
    profileIds.flatMap((profileId) => {
      const health = find(profileId);
      return health ? [health] : [];
    });
  if (order.explicitList?.length === 0) return [];
  const ordered = present(order.profileIds);
  if (ordered.length > 0) return ordered;
  return order.explicitList ? present(order.explicitList) : [...providerProfiles];
}

function oauthHealth(
  store: MergedAuthStore,
  config: OpenClawConfig,
  now: number,
  authOrderFor: (provider: string) => ResolvedAuthOrder,
): { profiles: ProfileHealth[]; providers: ProviderHealth[] } {
  const profiles = store.profiles
    .map((profile) =>
      buildProfileHealth(profile, { now, configProfile: config.auth?.profiles?.[profile.profileId] }),
    )
    .sort(
      (left, right) =>
        compareLocale(left.provider, right.provider) || compareLocale(left.profileId, right.profileId),
    );
  const providerIds = [...new Set(profiles.map((profile) => profile.provider))];
  const providers = providerIds.map((provider): ProviderHealth => {
    const providerProfiles = profiles.filter((profile) => profile.provider === provider);
    const effectiveProfiles = effectiveHealthProfiles(authOrderFor(provider), providerProfiles);
    const { status, ...expiry } = rollUpProviderHealth(effectiveProfiles, now);
    return { provider, status, profiles: providerProfiles, effectiveProfiles, ...expiry };
  });
  return { profiles, providers };
}

/** Freezes `value` and everything reachable from it, stopping at parts that are frozen already. */
function freezeDeep<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) freezeDeep(child);
  return value;
}

/**
 * An agent's `auth` as seen through one merged store at one instant: everything in it that does not depend
 * on which agent reads the store. Agents without a store of their own all see the shared store, so they
 * share one view (per `now`).
 */
type StoreView = {
  providers: AuthProviderOverview[];
  providersWithOAuth: string[];
  unusableProfiles: UnusableProfile[];
  oauth: { profiles: ProfileHealth[]; providers: ProviderHealth[] };
  /** Route findings for a set of routes, remembered by the routes (agents with one model share them). */
  routeFindings(routes: readonly ModelRoute[], selection: ModelSelectionSummary): RouteAuthFindings;
};

/**
 * The view of `input.store` at `input.now`. Whatever it hands out a second time (itself, or route findings
 * for routes asked before) is frozen first, because from then on more than one outcome holds it.
 */
function buildStoreView(input: AuthOverviewInput): StoreView {
  const { store, config, envCredentialOf, now, storeDetail } = input;
  const orders = new Map<string, ResolvedAuthOrder>();
  const authOrderFor = (provider: string): ResolvedAuthOrder => {
    let order = orders.get(provider);
    if (!order) {
      order = resolveAuthOrder({ provider, store, config, now });
      orders.set(provider, order);
    }
    return order;
  };
  const providers = buildAuthProviderOverview(input);
  const findings = new Map<string, RouteAuthFindings>();
  return {
    providers,
    providersWithOAuth: providersWithOAuth(providers),
    unusableProfiles: listUnusableProfiles(
      store.usageStats,
      (profileId) => store.byId.get(profileId)?.credential.provider,
      now,
    ),
    oauth: oauthHealth(store, config, now, authOrderFor),
    routeFindings(routes, selection) {
      // why: agents reading one store share findings only when their routes are used alike: the same role
      // (image or text) and the same runtime.
      const key = routes
        .map((route) => [route.ref, route.image ? "image" : "", route.runtime ?? ""].join(" "))
        .join("\n");
      const known = findings.get(key);
      if (known) return freezeDeep(known);
      const found = evaluateModelRoutes(routes, selection, {
        store,
        config,
        env: input.env,
        envCredentialOf,
        now,
        storeDetail,
        authOrderFor,
        providerOverview: (provider) => providers.find((row) => row.provider === provider),
      });
      findings.set(key, found);
      return found;
    },
  };
}

/** The agent a call inspects, where its files are, and the store it reads; or OpenClaw's refusal. */
type InspectedAgent =
  | { ok: false; message: string }
  | {
      ok: true;
      agentId: string;
      explicit: boolean;
      agentStore: AuthStoreDocuments | null;
      store: MergedAuthStore;
      agentDir: string;
    };

/**
 * Prepares `models status` for every agent of one gateway: the config is validated, the environment read,
 * the model defaults and the shared store merged once, and agents that read the same store at the same
 * `now` share its provider rows, health, unusable windows, auth orders and route findings. Computing all
 * agents of a gateway is then linear in the agents, and each answer is exactly {@link buildModelsStatus}'s.
 */
export function prepareModelsStatus(
  state: OpenClawState,
  options: GatewayStatusOptions,
): PreparedModelsStatus {
  const { config } = state;
  const configPath = options.configPath ?? joinPath(options.stateDir, "openclaw.json");
  const configIssues = findConfigRuleIssues(config, { file: configPath });
  const env = withEnvFromConfig(config, options.env);
  const configRefusal =
    configIssues.length > 0
      ? formatInvalidConfigMessage(configPath, configIssues)
      : options.envIsComplete === true && unresolvedProviderSecretPaths(config, env).length > 0
        ? unresolvedSecretsMessage(configPath)
        : null;
  const envCredentialOf = envCredentialLookup(env);
  const selections = prepareModelSelection(config, env);
  const roster = readAgentRoster(config);
  const sharedPath = sharedStorePath(options.stateDir, state.sharedStoreLocation);
  const sharedStoreDetail = shortenHomePath(sharedPath, options.home);
  const shellEnvFallback = { enabled: shellEnvFallbackEnabled(config, env) };
  let sharedOnly: MergedAuthStore | null = null;
  let sharedView: { now: number; view: StoreView } | null = null;

  function inspect(requestedAgentId: string | undefined, now: number): InspectedAgent {
    if (configRefusal !== null) return { ok: false, message: configRefusal };
    const selected = selectAgent(config, requestedAgentId);
    if (!selected.ok) return selected;
    const { agentId } = selected;
    const ownStore = state.agentStores[agentId];
    // why: runtime state without a credentials document is no store at all (`mergeAuthStores`), so such an
    // agent reads the shared store alone and can share its view.
    const agentStore = ownStore?.credentials ? ownStore : null;
    // why: an agent store's merge depends on `now` (its legacy OAuth login may give way to a shared one), so it
    // is merged per call; the shared store alone has nothing to give way, so its merge holds at every `now`.
    const store = agentStore
      ? mergeAuthStores(state.sharedStore, agentStore, now)
      : (sharedOnly ??= mergeAuthStores(state.sharedStore, null, now));
    const migrationMessage = legacyMigrationMessage(state, store, agentId, options);
    if (migrationMessage !== null) return { ok: false, message: migrationMessage };
    const agentDir = agentDirPath(
      options.stateDir,
      agentId,
      roster.entries.get(agentId)?.agentDir,
      options.home,
    );
    return { ok: true, agentId, explicit: selected.explicit, agentStore, store, agentDir };
  }

  function viewOf(agent: Extract<InspectedAgent, { ok: true }>, storeDetail: string, now: number): StoreView {
    const build = () =>
      buildStoreView({
        store: agent.store,
        config,
        env,
        envCredentialOf,
        now,
        storeDetail,
        sharedStoreDetail,
      });
    if (agent.agentStore !== null) return build();
    if (sharedView?.now === now) return freezeDeep(sharedView.view);
    sharedView = { now, view: build() };
    return sharedView.view;
  }

  return {
    statusOf(requestedAgentId, now) {
      const agent = inspect(requestedAgentId, now);
      if (!agent.ok) return cliErrorEnvelope(agent.message);
      const { agentId, agentDir, explicit } = agent;
      const storePath = agent.agentStore?.credentials ? agentStorePath(agentDir) : sharedPath;
      const storeDetail = shortenHomePath(storePath, options.home);
      const view = viewOf(agent, storeDetail, now);
      const selection = selections.selectionFor(explicit ? agentId : undefined, agentId);
      const routes = view.routeFindings(modelRoutesInUse(selection), selection);
      const modelsJsonDetail = shortenHomePath(joinPath(agentDir, "models.json"), options.home);

      return {
        ok: true,
        status: {
          configPath,
          ...(explicit ? { agentId } : {}),
          agentDir,
          defaultModel: selection.defaultModel,
          resolvedDefault: selection.resolvedDefault,
          fallbacks: selection.fallbacks,
          imageModel: selection.imageModel,
          imageFallbacks: selection.imageFallbacks,
          utilityModel: selection.utilityModel,
          ...(selection.modelConfig ? { modelConfig: selection.modelConfig } : {}),
          aliases: selection.aliases,
          allowed: selection.allowed,
          auth: {
            storePath,
            shellEnvFallback: { ...shellEnvFallback, appliedKeys: [] },
            providersWithOAuth: view.providersWithOAuth,
            missingProvidersInUse: routes.missingProvidersInUse,
            modelRouteIssues: routes.modelRouteIssues,
            runtimeAuthRoutes: routes.runtimeAuthRoutes,
            providers: withModelsJsonSources(view.providers, config, modelsJsonDetail),
            unusableProfiles: view.unusableProfiles,
            oauth: { warnAfterMs: DEFAULT_OAUTH_WARN_MS, ...view.oauth },
          },
        },
        selectedProfileIds: routes.selectedProfileIds,
      };
    },
    nextStatusChangeAt(requestedAgentId, now) {
      const agent = inspect(requestedAgentId, now);
      return agent.ok ? nextAuthStateChangeAt(agent.store, now) : null;
    },
  };
}

/**
 * `openclaw models status --json [--agent <id>]` of OpenClaw 2026.9.6 for one agent (facts §1.1–§1.3),
 * computed from plain state: the same object, key for key and in the CLI's key order, or the CLI's
 * `cli_error` envelope where it refuses (invalid config, unknown or ambiguous agent, unmigrated JSON store).
 * For many agents of one gateway, use {@link prepareModelsStatus} once instead.
 */
export function buildModelsStatus(state: OpenClawState, options: ModelsStatusOptions): ModelsStatusOutcome {
  return prepareModelsStatus(state, options).statusOf(options.agentId, options.now);
}
