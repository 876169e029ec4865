import type { ResolvedAuthOrder } from "../auth-order/resolve-auth-order";
import type { AuthProfileType } from "../auth-profiles/auth-store.schema";
import type { MergedAuthProfile, MergedAuthStore } from "../auth-profiles/auth-store-merge";
import { findEligibilityProblem, isValidExpires } from "../auth-profiles/profile-eligibility";
import { OAUTH_REFRESH_MARGIN_MS } from "../auth-profiles/profile-health";
import type { EnvCredentialLookup } from "../auth-profiles/env-credentials";
import { isUsableAt } from "../auth-usage/usage-windows";
import { CODEX_RUNTIME, OPENCLAW_RUNTIME } from "../model-selection/agent-runtime-policy";
import { parseModelRef, resolveModelRef } from "../model-selection/model-ref";
import type { ModelSelectionReport, ModelSelectionSummary } from "../model-selection/resolve-model-selection";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { OPENCLAW_DATA } from "../openclaw-data/openclaw-shipped-data";
import { envCredentialDetail, modelsJsonValue } from "./auth-overview";
import { compareLocale } from "./locale-order";
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
   * Only the configured utility model uses it: a primary or fallback may run on another runtime, a utility
   * call does not.
   */
  utilityOnly?: true;
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
  // why: only a configured utility model gets its own API-key route; the provider's default utility model is
  // judged like the primary (lab captures catalog-openai-unknown-only-no-auth, seed-prompt-cache-retention-long).
  const utilityRef =
    selection.utilityModel.ref === null || selection.utilityModel.source !== "config"
      ? null
      : selection.utilityModel.ref;
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
    const utilityOnly = !image && entry === utilityRef && !modelRefs.has(entry);
    // why: only the primary and the fallbacks run on another runtime; utility and image calls stay in OpenClaw.
    const runtime = !image && modelRefs.has(entry) ? selection.agentRuntimeOf(parsed) : OPENCLAW_RUNTIME;
    routes.set(key, {
      ref,
      ...parsed,
      ...(image ? { image: true as const } : {}),
      ...(utilityOnly ? { utilityOnly: true as const } : {}),
      ...(runtime === OPENCLAW_RUNTIME ? {} : { runtime }),
    });
  }
  return [...routes.values()];
}

export type RouteAuthContext = {
  store: MergedAuthStore;
  config: OpenClawConfig;
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
 * What serves a provider when no profile does (`directPolicy` of `createModelAuthAvailabilityResolver`): a
 * SecretRef config key is configured auth and wins; else an env credential; else a plain config key.
 */
function directEvidence(
  provider: string,
  context: RouteAuthContext,
): "provider-config" | "environment" | null {
  const configKey = context.config.models?.providers?.[provider]?.apiKey;
  if (configKey !== undefined && typeof configKey !== "string") return "provider-config";
  if (context.envCredentialOf(provider) !== null) return "environment";
  return configKey !== undefined ? "provider-config" : null;
}

/** The source OpenClaw's evaluation selects for an OpenAI text route of a known route catalog. */
type OpenAIRouteSource =
  | { kind: "profile"; profile: MergedAuthProfile; ready: boolean }
  | { kind: "direct"; evidence: "provider-config" | "environment" }
  | { kind: "none" };

/**
 * The source of an OpenAI text route (`evaluateModelAuth` of `createModelAuthAvailabilityResolver`, source
 * plan of `provider-model-auth-source-plan.ts`):
 * - a SecretRef config key owns the provider's auth (`configured-auth`), before any profile;
 * - else the first usable profile of the order that the route's auth requirement accepts (a route the
 *   config authors takes only its own kind, lab capture gen-3-003), one confirmed ready before one only a
 *   refresh could revive, wherever it sits (lab capture auth-oauth-expired-refresh-check);
 * - else an env credential, else a plain config key; else none.
 */
/**
 * The profiles OpenAI's evaluation plans for a route: the resolved order, or, when that is empty, the first
 * profile with evidence for the provider (`firstProfileEvidenceId`): from config `auth.order`, else the
 * stored order, else every stored profile in store order, the first whose eligibility check fails for a
 * reason other than belonging to another provider or being absent (lab capture gen-3-041: `auth.profiles`
 * names only a keyless profile, and a stored OpenAI key serves the route).
 */
function plannedOpenAIProfileIds(provider: string, context: RouteAuthContext): readonly string[] {
  const { profileIds } = context.authOrderFor(provider);
  if (profileIds.length > 0) return profileIds;
  const { store, config, now } = context;
  const candidates =
    config.auth?.order?.[provider] ??
    store.order[provider] ??
    store.profiles.map((profile) => profile.profileId);
  const evidence = candidates.find((profileId) => {
    const problem = findEligibilityProblem({
      provider,
      credential: store.byId.get(profileId)?.credential,
      configProfile: config.auth?.profiles?.[profileId],
      now,
    });
    return problem !== "provider_mismatch" && problem !== "profile_missing";
  });
  return evidence === undefined ? [] : [evidence];
}

function openAIRouteSource(route: ModelRoute, context: RouteAuthContext): OpenAIRouteSource {
  const direct = directEvidence(route.provider, context);
  const configKey = context.config.models?.providers?.[route.provider]?.apiKey;
  if (configKey !== undefined && typeof configKey !== "string")
    return { kind: "direct", evidence: "provider-config" };
  const authored = route.utilityOnly ? null : authoredOpenAIRouteRequirement(route.model, context.config);
  const { store, config, now } = context;
  const planned = plannedOpenAIProfileIds(route.provider, context);
  const selectable = planned.flatMap((profileId) => {
    const profile = store.byId.get(profileId);
    if (!profile || !isUsableAt(store.usageStats[profileId], route.provider, now, route.model)) return [];
    // why: a profile with evidence may still be ineligible (expired, keyless); such a one serves nothing.
    const problem = findEligibilityProblem({
      provider: route.provider,
      credential: profile.credential,
      configProfile: config.auth?.profiles?.[profileId],
      now,
    });
    if (problem !== null || profileReadiness(profile, now) === "unavailable") return [];
    return authored === null || requirementOfType(profile.credential.type) === authored ? [profile] : [];
  });
  const ready = selectable.find((profile) => profileReadiness(profile, context.now) === "ready");
  const selected = ready ?? selectable[0];
  if (selected) return { kind: "profile", profile: selected, ready: selected === ready };
  return direct === null ? { kind: "none" } : { kind: "direct", evidence: direct };
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

/**
 * Providers whose models OpenClaw resolves to a catalogued auth route (its OpenAI route catalog). Only their
 * routes can be reported `missing-auth`; for any other provider a route with no usable auth only makes the
 * provider missing in use (lab captures auth-route-requirement-token-first,
 * auth-route-requirement-roundrobin-cooldown, auth-config-profiles-undeclared: Anthropic profiles all in
 * cooldown, disabled or ineligible give no route issue).
 */
const ROUTE_CATALOG_PROVIDERS: ReadonlySet<string> = new Set(["openai"]);

/** `api_key` profiles authenticate the API-key route; tokens and OAuth the subscription route. */
function requirementOfType(type: AuthProfileType): AuthRequirement {
  return type === "api_key" ? "api-key" : "subscription";
}

/**
 * The auth requirement a route with no usable profile is reported under, or null for no route issue:
 * OpenClaw rejects the first profile of the resolved order (cooldown and disabled ones sit last,
 * soonest-ending first) and reports the catalogued route that profile's type authenticates; with no profile
 * the API-key route, unless an explicit `auth.order` emptied the order; a provider without a route catalog
 * has no route to report.
 */
export function rejectedRouteRequirement(
  provider: string,
  context: Pick<RouteAuthContext, "authOrderFor" | "store">,
): AuthRequirement | null {
  if (!ROUTE_CATALOG_PROVIDERS.has(provider)) return null;
  const order = context.authOrderFor(provider);
  const [firstProfileId] = order.profileIds;
  const first = firstProfileId === undefined ? undefined : context.store.byId.get(firstProfileId);
  if (first) return requirementOfType(first.credential.type);
  // why: with nothing stored OpenClaw rejects the direct API-key route; an explicit auth.order that leaves no
  // profile defers the choice instead (lab capture auth-order-stored-vs-config), so no route is reported.
  return order.explicitList === null ? "api-key" : null;
}

/**
 * Whether a selectable profile can be confirmed ready now (`hasUsableOAuthCredential`): API keys and tokens
 * are; OAuth is when its access token is valid beyond the refresh margin, `unknown` when only a refresh could
 * make it usable (OpenClaw will not refresh while reporting status), and `unavailable` with neither.
 */
export function profileReadiness(
  profile: MergedAuthProfile,
  now: number,
): "ready" | "unknown" | "unavailable" {
  const { credential } = profile;
  if (credential.type !== "oauth") return "ready";
  const access = credential.access?.trim();
  const expires = credential.expires;
  const accessValid =
    access !== undefined &&
    access !== "" &&
    expires !== undefined &&
    isValidExpires(expires) &&
    expires - now > OAUTH_REFRESH_MARGIN_MS;
  if (accessValid) return "ready";
  return credential.refresh?.trim() ? "unknown" : "unavailable";
}

const OPENAI_RESPONSES_API = "openai-responses";
const OPENAI_COMPLETIONS_API = "openai-completions";
const OPENAI_CHATGPT_RESPONSES_API = "openai-chatgpt-responses";

/** A config string as OpenClaw reads a route fact: trimmed, and absent when blank. */
function routeFact(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Which OpenAI endpoint a base URL names (`classifyOpenAIBaseUrl`, OpenAI plugin's `base-url.ts`): the
 * Platform API, the ChatGPT backend, another server, or an unusable value.
 */
function classifyOpenAIBaseUrl(
  baseUrl: string | undefined,
): "unresolved" | "platform" | "chatgpt" | "custom" | "invalid" {
  if (baseUrl === undefined) return "unresolved";
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return "invalid";
  }
  if (
    (url.protocol !== "http:" && url.protocol !== "https:") ||
    !url.hostname ||
    url.username ||
    url.password
  )
    return "invalid";
  const host = url.hostname.toLowerCase().replace(/\.$/u, "");
  if (host !== "api.openai.com" && host !== "chatgpt.com") return "custom";
  if (url.protocol !== "https:" || url.port || url.search || url.hash) return "invalid";
  if (host === "api.openai.com") return ["/", "/v1", "/v1/"].includes(url.pathname) ? "platform" : "invalid";
  return /^\/backend-api(?:\/v1|\/codex(?:\/v1|\/responses)?)?\/?$/u.test(url.pathname)
    ? "chatgpt"
    : "invalid";
}

/**
 * The one route an OpenAI model has when the config authors its transport (an `api` or `baseUrl` on
 * `models.providers.openai` or on its entry for the model; `resolveSingleObservedModelRoute`, OpenAI plugin's
 * `provider-policy-api.ts`): the ChatGPT route (subscription auth) for the ChatGPT API or endpoint, else the
 * Platform route (API-key auth), whatever the catalog says of the model (lab capture gen-3-003: a configured
 * `https://api.openai.com/v1` leaves `gpt-5.4` only its API-key route). Null when the config authors no
 * transport, or one this rule does not model: Chat Completions on an official endpoint (a dual-route model
 * keeps both routes), an unsupported adapter or an unusable URL (OpenClaw finds those incompatible).
 */
export function authoredOpenAIRouteRequirement(
  model: string,
  config: OpenClawConfig,
): AuthRequirement | null {
  const provider = asRecord(config.models?.providers?.openai);
  if (provider === undefined) return null;
  const listed: unknown[] = Array.isArray(provider.models) ? provider.models : [];
  const entries = listed.flatMap((entry) => {
    const record = asRecord(entry);
    return record === undefined ? [] : [record];
  });
  const entry = entries.find((candidate) => routeFact(candidate.id)?.toLowerCase() === model.toLowerCase());
  const modelApi = routeFact(entry?.api);
  const modelBaseUrl = routeFact(entry?.baseUrl);
  const providerApi = routeFact(provider.api);
  const providerBaseUrl = routeFact(provider.baseUrl);
  let api: string | undefined;
  let baseUrl: string | undefined;
  if (modelApi !== undefined || modelBaseUrl !== undefined) {
    api = modelApi ?? providerApi;
    // why: a model's own api keeps the provider's base URL only when that names another server.
    const lower = classifyOpenAIBaseUrl(providerBaseUrl);
    baseUrl = modelBaseUrl ?? (lower === "custom" || lower === "invalid" ? providerBaseUrl : undefined);
  } else if (providerApi !== undefined || providerBaseUrl !== undefined) {
    api = providerApi;
    baseUrl = providerBaseUrl;
  } else return null;
  const endpoint = classifyOpenAIBaseUrl(baseUrl);
  if (endpoint === "invalid") return null;
  if (
    api !== undefined &&
    ![OPENAI_RESPONSES_API, OPENAI_COMPLETIONS_API, OPENAI_CHATGPT_RESPONSES_API].includes(api)
  )
    return null;
  if (api === OPENAI_CHATGPT_RESPONSES_API) return "subscription";
  if (endpoint === "custom") return "api-key";
  if (api === OPENAI_COMPLETIONS_API) return null;
  return endpoint === "chatgpt" ? "subscription" : "api-key";
}

/**
 * OpenAI's route policy knows a model's routes (Platform API key or ChatGPT subscription) from the config's
 * authored transport, else only from a catalog row; for a model the catalog lacks it stays undecided
 * (`resolveSingleObservedModelRoute`, OpenAI plugin's `provider-policy-api.ts`), so its auth readiness is
 * `indeterminate` whatever credentials exist.
 */
function hasUndeterminedRoute(
  route: ModelRoute,
  selection: ModelSelectionSummary,
  config: OpenClawConfig,
): boolean {
  return (
    route.provider === "openai" &&
    !selection.isCatalogModel(route) &&
    authoredOpenAIRouteRequirement(route.model, config) === null
  );
}

/**
 * An OpenAI model has two routes (Platform API key, ChatGPT subscription); for a primary or fallback, which the
 * Codex runtime may serve, the route is chosen by the credential, so with no OpenAI profile at all none is
 * selected and the real CLI names no `missing-auth` route (the provider is still missing in use). A utility
 * call has a single API-key route.
 */
function hasUnselectedOpenAIRoute(route: ModelRoute): boolean {
  return route.provider === "openai" && !route.utilityOnly;
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
  const available = planned.filter((profile) => profileReadiness(profile, now) !== "unavailable");
  const clear = available.filter((profile) =>
    isUsableAt(store.usageStats[profile.profileId], route.provider, now, route.model),
  );
  if (available.length > 0 && clear.length === 0) return { availability: false, evidence: "profile" };
  if (order.explicitList !== null && clear.length === 0) return { availability: false, evidence: "profile" };
  const winner = clear.find((profile) => profileReadiness(profile, now) === "ready") ?? clear[0];
  if (winner) {
    return {
      availability: profileReadiness(winner, now) === "ready" ? true : undefined,
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

function indeterminateIssue(route: ModelRoute): ModelRouteIssue {
  return {
    kind: "indeterminate",
    provider: route.provider,
    model: route.model,
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
    if (!route.image && hasUndeterminedRoute(route, selection, context.config)) {
      modelRouteIssues.push(indeterminateIssue(route));
      continue;
    }
    const label = `${route.provider}/${route.model}`;
    if (route.image || route.provider !== "openai") {
      const { availability, evidence, selectedProfileId } = providerAuthAvailability(route, context);
      if (availability === false) missing.add(route.provider);
      if (availability === true && selectedProfileId !== undefined) selectedProfileIds.add(selectedProfileId);
      if (availability === undefined) {
        modelRouteIssues.push({
          kind: "indeterminate",
          provider: route.provider,
          model: route.model,
          ...(evidence ? { evidence } : {}),
          message: `Auth readiness could not be confirmed for ${label}.`,
        });
      }
      continue;
    }
    const source = openAIRouteSource(route, context);
    if (source.kind === "profile") {
      // why: an OAuth profile whose access token only a refresh could revive leaves the route unconfirmed
      // (lab capture auth-oauth-expired-with-refresh); OpenClaw does not refresh while reporting status.
      if (!source.ready) {
        modelRouteIssues.push({
          kind: "indeterminate",
          provider: route.provider,
          model: route.model,
          evidence: "profile",
          message: `Auth readiness could not be confirmed for ${label}.`,
        });
      } else selectedProfileIds.add(source.profile.profileId);
      continue;
    }
    if (source.kind === "direct") continue;
    const hasProfiles = context.store.profiles.some(
      (profile) => profile.credential.provider === route.provider,
    );
    missing.add(route.provider);
    if (!hasProfiles && hasUnselectedOpenAIRoute(route)) continue;
    const authRequirement = rejectedRouteRequirement(route.provider, context);
    if (authRequirement === null) continue;
    modelRouteIssues.push({
      kind: "missing-auth",
      provider: route.provider,
      model: route.model,
      authRequirement,
      message: `No usable ${authRequirement} authentication is available for ${label}.`,
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

const MISSING_EFFECTIVE: AuthEffective = { kind: "missing", detail: "missing" };

/** A runtime route's auth: how available it is, and the source selected, if it could be told. */
type RuntimeRouteAuth = { availability: RouteAvailability; source: OpenAIRouteSource | null };

function runtimeRouteAuth(
  authProvider: string,
  route: ModelRoute,
  selection: ModelSelectionSummary,
  context: RouteAuthContext,
): RuntimeRouteAuth {
  if (hasUndeterminedRoute(route, selection, context.config))
    return { availability: undefined, source: null };
  if (authProvider === "openai") {
    const source = openAIRouteSource({ ...route, provider: authProvider }, context);
    const availability =
      source.kind === "none" ? false : source.kind === "direct" || source.ready ? true : undefined;
    return { availability, source };
  }
  const usable = usableProfilesFor({ provider: authProvider, model: route.model }, context).length > 0;
  return { availability: usable || context.envCredentialOf(authProvider) !== null, source: null };
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
 * A runtime route's `effective` auth (`resolveRuntimeAuthRouteEffective`, `list.status-command.ts`): missing
 * when its auth is; for a selected profile, the `auth.providers` row's effective auth of the profile's
 * provider (which names the store that holds it, lab capture gen-3-016), else the profile id; for an env
 * credential or a config key (`models.json`, lab capture gen-4-024), that row's display of it; else the
 * row's effective auth, or missing without a row.
 */
function runtimeEffective(
  authProvider: string,
  route: ModelRoute,
  auth: RuntimeRouteAuth,
  context: RouteAuthContext,
): AuthEffective {
  if (authProvider !== "openai") return cliBackendEffective(authProvider, route, context);
  if (auth.availability === false) return MISSING_EFFECTIVE;
  const { source } = auth;
  const overview = context.providerOverview(authProvider);
  if (source?.kind === "profile") {
    const rowEffective = context.providerOverview(source.profile.credential.provider)?.effective;
    return rowEffective && rowEffective.kind !== "missing"
      ? rowEffective
      : { kind: "profiles", detail: source.profile.profileId };
  }
  if (source?.kind === "direct" && source.evidence === "environment" && overview?.env)
    return { kind: "env", detail: overview.env.value };
  const configKey = context.config.models?.providers?.[authProvider]?.apiKey;
  if (source?.kind === "direct" && source.evidence === "provider-config" && configKey !== undefined)
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
    const auths = served.map((route) => runtimeRouteAuth(authProvider, route, selection, context));
    const availabilities = auths.map((auth) => auth.availability);
    const index = Math.max(availabilities.indexOf(true), 0);
    const representative = served[index] ?? first;
    const representativeAuth = auths[index] ?? { availability: undefined, source: null };
    const effective = runtimeEffective(authProvider, representative, representativeAuth, context);
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
