import type { ResolvedAuthOrder } from "../auth-order/resolve-auth-order";
import type { AuthProfileType } from "../auth-profiles/auth-store.schema";
import type { MergedAuthProfile, MergedAuthStore } from "../auth-profiles/auth-store-merge";
import { type EnvValues, findEligibilityProblem, isValidExpires } from "../auth-profiles/profile-eligibility";
import { OAUTH_REFRESH_MARGIN_MS } from "../auth-profiles/profile-health";
import type { EnvCredentialLookup } from "../auth-profiles/env-credentials";
import { isUsableAt } from "../auth-usage/usage-windows";
import { CODEX_RUNTIME, OPENCLAW_RUNTIME } from "../model-selection/agent-runtime-policy";
import { parseModelRef, resolveModelRef } from "../model-selection/model-ref";
import type { ModelSelectionReport, ModelSelectionSummary } from "../model-selection/resolve-model-selection";
import type { OpenClawConfig, SecretRef } from "../openclaw-config/openclaw-config.schema";
import { OPENCLAW_DATA } from "../openclaw-data/openclaw-shipped-data";
import { envCredentialDetail, modelsJsonValue } from "./auth-overview";
import { compareLocale } from "./locale-order";
import { type OpenAIRouteResolution, resolveOpenAIModelRoutes } from "./openai-model-routes";
import type {
  AuthEffective,
  AuthProviderOverview,
  AuthRequirement,
  ModelRouteIssue,
  RuntimeAuthRoute,
} from "./models-status-report";

/**
 * A provider whose plugin authenticates it by its own login (a synthetic auth ref without a non-secret local
 * marker, e.g. xAI): offline that login cannot be checked, so with nothing stored its routes are "indeterminate".
 */
function hasUncheckablePluginAuth(provider: string): boolean {
  return OPENCLAW_DATA.syntheticAuth[provider]?.length === 0;
}

/** The provider whose auth each runtime uses. */
const RUNTIME_AUTH_PROVIDER: Readonly<Record<string, string>> = {
  codex: "openai",
  "claude-cli": "claude-cli",
};
/** Providers the Codex harness can serve (`resolveProviderUses`, `list.status-command.ts`). */
const CODEX_PROVIDERS: ReadonlySet<string> = new Set(["openai", "codex"]);

/**
 * One use of a model: `image` for the image model and its fallbacks, which OpenClaw judges by the provider's
 * auth alone (`resolveProviderAuthAvailability`: no route catalog, no other runtime); text uses (primary,
 * fallbacks, utility) go through the provider's route policy and may run on another runtime.
 */
export type ModelRoute = {
  ref: string;
  provider: string;
  model: string;
  image?: true;
  /**
   * The runtime other than OpenClaw's own that runs this model as the primary or a fallback (the Codex harness,
   * a CLI backend); a utility or image call always runs in OpenClaw.
   */
  runtime?: string;
};

/**
 * The model refs a configuration puts in use, as written, in OpenClaw's order (facts §1.3). The primary is the
 * default model as written (`defaultLabel`), which OpenClaw resolves again with its default provider, not the
 * `resolvedDefault` it displays (lab capture gen-1-046: `gpt-mini` shows as `anthropic/gpt-mini` but its route
 * is `openai/gpt-mini`).
 */
export function modelRefsInUse(
  models: Pick<
    ModelSelectionReport,
    "defaultModel" | "fallbacks" | "imageModel" | "imageFallbacks" | "utilityModel"
  >,
): string[] {
  return [
    models.defaultModel,
    ...models.fallbacks,
    ...(models.imageModel === null ? [] : [models.imageModel]),
    ...models.imageFallbacks,
    ...(models.utilityModel.ref === null ? [] : [models.utilityModel.ref]),
  ];
}

/**
 * The uses of models a configuration makes, in OpenClaw's order (`providerUseRefs` of
 * `list.status-command.ts`, facts §1.3): primary and fallbacks, image model and image fallbacks, utility
 * model; each resolved through the alias index. A model used both for text and for images is two uses,
 * judged apart (lab capture gen-1-021: `openai/gpt-unknown` as image model is indeterminate although OpenAI
 * text routes are missing); repeats of one use are dropped.
 */
export function modelRoutesInUse(selection: ModelSelectionSummary): ModelRoute[] {
  const modelRefs = new Set([selection.defaultModel, ...selection.fallbacks]);
  const uses: { entry: string; image: boolean }[] = [
    ...[...modelRefs].map((entry) => ({ entry, image: false })),
    ...(selection.imageModel === null ? [] : [selection.imageModel]).map((entry) => ({ entry, image: true })),
    ...selection.imageFallbacks.map((entry) => ({ entry, image: true })),
    ...(selection.utilityModel.ref === null ? [] : [selection.utilityModel.ref]).map((entry) => ({
      entry,
      image: false,
    })),
  ];
  const routes = new Map<string, ModelRoute>();
  for (const { entry, image } of uses) {
    const ref = resolveModelRef(entry, selection.aliasIndex.lookup);
    const parsed = ref === null ? null : parseModelRef(ref);
    const key = `${ref}${image ? " image" : ""}`;
    if (ref === null || parsed === null || routes.has(key)) continue;
    // why: only the primary and the fallbacks run on another runtime; utility and image calls stay in OpenClaw.
    const runtime = !image && modelRefs.has(entry) ? selection.agentRuntimeOf(parsed) : OPENCLAW_RUNTIME;
    routes.set(key, {
      ref,
      ...parsed,
      ...(image ? { image: true as const } : {}),
      ...(runtime === OPENCLAW_RUNTIME ? {} : { runtime }),
    });
  }
  return [...routes.values()];
}

export type RouteAuthContext = {
  store: MergedAuthStore;
  config: OpenClawConfig;
  /** The run's environment (with the config's `env.vars`): `OPENAI_BASE_URL` moves OpenAI's routes. */
  env: EnvValues;
  envCredentialOf: EnvCredentialLookup;
  now: number;
  storeDetail: string;
  authOrderFor: (provider: string) => ResolvedAuthOrder;
  /** The provider's `auth.providers` row, if it has one: a runtime route shows its effective auth. */
  providerOverview: (provider: string) => AuthProviderOverview | undefined;
};

/** The profiles that can serve this exact model now: eligible, in order, and not blocked for the model. */
export function usableProfilesFor(
  route: { provider: string; model: string },
  context: RouteAuthContext,
): string[] {
  return context
    .authOrderFor(route.provider)
    .profileIds.filter((profileId) =>
      isUsableAt(context.store.usageStats[profileId], route.provider, context.now, route.model),
    );
}

/**
 * Whether anything declares how a provider authenticates (`hasProfileEvidence` and `hasAuthEvidence` of
 * `createModelAuthAvailabilityResolver`): a config `auth` mode, an `auth.order` entry or an `auth.profiles`
 * entry for it, or a stored profile that is not simply another provider's (its eligibility check fails with a
 * reason other than `provider_mismatch`; an inactive saved setup fails first, so it counts for every
 * provider). With no usable source, such evidence makes the provider's auth missing; without it OpenClaw
 * cannot tell (the host may log in some other way), so the route is indeterminate.
 */
export function hasAuthEvidence(
  provider: string,
  context: Pick<RouteAuthContext, "store" | "config" | "now">,
): boolean {
  const { config, store, now } = context;
  const declared = config.models?.providers?.[provider];
  if (declared?.auth !== undefined) return true;
  if (config.auth?.order?.[provider] !== undefined) return true;
  const configProfiles = config.auth?.profiles ?? {};
  if (Object.values(configProfiles).some((profile) => profile.provider.trim().toLowerCase() === provider)) {
    return true;
  }
  return store.profiles.some(
    (profile) =>
      findEligibilityProblem({
        provider,
        credential: profile.credential,
        configProfile: configProfiles[profile.profileId],
        now,
      }) !== "provider_mismatch",
  );
}

/** `api_key` profiles authenticate the API-key route; tokens and OAuth the subscription route. */
function requirementOfType(type: AuthProfileType): AuthRequirement {
  return type === "api_key" ? "api-key" : "subscription";
}

type Readiness = "ready" | "unknown" | "unavailable";

/** The `secrets` settings a SecretRef resolves through (not modelled by the config schema). */
type SecretsConfig = {
  defaults?: Partial<Record<SecretRef["source"], string>>;
  providers?: Record<string, { source?: string; allowlist?: unknown } | undefined>;
};

/**
 * Whether a stored SecretRef can be read while reporting status (`resolveSecretRefReadOnlyAvailability`): an env
 * ref through the built-in default provider or an env provider that allows its id is ready when the variable
 * is set and unknown when not (lab capture gen-2-060: Google keys referring to an unset `TEAM_API_KEY` leave the
 * image fallback indeterminate); a ref through a provider configured for its source, or the built-in store,
 * cannot be read offline (unknown); any other cannot be resolved at all.
 */
function secretRefReadiness(ref: SecretRef, config: OpenClawConfig, env: EnvValues): Readiness {
  const secrets = (config.secrets ?? {}) as SecretsConfig;
  const configuredDefault = secrets.defaults?.[ref.source]?.trim();
  // why: a blank configured default is no default (`resolveDefaultSecretProviderAlias`).
  const defaultProvider =
    configuredDefault === undefined || configuredDefault === "" ? "default" : configuredDefault;
  const provider = ref.provider ?? defaultProvider;
  const configured = secrets.providers?.[provider];
  const builtIn =
    configured?.source !== ref.source &&
    (ref.source === "env" || ref.source === "store") &&
    provider === defaultProvider;
  if (ref.source === "env") {
    const allowlist = configured?.source === "env" ? configured.allowlist : undefined;
    const allowed =
      configured?.source === "env" ? !Array.isArray(allowlist) || allowlist.includes(ref.id) : builtIn;
    if (!allowed) return "unavailable";
    return env[ref.id]?.trim() ? "ready" : "unknown";
  }
  return configured?.source === ref.source || builtIn ? "unknown" : "unavailable";
}

/**
 * Whether a selectable profile can be confirmed ready now (`resolveStoredCredentialReadOnlyAvailability`): an
 * API key or token is when its value is written, or as its SecretRef can be read ({@link secretRefReadiness});
 * OAuth is when its access token is valid beyond the refresh margin, `unknown` when only a refresh could make
 * it usable (OpenClaw will not refresh while reporting status, except that it counts on OpenAI's), and
 * `unavailable` with neither.
 */
export function profileReadiness(
  profile: MergedAuthProfile,
  context: Pick<RouteAuthContext, "now" | "config" | "env">,
): Readiness {
  const { credential } = profile;
  if (credential.type === "api_key" || credential.type === "token") {
    const ref = credential.type === "api_key" ? credential.keyRef : credential.tokenRef;
    return ref === undefined ? "ready" : secretRefReadiness(ref, context.config, context.env);
  }
  const access = credential.access?.trim();
  const expires = credential.expires;
  const accessValid =
    access !== undefined &&
    access !== "" &&
    expires !== undefined &&
    isValidExpires(expires) &&
    expires - context.now > OAUTH_REFRESH_MARGIN_MS;
  if (accessValid) return "ready";
  // why: OpenClaw counts on refreshing an OpenAI login (`canRefreshOAuth` is the OpenAI provider), so a refresh
  // token makes it ready (lab capture gen-3-040); another provider's stays unconfirmed
  // (auth-oauth-expired-with-refresh, Anthropic).
  if (!credential.refresh?.trim()) return "unavailable";
  return credential.provider === "openai" ? "ready" : "unknown";
}

/** The routes OpenAI's route policy gives a text use of an OpenAI model (see {@link resolveOpenAIModelRoutes}). */
function openAIRoutesOf(
  route: ModelRoute,
  selection: ModelSelectionSummary,
  context: RouteAuthContext,
): OpenAIRouteResolution {
  return resolveOpenAIModelRoutes({
    model: route.model,
    config: context.config,
    env: context.env,
    catalogued: selection.isCatalogModel(route),
  });
}

/**
 * The profile OpenClaw plans when a provider's resolved order is empty (`firstProfileEvidenceId` of
 * `createModelAuthAvailabilityResolver`): the first id of config `auth.order`, else the stored order, else the
 * whole store, that is stored for this provider, eligible or not (lab capture gen-2-026: the only configured
 * OpenAI profile fits no stored credential, so a stored OpenAI token nobody declared serves
 * `gpt-5.6-luna`).
 */
function firstProfileEvidence(provider: string, context: RouteAuthContext): MergedAuthProfile | undefined {
  const { config, store } = context;
  const ids =
    config.auth?.order?.[provider] ?? store.order[provider] ?? store.profiles.map((p) => p.profileId);
  for (const profileId of ids) {
    const profile = store.byId.get(profileId);
    const problem = findEligibilityProblem({
      provider,
      credential: profile?.credential,
      configProfile: config.auth?.profiles?.[profileId],
      now: context.now,
    });
    if (profile && problem !== "provider_mismatch" && problem !== "profile_missing") return profile;
  }
  return undefined;
}

/**
 * A planned profile's readiness (`automaticProfileSource`): an ineligible one (the fallback of
 * {@link firstProfileEvidence} may be) cannot serve; an eligible one is as ready as its credential.
 */
function plannedReadiness(
  profile: MergedAuthProfile,
  provider: string,
  context: RouteAuthContext,
): Readiness {
  const problem = findEligibilityProblem({
    provider,
    credential: profile.credential,
    configProfile: context.config.auth?.profiles?.[profile.profileId],
    now: context.now,
  });
  return problem === null ? profileReadiness(profile, context) : "unavailable";
}

/** The planned profiles that could serve, and those of them outside any cooldown for the model. */
function planProfiles(
  planned: readonly MergedAuthProfile[],
  route: { provider: string; model: string },
  context: RouteAuthContext,
): { available: MergedAuthProfile[]; clear: MergedAuthProfile[] } {
  const available = planned.filter(
    (profile) => plannedReadiness(profile, route.provider, context) !== "unavailable",
  );
  const clear = available.filter((profile) =>
    isUsableAt(context.store.usageStats[profile.profileId], route.provider, context.now, route.model),
  );
  return { available, clear };
}

/**
 * Whether OpenClaw refuses the resolved order outright (`automaticSourceRejection`): every profile that could
 * serve sits in cooldown, or an explicit `auth.order` leaves none that could.
 */
function refusesPlannedProfiles(
  route: { provider: string; model: string },
  context: RouteAuthContext,
): boolean {
  const order = context.authOrderFor(route.provider);
  const planned = order.profileIds.flatMap((profileId) => context.store.byId.get(profileId) ?? []);
  const { available, clear } = planProfiles(planned, route, context);
  return (
    (available.length > 0 && clear.length === 0) || (order.explicitList !== null && available.length === 0)
  );
}

/** How one OpenAI text use fares: its availability and, when refused, the route OpenClaw names. */
type OpenAIRouteAuth = {
  availability: boolean | undefined;
  evidence?: "profile";
  /** The route a refusal is reported on; none when OpenClaw could not tell which route was wanted. */
  rejectedRoute?: AuthRequirement;
  /** What serves the model when it is not refused: a profile, the config key, or an env credential. */
  source?: "profile" | "config" | "env";
  /** The profile that serves it (`selectedProfileId`), when a profile does. */
  selectedProfileId?: string;
};

/**
 * OpenAI auth for one model's routes (`evaluateModelAuth` of `createModelAuthAvailabilityResolver`,
 * `selectProviderModelRouteAuth` of `provider-model-route-auth.ts`):
 * - a SecretRef config key is configured auth (`directPolicy` `required`) and owns the provider's auth
 *   before any profile (lab capture gen-2-046);
 * - planned profiles are the resolved order, or the first profile stored for OpenAI when that order is empty
 *   ({@link firstProfileEvidence}); a model with one route plans only the profiles of that route's type;
 * - when every planned profile that could serve sits in cooldown, or an explicit `auth.order` leaves none,
 *   auth is refused on the route of the first such profile;
 * - a usable profile decides (the first one confirmed ready, else `unknown` when only a refresh could revive
 *   it: lab captures auth-oauth-expired-refresh-check, auth-oauth-expired-with-refresh);
 * - else a direct source (`directPolicy`): an env credential before a plain config key (lab capture
 *   gen-4-008), but an ambient one, with no config key beside it, only when no profile was planned;
 * - else auth is refused on the route of the first planned profile, or on the model's only route: a model
 *   with two routes and no planned profile names no route (lab captures seed-prompt-cache-retention-long,
 *   gen-2-039), a Platform-only model names its API-key route (catalog-openai-unknown-only-no-auth).
 */
export function openAIRouteAuth(
  route: { provider: string; model: string },
  requirements: readonly AuthRequirement[],
  context: RouteAuthContext,
): OpenAIRouteAuth {
  const { store } = context;
  const configKey = context.config.models?.providers?.[route.provider]?.apiKey;
  if (configKey !== undefined && typeof configKey !== "string")
    return { availability: true, source: "config" };
  const order = context.authOrderFor(route.provider);
  const ordered = order.profileIds.flatMap((profileId) => store.byId.get(profileId) ?? []);
  const fallback = ordered.length === 0 ? firstProfileEvidence(route.provider, context) : undefined;
  const planned = fallback ? [fallback] : ordered;
  const [only] = requirements.length === 1 ? requirements : [];
  const candidates =
    only === undefined
      ? planned
      : planned.filter((profile) => requirementOfType(profile.credential.type) === only);
  const readiness = (profile: MergedAuthProfile) => plannedReadiness(profile, route.provider, context);
  const routeOf = (profile: MergedAuthProfile | undefined): AuthRequirement | undefined => {
    const requirement = profile === undefined ? undefined : requirementOfType(profile.credential.type);
    return requirement !== undefined && requirements.includes(requirement) ? requirement : only;
  };
  const refused = (profile: MergedAuthProfile | undefined): OpenAIRouteAuth => {
    const rejectedRoute = routeOf(profile);
    return { availability: false, ...(rejectedRoute ? { rejectedRoute } : {}) };
  };
  const { available, clear } = planProfiles(candidates, route, context);
  if (available.length > 0 && clear.length === 0) return refused(available[0]);
  if (order.explicitList !== null && available.length === 0) return refused(candidates[0]);
  const winner = clear.find((profile) => readiness(profile) === "ready") ?? clear[0];
  if (winner) {
    return {
      availability: readiness(winner) === "ready" ? true : undefined,
      evidence: "profile",
      source: "profile",
      selectedProfileId: winner.profileId,
    };
  }
  const plainKey = configKey !== undefined && configKey.trim() !== "";
  // why: a config key declares the direct source, so the env credential OpenClaw evaluates first still
  // serves after planned profiles failed; an ambient one (no key beside it) does not stand in for them.
  if (context.envCredentialOf(route.provider) !== null && (plainKey || planned.length === 0)) {
    return { availability: true, source: "env" };
  }
  if (plainKey) return { availability: true, source: "config" };
  // why: a single-route model filtered out every planned profile; OpenClaw then rejects the first one it planned.
  return refused(candidates[0] ?? (only === undefined ? undefined : planned[0]));
}

type ProviderAvailability = {
  availability: boolean | undefined;
  evidence?: "profile";
  /** The profile the evaluation selects to serve the use; absent when another source serves it, or none. */
  selectedProfileId?: string;
};

/**
 * How OpenClaw judges a provider without a route catalog for one model (`resolveProviderEvaluation` of
 * `createModelAuthAvailabilityResolver`, source plan of `provider-model-auth-source-plan.ts`):
 * - a SecretRef `apiKey` in `models.providers` owns the provider's auth (`configured-auth`), before profiles;
 * - else the resolved profile order is planned: when every profile that could serve sits in cooldown or is
 *   disabled for the model, or an explicit `auth.order` (even an empty one) leaves none, auth is rejected;
 * - a usable profile decides and is the selected one (the first one confirmed ready, else the first:
 *   `unknown` when only a refresh could revive it);
 * - else a direct source: a plain config key always, an env credential only when no profile was planned
 *   (an ambient credential does not stand in for declared profiles that all failed);
 * - else missing when profiles were planned or anything declares the provider's auth, and unknown when
 *   nothing does (the host may authenticate some other way).
 */
export function providerAuthAvailability(route: ModelRoute, context: RouteAuthContext): ProviderAvailability {
  const { store, now } = context;
  const configKey = context.config.models?.providers?.[route.provider]?.apiKey;
  if (configKey !== undefined && typeof configKey !== "string") return { availability: true };
  const order = context.authOrderFor(route.provider);
  const planned = order.profileIds.flatMap((profileId) => store.byId.get(profileId) ?? []);
  const available = planned.filter((profile) => profileReadiness(profile, context) !== "unavailable");
  const clear = available.filter((profile) =>
    isUsableAt(store.usageStats[profile.profileId], route.provider, now, route.model),
  );
  if (available.length > 0 && clear.length === 0) return { availability: false, evidence: "profile" };
  if (order.explicitList !== null && clear.length === 0) return { availability: false, evidence: "profile" };
  const winner = clear.find((profile) => profileReadiness(profile, context) === "ready") ?? clear[0];
  if (winner) {
    return {
      availability: profileReadiness(winner, context) === "ready" ? true : undefined,
      evidence: "profile",
      selectedProfileId: winner.profileId,
    };
  }
  if (typeof configKey === "string" && configKey.trim() !== "") return { availability: true };
  if (planned.length > 0) return { availability: false, evidence: "profile" };
  if (context.envCredentialOf(route.provider) !== null) return { availability: true };
  if (hasUncheckablePluginAuth(route.provider)) return { availability: undefined };
  return { availability: hasAuthEvidence(route.provider, context) ? false : undefined };
}

/** The issue of a route whose auth could not be confirmed, with the evidence OpenClaw names when it has one. */
function indeterminateIssue(route: ModelRoute, evidence?: "profile"): ModelRouteIssue {
  return {
    kind: "indeterminate",
    provider: route.provider,
    model: route.model,
    ...(evidence ? { evidence } : {}),
    message: `Auth readiness could not be confirmed for ${route.provider}/${route.model}.`,
  };
}

export type RouteAuthFindings = {
  modelRouteIssues: ModelRouteIssue[];
  missingProvidersInUse: string[];
  runtimeAuthRoutes: RuntimeAuthRoute[];
  /**
   * The profiles OpenClaw's auth evaluation selects to serve the uses that have usable auth
   * (`evaluateModelAuth(...).selectedProfileId`), each once, in use order: `--check` judges their health.
   * A use served by a config key or an env credential selects none.
   */
  selectedProfileIds: string[];
};

/** Issues in order, each once: uses that come to the same issue report it once (OpenClaw dedupes by content). */
function distinctIssues(issues: readonly ModelRouteIssue[]): ModelRouteIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = JSON.stringify(issue);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Route-level findings of `models status` (facts §1.3), use by use in OpenClaw's order: a use whose auth is
 * unknown is an `indeterminate` issue; one whose auth is missing makes its provider missing in use, and an
 * OpenAI text route rejected for its catalogued route is also a `missing-auth` issue. Image uses and
 * providers without a route catalog are judged by {@link providerAuthAvailability}.
 */
export function evaluateModelRoutes(
  routes: readonly ModelRoute[],
  selection: ModelSelectionSummary,
  context: RouteAuthContext,
): RouteAuthFindings {
  const modelRouteIssues: ModelRouteIssue[] = [];
  const missing = new Set<string>();
  const selectedProfileIds = new Set<string>();
  for (const route of routes) {
    // why: OpenClaw refuses the Codex harness for a provider it cannot serve before it looks at auth, and such
    // a route counts as authenticated for `missingProvidersInUse` (`resolveStatusProviderUseIncompatibility`).
    if (route.runtime === CODEX_RUNTIME && !CODEX_PROVIDERS.has(route.provider)) {
      modelRouteIssues.push({
        kind: "incompatible",
        provider: route.provider,
        model: route.model,
        code: "unsupported-codex-runtime-provider",
        message: `The Codex runtime does not support provider ${route.provider}.`,
      });
      continue;
    }
    const label = `${route.provider}/${route.model}`;
    if (route.image || route.provider !== "openai") {
      const { availability, evidence, selectedProfileId } = providerAuthAvailability(route, context);
      if (availability === false) missing.add(route.provider);
      if (availability === true && selectedProfileId !== undefined) selectedProfileIds.add(selectedProfileId);
      // why: an image use keeps only the availability (`resolveProviderAuthAvailability`), no evidence
      // (lab capture gen-2-060).
      if (availability === undefined)
        modelRouteIssues.push(indeterminateIssue(route, route.image ? undefined : evidence));
      continue;
    }
    const resolution = openAIRoutesOf(route, selection, context);
    if (resolution.kind === "incompatible") {
      const { code, message } = resolution;
      modelRouteIssues.push({
        kind: "incompatible",
        provider: route.provider,
        model: route.model,
        code,
        message,
      });
      continue;
    }
    if (resolution.kind === "indeterminate") {
      // why: with no route to judge, only a refusal of every planned profile decides (`automaticSourceRejection`):
      // the provider is then missing, with no route named.
      if (refusesPlannedProfiles(route, context)) missing.add(route.provider);
      else modelRouteIssues.push(indeterminateIssue(route));
      continue;
    }
    const { availability, evidence, rejectedRoute, selectedProfileId } = openAIRouteAuth(
      route,
      resolution.requirements,
      context,
    );
    if (availability === true && selectedProfileId !== undefined) selectedProfileIds.add(selectedProfileId);
    if (availability === undefined) modelRouteIssues.push(indeterminateIssue(route, evidence));
    if (availability !== false) continue;
    missing.add(route.provider);
    if (rejectedRoute === undefined) continue;
    modelRouteIssues.push({
      kind: "missing-auth",
      provider: route.provider,
      model: route.model,
      authRequirement: rejectedRoute,
      message: `No usable ${rejectedRoute} authentication is available for ${label}.`,
    });
  }
  return {
    modelRouteIssues: distinctIssues(modelRouteIssues),
    missingProvidersInUse: [...missing].sort(compareLocale),
    runtimeAuthRoutes: runtimeAuthRoutes(routes, selection, context),
    selectedProfileIds: [...selectedProfileIds],
  };
}

type RouteAvailability = true | false | undefined;

/**
 * How the Codex harness's OpenAI auth fares for one OpenAI model it serves: as the model's text use (the same
 * `evaluateModelAuth`; lab captures gen-1-047, an unknown model on an authored Platform base URL is usable with
 * an API-key profile, and gen-3-041, a stored profile serves when the declared one fits no credential). Null for
 * other runtimes and providers.
 */
function codexRouteAuth(
  authProvider: string,
  route: ModelRoute,
  selection: ModelSelectionSummary,
  context: RouteAuthContext,
): OpenAIRouteAuth | null {
  if (route.provider !== "openai" || authProvider !== "openai") return null;
  const resolution = openAIRoutesOf(route, selection, context);
  if (resolution.kind === "incompatible") return { availability: false };
  if (resolution.kind === "indeterminate") {
    return { availability: refusesPlannedProfiles(route, context) ? false : undefined };
  }
  return openAIRouteAuth(route, resolution.requirements, context);
}

const MISSING_EFFECTIVE: AuthEffective = { kind: "missing", detail: "missing" };

/** A runtime route's auth for one model it serves; another runtime's own provider by its profiles or env. */
function runtimeAvailability(
  authProvider: string,
  route: ModelRoute,
  codex: OpenAIRouteAuth | null,
  context: RouteAuthContext,
): RouteAvailability {
  if (codex !== null) return codex.availability;
  if (usableProfilesFor({ provider: authProvider, model: route.model }, context).length > 0) return true;
  return context.envCredentialOf(authProvider) !== null;
}

/** A CLI backend's effective auth: its login cannot be seen, so its usable profiles, else its env credential. */
function cliBackendEffective(
  authProvider: string,
  route: ModelRoute,
  context: RouteAuthContext,
): AuthEffective {
  if (usableProfilesFor({ provider: authProvider, model: route.model }, context).length > 0) {
    return { kind: "profiles", detail: context.storeDetail };
  }
  const env = context.envCredentialOf(authProvider);
  return env ? { kind: "env", detail: envCredentialDetail(env) } : MISSING_EFFECTIVE;
}

/**
 * A runtime route's `effective` auth (`resolveRuntimeAuthRouteEffective`, `list.status-command.ts`), from the
 * evaluation of the model it represents: missing when refused; for a selected profile, the `auth.providers`
 * row's effective auth of the profile's provider (which names the store that holds it, lab capture gen-3-016),
 * else the profile id; for an env credential or a config key (`models.json`, lab captures gen-2-046,
 * gen-4-008), that row's display of it; else, as when readiness could not be told, the row's effective auth
 * (gen-1-006), or missing without a row.
 */
function runtimeEffective(
  authProvider: string,
  route: ModelRoute,
  codex: OpenAIRouteAuth | null,
  context: RouteAuthContext,
): AuthEffective {
  if (codex === null) return cliBackendEffective(authProvider, route, context);
  if (codex.availability === false) return MISSING_EFFECTIVE;
  const overview = context.providerOverview(authProvider);
  const profile =
    codex.selectedProfileId === undefined ? undefined : context.store.byId.get(codex.selectedProfileId);
  if (profile !== undefined) {
    const rowEffective = context.providerOverview(profile.credential.provider)?.effective;
    return rowEffective && rowEffective.kind !== "missing"
      ? rowEffective
      : { kind: "profiles", detail: profile.profileId };
  }
  if (codex.source === "env" && overview?.env) return { kind: "env", detail: overview.env.value };
  const configKey = context.config.models?.providers?.[authProvider]?.apiKey;
  if (codex.source === "config" && configKey !== undefined)
    return { kind: "models.json", detail: modelsJsonValue(configKey) };
  return overview?.effective ?? MISSING_EFFECTIVE;
}

/**
 * `auth.runtimeAuthRoutes` (facts §1.3): the primary and fallbacks that run on a runtime other than OpenClaw's
 * own (see `agentRuntimeOf`), which owns their auth; one per provider and runtime, sorted by provider. Its auth status sums up the routes it serves (`list.status-command.ts`): usable
 * when every one is, missing when one is not, else indeterminate; its effective auth is that of the first usable
 * route, else of the first route. A plugin harness (Codex) has no enabled owner offline, so it is reported
 * `unavailable` with OpenClaw's reason; a CLI backend's login cannot be seen, so it is `indeterminate`.
 */
function runtimeAuthRoutes(
  routes: readonly ModelRoute[],
  selection: ModelSelectionSummary,
  context: RouteAuthContext,
): RuntimeAuthRoute[] {
  const groups = new Map<string, { runtime: string; routes: ModelRoute[] }>();
  for (const route of routes) {
    const { runtime } = route;
    if (runtime === undefined) continue;
    if (runtime === CODEX_RUNTIME && !CODEX_PROVIDERS.has(route.provider)) continue;
    const key = `${route.provider} ${runtime}`;
    const group = groups.get(key) ?? { runtime, routes: [] };
    group.routes.push(route);
    groups.set(key, group);
  }
  const found: RuntimeAuthRoute[] = [];
  for (const { runtime, routes: served } of groups.values()) {
    const [first] = served;
    if (first === undefined) continue;
    const authProvider = RUNTIME_AUTH_PROVIDER[runtime] ?? first.provider;
    const codexAuths = served.map((route) => codexRouteAuth(authProvider, route, selection, context));
    const availabilities = served.map((route, index) =>
      runtimeAvailability(authProvider, route, codexAuths[index] ?? null, context),
    );
    const index = Math.max(availabilities.indexOf(true), 0);
    const representative = served[index] ?? first;
    const effective = runtimeEffective(authProvider, representative, codexAuths[index] ?? null, context);
    const authStatus = availabilities.every((availability) => availability === true)
      ? "usable"
      : availabilities.includes(false)
        ? "missing"
        : "indeterminate";
    const base = { provider: representative.provider, runtime, authProvider };
    found.push(
      runtime === "claude-cli"
        ? { ...base, status: "indeterminate", effective }
        : {
            ...base,
            status: "unavailable",
            effective,
            authStatus,
            runtimeStatus: "unavailable",
            runtimeReason: "owner-plugin-not-activatable",
            runtimeDetail: `No enabled plugin owns agent harness "${runtime}".`,
            runtimePluginIds: [],
          },
    );
  }
  return found.sort((left, right) => compareLocale(left.provider, right.provider));
}
