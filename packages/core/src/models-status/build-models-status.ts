import { type ResolvedAuthOrder, resolveAuthOrder } from "../auth-order/resolve-auth-order";
import { type MergedAuthStore, mergeAuthStores } from "../auth-profiles/auth-store-merge";
import type { EnvValues } from "../auth-profiles/profile-eligibility";
import {
  DEFAULT_OAUTH_WARN_MS,
  type ProfileHealth,
  type ProviderHealth,
  buildProfileHealth,
  rollUpProviderHealth,
} from "../auth-profiles/profile-health";
import { listUnusableProfiles } from "../auth-usage/unusable-profiles";
import { resolveModelSelection } from "../model-selection/resolve-model-selection";
import { readAgentRoster, selectAgent } from "../openclaw-config/agent-roster";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { findConfigRuleIssues, formatInvalidConfigMessage } from "../openclaw-config/parse-openclaw-config";
import { buildAuthProviderOverview, providersWithOAuth } from "./auth-overview";
import { evaluateModelRoutes, modelRoutesInUse } from "./model-routes";
import { type ModelsStatusOutcome, cliErrorEnvelope } from "./models-status-report";
import type { OpenClawState } from "./openclaw-state";
import { agentDirPath, agentStorePath, joinPath, sharedStorePath, shortenHomePath } from "./state-paths";

export type ModelsStatusOptions = {
  /** `--agent <id>`; without it the configured default agent is inspected. */
  agentId?: string;
  /** Epoch ms at which windows and expiries are judged. */
  now: number;
  /** The host's OpenClaw state dir and home, which shape the printed paths. */
  stateDir: string;
  home: string;
  /** Environment of the host: credential variables and shell-env switches. */
  env: EnvValues;
  /** `$OPENCLAW_CONFIG_PATH`; defaults to `<stateDir>/openclaw.json`. */
  configPath?: string;
};

function shellEnvFallbackEnabled(config: OpenClawConfig, env: EnvValues): boolean {
  const flag = env.OPENCLAW_LOAD_SHELL_ENV?.trim().toLowerCase();
  return config.env?.shellEnv?.enabled === true || flag === "1" || flag === "true";
}

function withEnvFromConfig(config: OpenClawConfig, env: EnvValues): EnvValues {
  // why: OpenClaw applies string entries of the config's `env` block without overriding the real environment.
  const fromConfig = Object.entries(config.env ?? {}).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string",
  );
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
  options: ModelsStatusOptions,
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

function oauthHealth(
  store: MergedAuthStore,
  config: OpenClawConfig,
  options: ModelsStatusOptions & { env: EnvValues },
  authOrderFor: (provider: string) => ResolvedAuthOrder,
): { profiles: ProfileHealth[]; providers: ProviderHealth[] } {
  const byId = new Map<string, ProfileHealth>();
  for (const profile of store.profiles) {
    byId.set(
      profile.profileId,
      buildProfileHealth(profile, {
        now: options.now,
        env: options.env,
        configProfile: config.auth?.profiles?.[profile.profileId],
      }),
    );
  }
  const profiles = [...byId.values()].sort(
    (left, right) =>
      compareText(left.provider, right.provider) || compareText(left.profileId, right.profileId),
  );
  const providerIds = [...new Set(profiles.map((profile) => profile.provider))];
  const providers = providerIds.map((provider): ProviderHealth => {
    const effectiveProfiles = authOrderFor(provider).profileIds.flatMap((profileId) => {
      const health = byId.get(profileId);
      return health ? [health] : [];
    });
    const { status, ...expiry } = rollUpProviderHealth(effectiveProfiles, options.now);
    return {
      provider,
      status,
      profiles: profiles.filter((profile) => profile.provider === provider),
      effectiveProfiles,
      ...expiry,
    };
  });
  return { profiles, providers };
}

function compareText(left: string, right: string): number {
  return left < right ? -1 : Number(left > right);
}

/**
 * `openclaw models status --json [--agent <id>]` of OpenClaw 2026.9.6 for one agent (facts §1.1–§1.3),
 * computed from plain state: the same object, key for key and in the CLI's key order, or the CLI's
 * `cli_error` envelope where it refuses (invalid config, unknown or ambiguous agent, unmigrated JSON store).
 */
export function buildModelsStatus(state: OpenClawState, options: ModelsStatusOptions): ModelsStatusOutcome {
  const { config } = state;
  const configPath = options.configPath ?? joinPath(options.stateDir, "openclaw.json");
  const configIssues = findConfigRuleIssues(config, { file: configPath });
  if (configIssues.length > 0) return cliErrorEnvelope(formatInvalidConfigMessage(configPath, configIssues));
  const selected = selectAgent(config, options.agentId);
  if (!selected.ok) return cliErrorEnvelope(selected.message);
  const { agentId } = selected;

  const env = withEnvFromConfig(config, options.env);
  const agentStore = state.agentStores[agentId] ?? null;
  const store = mergeAuthStores(state.sharedStore, agentStore);
  const migrationMessage = legacyMigrationMessage(state, store, agentId, options);
  if (migrationMessage !== null) return cliErrorEnvelope(migrationMessage);

  const agentDir = agentDirPath(
    options.stateDir,
    agentId,
    readAgentRoster(config).entries.get(agentId)?.agentDir,
    options.home,
  );
  const storePath = agentStore?.credentials
    ? agentStorePath(agentDir)
    : sharedStorePath(options.stateDir, state.sharedStoreLocation);
  const storeDetail = shortenHomePath(storePath, options.home);
  const sharedStoreDetail = shortenHomePath(
    sharedStorePath(options.stateDir, state.sharedStoreLocation),
    options.home,
  );
  const orders = new Map<string, ResolvedAuthOrder>();
  const authOrderFor = (provider: string): ResolvedAuthOrder => {
    let order = orders.get(provider);
    if (!order) {
      order = resolveAuthOrder({ provider, store, config, now: options.now, env });
      orders.set(provider, order);
    }
    return order;
  };

  const selection = resolveModelSelection(config, env, selected.explicit ? agentId : undefined);
  const providers = buildAuthProviderOverview({
    store,
    config,
    env,
    now: options.now,
    storeDetail,
    sharedStoreDetail,
    modelsJsonDetail: shortenHomePath(joinPath(agentDir, "models.json"), options.home),
  });
  const routes = evaluateModelRoutes(modelRoutesInUse(selection), selection, {
    store,
    config,
    env,
    now: options.now,
    storeDetail,
    authOrderFor,
  });
  const health = oauthHealth(store, config, { ...options, env }, authOrderFor);

  return {
    ok: true,
    status: {
      configPath,
      ...(selected.explicit ? { agentId } : {}),
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
        shellEnvFallback: { enabled: shellEnvFallbackEnabled(config, env), appliedKeys: [] },
        providersWithOAuth: providersWithOAuth(providers),
        missingProvidersInUse: routes.missingProvidersInUse,
        modelRouteIssues: routes.modelRouteIssues,
        runtimeAuthRoutes: routes.runtimeAuthRoutes,
        providers,
        unusableProfiles: listUnusableProfiles(
          store.usageStats,
          (profileId) => store.byId.get(profileId)?.credential.provider,
          options.now,
        ),
        oauth: { warnAfterMs: DEFAULT_OAUTH_WARN_MS, ...health },
      },
    },
  };
}
