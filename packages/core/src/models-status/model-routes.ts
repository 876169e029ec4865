import type { ResolvedAuthOrder } from "../auth-order/resolve-auth-order";
import type { AuthProfileType } from "../auth-profiles/auth-store.schema";
import type { MergedAuthProfile, MergedAuthStore } from "../auth-profiles/auth-store-merge";
import { isValidExpires } from "../auth-profiles/profile-eligibility";
import { OAUTH_REFRESH_MARGIN_MS } from "../auth-profiles/profile-health";
import type { EnvCredentialLookup } from "../auth-profiles/env-credentials";
import { isUsableAt } from "../auth-usage/usage-windows";
import { CODEX_RUNTIME, OPENCLAW_RUNTIME } from "../model-selection/agent-runtime-policy";
import { parseModelRef, resolveModelRef } from "../model-selection/model-ref";
import type { ModelSelectionReport, ModelSelectionSummary } from "../model-selection/resolve-model-selection";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import { OPENCLAW_DATA } from "../openclaw-data/openclaw-shipped-data";
import { envCredentialDetail } from "./auth-overview";
import { compareLocale } from "./locale-order";
import type {
  AuthEffective,
  AuthRequirement,
  ModelRouteIssue,
  RuntimeAuthRoute,
} from "./models-status-report";

/** Providers that a host CLI backend can authenticate (Claude CLI for Anthropic): no stored auth is "indeterminate". */
const CLI_BACKED_PROVIDERS: ReadonlySet<string> = new Set(["anthropic"]);

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

/** `image` routes count for `missingProvidersInUse` only; route issues and runtime routes are about the
 * text routes (primary, fallbacks, utility), as the real CLI reports them. */
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

/** The model refs a configuration puts in use, as written, in OpenClaw's order (facts §1.3). */
export function modelRefsInUse(
  models: Pick<
    ModelSelectionReport,
    "resolvedDefault" | "fallbacks" | "imageModel" | "imageFallbacks" | "utilityModel"
  >,
): string[] {
  return [
    models.resolvedDefault,
    ...models.fallbacks,
    ...(models.imageModel === null ? [] : [models.imageModel]),
    ...models.imageFallbacks,
    ...(models.utilityModel.ref === null ? [] : [models.utilityModel.ref]),
  ];
}

/**
 * The routes a configuration puts in use, deduplicated, in OpenClaw's order (facts §1.3): primary,
 * fallbacks, image model, image fallbacks, utility model; each resolved through the alias index.
 */
export function modelRoutesInUse(selection: ModelSelectionSummary): ModelRoute[] {
  const imageRefs = new Set([
    ...(selection.imageModel === null ? [] : [selection.imageModel]),
    ...selection.imageFallbacks,
  ]);
  const modelRefs = new Set([selection.resolvedDefault, ...selection.fallbacks]);
  // why: only a configured utility model gets its own API-key route; the provider's default utility model is
  // judged like the primary (lab captures catalog-openai-unknown-only-no-auth, seed-prompt-cache-retention-long).
  const utilityRefs = new Set(
    selection.utilityModel.ref === null || selection.utilityModel.source !== "config"
      ? []
      : [selection.utilityModel.ref],
  );
  const textRefs = new Set([...modelRefs, ...utilityRefs]);
  const routes = new Map<string, ModelRoute>();
  for (const entry of modelRefsInUse(selection)) {
    const ref = resolveModelRef(entry, selection.aliasIndex.lookup);
    const parsed = ref === null ? null : parseModelRef(ref);
    if (ref === null || parsed === null || routes.has(ref)) continue;
    const imageOnly = imageRefs.has(entry) && !textRefs.has(entry);
    const utilityOnly = utilityRefs.has(entry) && !modelRefs.has(entry) && !imageRefs.has(entry);
    const runtime = modelRefs.has(entry) ? selection.agentRuntimeOf(parsed) : OPENCLAW_RUNTIME;
    routes.set(ref, {
      ref,
      ...parsed,
      ...(imageOnly ? { image: true as const } : {}),
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

function hasNonProfileAuth(provider: string, context: RouteAuthContext): boolean {
  return (
    context.envCredentialOf(provider) !== null ||
    context.config.models?.providers?.[provider]?.apiKey !== undefined
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

/**
 * OpenAI's route policy knows a model's routes (Platform API key or ChatGPT subscription) only from a catalog
 * row; for a model the catalog lacks it stays undecided (`resolveSingleObservedModelRoute`, OpenAI plugin's
 * `provider-policy-api.ts`), so its auth readiness is `indeterminate` whatever credentials exist.
 */
function hasUndeterminedRoute(route: ModelRoute, selection: ModelSelectionSummary): boolean {
  return route.provider === "openai" && !selection.isCatalogModel(route);
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
};

/**
 * Route-level findings of `models status` (facts §1.3). A route with no profile usable for its model and no
 * env or config key is `missing-auth` (and its provider is missing in use) when the provider has stored
 * profiles or no CLI backend; a CLI-backed provider with nothing stored is `indeterminate`, because the
 * host's CLI login cannot be seen.
 */
export function evaluateModelRoutes(
  routes: readonly ModelRoute[],
  selection: ModelSelectionSummary,
  context: RouteAuthContext,
): RouteAuthFindings {
  const modelRouteIssues: ModelRouteIssue[] = [];
  const missing = new Set<string>();
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
    if (!route.image && hasUndeterminedRoute(route, selection)) {
      modelRouteIssues.push(indeterminateIssue(route));
      continue;
    }
    const label = `${route.provider}/${route.model}`;
    const selectable = usableProfilesFor(route, context).flatMap((profileId) => {
      const profile = context.store.byId.get(profileId);
      return profile && profileReadiness(profile, context.now) !== "unavailable" ? [profile] : [];
    });
    // why: a profile confirmed ready wins over one only a refresh could revive, wherever it sits in the order
    // (lab capture auth-oauth-expired-refresh-check).
    const selected =
      selectable.find((profile) => profileReadiness(profile, context.now) === "ready") ?? selectable[0];
    if (selected) {
      // why: an OAuth profile whose access token only a refresh could revive leaves the route unconfirmed
      // (lab capture auth-oauth-expired-with-refresh); OpenClaw does not refresh while reporting status.
      if (!route.image && profileReadiness(selected, context.now) === "unknown") {
        modelRouteIssues.push({
          kind: "indeterminate",
          provider: route.provider,
          model: route.model,
          evidence: "profile",
          message: `Auth readiness could not be confirmed for ${label}.`,
        });
      }
      continue;
    }
    if (hasNonProfileAuth(route.provider, context)) continue;
    const hasProfiles = context.store.profiles.some(
      (profile) => profile.credential.provider === route.provider,
    );
    if (
      !hasProfiles &&
      (CLI_BACKED_PROVIDERS.has(route.provider) || hasUncheckablePluginAuth(route.provider))
    ) {
      if (route.image) continue;
      modelRouteIssues.push(indeterminateIssue(route));
      continue;
    }
    missing.add(route.provider);
    if (route.image || (!hasProfiles && hasUnselectedOpenAIRoute(route))) continue;
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
    modelRouteIssues,
    missingProvidersInUse: [...missing].sort(compareLocale),
    runtimeAuthRoutes: runtimeAuthRoutes(routes, selection, context),
  };
}

type RouteAvailability = true | false | undefined;

function runtimeAvailability(
  authProvider: string,
  route: ModelRoute,
  selection: ModelSelectionSummary,
  context: RouteAuthContext,
): RouteAvailability {
  if (hasUndeterminedRoute(route, selection)) return undefined;
  if (usableProfilesFor({ provider: authProvider, model: route.model }, context).length > 0) return true;
  return context.envCredentialOf(authProvider) !== null;
}

function runtimeEffective(authProvider: string, route: ModelRoute, context: RouteAuthContext): AuthEffective {
  if (usableProfilesFor({ provider: authProvider, model: route.model }, context).length > 0) {
    return { kind: "profiles", detail: context.storeDetail };
  }
  const env = context.envCredentialOf(authProvider);
  return env ? { kind: "env", detail: envCredentialDetail(env) } : { kind: "missing", detail: "missing" };
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
    const availabilities = served.map((route) =>
      runtimeAvailability(authProvider, route, selection, context),
    );
    const representative = served[availabilities.indexOf(true)] ?? first;
    const effective = runtimeEffective(authProvider, representative, context);
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
