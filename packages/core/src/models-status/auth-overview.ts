import type { MergedAuthStore } from "../auth-profiles/auth-store-merge";
import {
  ENV_CREDENTIAL_PROVIDERS,
  type EnvCredential,
  type EnvCredentialLookup,
} from "../auth-profiles/env-credentials";
import type { EnvValues } from "../auth-profiles/profile-eligibility";
import { profileOverviewLabel } from "../auth-profiles/profile-labels";
import { maskSecret } from "../auth-profiles/secret-mask";
import type { OpenClawConfig, SecretRef } from "../openclaw-config/openclaw-config.schema";
import { compareLocale } from "./locale-order";
import type { AuthEffective, AuthProviderOverview, ValueWithSource } from "./models-status-report";

export type AuthOverviewInput = {
  store: MergedAuthStore;
  config: OpenClawConfig;
  env: EnvValues;
  /** The env credential of each provider, from `env`. */
  envCredentialOf: EnvCredentialLookup;
  now: number;
  /** `~/…` form of the store path, shown as the detail of `profiles` auth. */
  storeDetail: string;
  /**
   * `~/…` form of the shared store's path: the detail of a provider whose profiles all come from the shared
   * store although the agent has its own (the real CLI names the store that holds them).
   */
  sharedStoreDetail: string;
};

/** Display of an env credential: its mask, or `OAuth (env)` for an OAuth token variable (facts §1.3). */
export function envCredentialDetail(credential: EnvCredential): string {
  return credential.kind === "oauth" ? "OAuth (env)" : maskSecret(credential.value);
}

function configApiKey(config: OpenClawConfig, provider: string): string | SecretRef | undefined {
  return config.models?.providers?.[provider]?.apiKey;
}

/**
 * The `effective` auth of a provider (facts §1.3), first that applies: a SecretRef `apiKey` in
 * `models.providers` (env → `env`, else `models.json`), stored profiles, an env credential, a plain config
 * key (`models.json`), else `missing`.
 */
function effectiveAuth(
  profiles: AuthOverviewInput["store"]["profiles"],
  env: EnvCredential | null,
  apiKey: string | SecretRef | undefined,
  input: AuthOverviewInput,
): AuthEffective {
  if (apiKey !== undefined && typeof apiKey !== "string") {
    if (apiKey.source === "env") {
      const value = input.env[apiKey.id];
      return value ? { kind: "env", detail: maskSecret(value) } : { kind: "missing", detail: "missing" };
    }
    return { kind: "models.json", detail: `ref(${apiKey.source}:${apiKey.id})` };
  }
  if (profiles.length > 0) {
    const fromAgentStore = profiles.some((profile) => profile.owner === "agent");
    return { kind: "profiles", detail: fromAgentStore ? input.storeDetail : input.sharedStoreDetail };
  }
  if (env) return { kind: "env", detail: envCredentialDetail(env) };
  if (typeof apiKey === "string") return { kind: "models.json", detail: maskSecret(apiKey) };
  return { kind: "missing", detail: "missing" };
}

function providersShown(input: AuthOverviewInput): string[] {
  const providers = new Set(input.store.profiles.map((profile) => profile.credential.provider));
  for (const provider of ENV_CREDENTIAL_PROVIDERS) {
    if (input.envCredentialOf(provider)) providers.add(provider);
  }
  for (const provider of Object.keys(input.config.models?.providers ?? {})) {
    if (configApiKey(input.config, provider) !== undefined) providers.add(provider.toLowerCase());
  }
  return [...providers].sort(compareLocale);
}

/**
 * Providers that authenticate with another provider's profiles (`resolveProviderIdForAuth`): the Claude CLI
 * backend uses Anthropic's, so its row lists them (lab capture auth-env-config-secretrefs).
 */
const AUTH_PROVIDER_ALIASES: Readonly<Record<string, string>> = { "claude-cli": "anthropic" };

function authProviderId(provider: string): string {
  return AUTH_PROVIDER_ALIASES[provider] ?? provider;
}

/**
 * `auth.providers` (`list.auth-overview.ts`, facts §1.3): one row per provider that has a stored profile,
 * an env credential or a config key, sorted by provider; labels in store order. A plain config key's
 * `modelsJson` source names the agent's own `models.json`, so it is added per agent by
 * {@link withModelsJsonSources}.
 */
export function buildAuthProviderOverview(input: AuthOverviewInput): AuthProviderOverview[] {
  return providersShown(input).map((provider) => {
    const authProvider = authProviderId(provider);
    const profiles = input.store.profiles.filter(
      (profile) => authProviderId(profile.credential.provider) === authProvider,
    );
    const countOf = (type: string) => profiles.filter((profile) => profile.credential.type === type).length;
    const env = input.envCredentialOf(provider);
    const row: AuthProviderOverview = {
      provider,
      effective: effectiveAuth(profiles, env, configApiKey(input.config, provider), input),
      profiles: {
        count: profiles.length,
        oauth: countOf("oauth"),
        token: countOf("token"),
        apiKey: countOf("api_key"),
        labels: profiles.map((profile) =>
          profileOverviewLabel(
            profile,
            input.store.usageStats[profile.profileId],
            input.now,
            input.config.auth?.profiles?.[profile.profileId],
          ),
        ),
      },
    };
    if (env) row.env = { value: envCredentialDetail(env), source: `env: ${env.envVar}` };
    return row;
  });
}

/**
 * What `modelsJson` shows for a config key (`getCustomProviderApiKey`, then `formatMarkerOrSecret`): a plain
 * key masked; an env SecretRef names its variable, masked like a secret (the value is only read for
 * `effective`); any other SecretRef is OpenClaw's non-secret `secretref-managed` marker.
 */
export function modelsJsonValue(apiKey: string | SecretRef): string {
  if (typeof apiKey === "string") return maskSecret(apiKey);
  if (apiKey.source === "env") return maskSecret(apiKey.id.trim() || SECRETREF_MANAGED_MARKER);
  return `marker(${SECRETREF_MANAGED_MARKER})`;
}

const SECRETREF_MANAGED_MARKER = "secretref-managed";

/**
 * The overview rows with `modelsJson` (facts §1.3) on each provider that has a config key, plain or a
 * SecretRef (lab captures gen-1-030, gen-1-038: `models.json=PROVIDER...FROM_ENV` for an env SecretRef): its
 * display, and the agent's `models.json` (`modelsJsonDetail`, `~/…` form) as the source. Rows without one are
 * returned as they are.
 */
export function withModelsJsonSources(
  rows: readonly AuthProviderOverview[],
  config: OpenClawConfig,
  modelsJsonDetail: string,
): AuthProviderOverview[] {
  return rows.map((row) => {
    const apiKey = configApiKey(config, row.provider);
    if (apiKey === undefined) return row;
    const modelsJson: ValueWithSource = {
      value: modelsJsonValue(apiKey),
      source: `models.json: ${modelsJsonDetail}`,
    };
    return { ...row, modelsJson };
  });
}

/**
 * `auth.providersWithOAuth` (facts §1.3): `"<provider> (<n>)"` where n counts OAuth and token profiles,
 * plus one for an OAuth token in the environment.
 */
export function providersWithOAuth(rows: readonly AuthProviderOverview[]): string[] {
  return rows.flatMap((row) => {
    const count = row.profiles.oauth + row.profiles.token + (row.env?.value === "OAuth (env)" ? 1 : 0);
    return count > 0 ? [`${row.provider} (${count})`] : [];
  });
}
