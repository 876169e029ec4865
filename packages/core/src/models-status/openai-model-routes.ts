import type { EnvValues } from "../auth-profiles/profile-eligibility";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";
import type { OpenClawShippedData } from "../openclaw-data/openclaw-shipped-data.schema";
import { OPENCLAW_DATA } from "../openclaw-data/openclaw-shipped-data";
import type { AuthRequirement } from "./models-status-report";

/**
 * What the OpenAI plugin's route policy makes of one model (`resolveModelRoutes`,
 * `extensions/openai/provider-policy-api.ts`): the auth requirements of its routes, Platform (API key) first;
 * undecided when nothing tells its transport; or refused, with OpenClaw's code and message.
 */
export type OpenAIRouteResolution =
  | { kind: "routes"; requirements: readonly AuthRequirement[] }
  | { kind: "indeterminate" }
  | { kind: "incompatible"; code: string; message: string };

const RESPONSES_API = "openai-responses";
const COMPLETIONS_API = "openai-completions";
const CHATGPT_RESPONSES_API = "openai-chatgpt-responses";
const PLATFORM_BASE_URL = "https://api.openai.com/v1";
const PLATFORM_PATHS: ReadonlySet<string> = new Set(["/", "/v1", "/v1/"]);
const CHATGPT_PATHS: ReadonlySet<string> = new Set(
  [
    "/backend-api",
    "/backend-api/v1",
    "/backend-api/codex",
    "/backend-api/codex/v1",
    "/backend-api/codex/responses",
  ].flatMap((path) => [path, `${path}/`]),
);

type EndpointKind = "unresolved" | "invalid" | "platform" | "chatgpt" | "custom";

/** `classifyOpenAIBaseUrl` (`extensions/openai/base-url.ts`): OpenAI's own endpoints exactly, else custom. */
function classifyBaseUrl(baseUrl: unknown): EndpointKind {
  if (baseUrl === undefined || baseUrl === null || baseUrl === "") return "unresolved";
  if (typeof baseUrl !== "string") return "invalid";
  const trimmed = baseUrl.trim();
  if (!trimmed) return "unresolved";
  let url: URL;
  try {
    url = new URL(trimmed);
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
  if (host === "api.openai.com" && PLATFORM_PATHS.has(url.pathname)) return "platform";
  if (host === "chatgpt.com" && CHATGPT_PATHS.has(url.pathname)) return "chatgpt";
  return "invalid";
}

/** `firstRouteBaseUrl`: the first non-blank string (trimmed), or the first value that is no string at all. */
function firstBaseUrl(...values: unknown[]): unknown {
  for (const value of values) {
    if (typeof value === "string") {
      if (value.trim()) return value.trim();
      continue;
    }
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

type RouteFacts = { api?: unknown; baseUrl?: unknown };

/**
 * The authored `models.providers.openai` entry and its row for the model (`resolveMergedModelProviderConfig`,
 * rows matched by id with or without the `openai/` prefix), whose `api` and `baseUrl` fix the model's route.
 */
function authoredRouteFacts(
  config: OpenClawConfig,
  modelId: string,
): { provider?: RouteFacts; model?: RouteFacts } {
  const entry = Object.entries(config.models?.providers ?? {}).find(
    ([key]) => key.trim().toLowerCase() === "openai",
  )?.[1] as (RouteFacts & { models?: unknown }) | undefined;
  if (entry === undefined) return {};
  const bare = (id: string) => id.trim().replace(/^openai\//iu, "");
  const rows = Array.isArray(entry.models) ? (entry.models as unknown[]) : [];
  const model = rows.find(
    (row): row is RouteFacts & { id: string } =>
      typeof row === "object" &&
      row !== null &&
      typeof (row as { id?: unknown }).id === "string" &&
      bare((row as { id: string }).id) === bare(modelId),
  );
  return { provider: entry, ...(model ? { model } : {}) };
}

/** `normalizeOpenAIModelRouteId`: trimmed, and the legacy `gpt-5.4-codex` is `gpt-5.4`. */
function routeModelId(modelId: string): string {
  const trimmed = modelId.trim();
  const lower = trimmed.toLowerCase();
  return lower === "gpt-5.4-codex" || lower === "openai/gpt-5.4-codex" ? "gpt-5.4" : trimmed;
}

function routes(...requirements: AuthRequirement[]): OpenAIRouteResolution {
  return { kind: "routes", requirements };
}

function incompatible(code: string, message: string): OpenAIRouteResolution {
  return { kind: "incompatible", code, message };
}

export type OpenAIRouteInput = {
  /** The model id, without the provider. */
  model: string;
  config: OpenClawConfig;
  env: EnvValues;
  /** Whether OpenClaw's catalog has a row for the model, observed on OpenAI's Platform endpoint. */
  catalogued: boolean;
  data?: Pick<OpenClawShippedData, "openAIModelRoutes">;
};

/**
 * The routes of one OpenAI model (`resolveSingleObservedModelRoute` and `resolveModelRouteCandidates`,
 * `extensions/openai/provider-policy-api.ts`). Route facts come from the model's `models.providers.openai` row,
 * else the provider entry, else `OPENAI_BASE_URL`, else the catalog row (Platform Responses). Then:
 * - a custom endpoint has the one route its adapter authenticates (API key, or subscription for the ChatGPT
 *   adapter);
 * - a model OpenAI ships on both transports has both routes unless a route is authored (lab captures
 *   gen-2-026, gen-2-039: `gpt-5.6-luna` with no OpenAI profile names no route);
 * - a model on one transport only has that route (`gpt-5.6` Platform, `gpt-5.3-codex-spark` ChatGPT);
 * - an authored ChatGPT endpoint or adapter is the subscription route;
 * - any other model is on the Platform route when some fact names it (a catalog row, as `gpt-5.4-nano`: lab
 *   capture catalog-openai-unknown-only-no-auth; an authored base URL, as gen-1-047's unknown `gpt`), and
 *   undecided without one.
 * Authored route intents (a `@profile` suffix, a runtime policy) only narrow two routes to one and are not
 * modelled here.
 */
export function resolveOpenAIModelRoutes(input: OpenAIRouteInput): OpenAIRouteResolution {
  const data = (input.data ?? OPENCLAW_DATA).openAIModelRoutes;
  const authored = authoredRouteFacts(input.config, input.model);
  const modelApi = optionalString(authored.model?.api);
  const providerApi = optionalString(authored.provider?.api);
  const modelBaseUrl = firstBaseUrl(authored.model?.baseUrl);
  const providerBaseUrl = firstBaseUrl(authored.provider?.baseUrl);
  const environmentBaseUrl = firstBaseUrl(input.env.OPENAI_BASE_URL);
  const authoredFacts =
    modelApi !== undefined ||
    providerApi !== undefined ||
    modelBaseUrl !== undefined ||
    providerBaseUrl !== undefined ||
    environmentBaseUrl !== undefined;
  // why: an authored custom endpoint without an authored adapter borrows the catalog row's Platform adapter
  // (`authoredRouteNeedsObservedPlatformApi`); otherwise authored facts replace the catalog row entirely.
  const observed = input.catalogued
    ? authoredFacts
      ? modelApi === undefined &&
        providerApi === undefined &&
        classifyBaseUrl(firstBaseUrl(modelBaseUrl, providerBaseUrl, environmentBaseUrl)) === "custom"
        ? { api: RESPONSES_API }
        : {}
      : { api: RESPONSES_API, baseUrl: PLATFORM_BASE_URL }
    : {};

  let effectiveApi: string | undefined;
  let effectiveBaseUrl: unknown;
  let configuredRoute = false;
  let customDefaultApi = COMPLETIONS_API;
  const lowerBaseUrl = (value: unknown) => {
    const kind = classifyBaseUrl(value);
    return kind === "custom" || kind === "invalid" ? value : undefined;
  };
  if (modelApi !== undefined || modelBaseUrl !== undefined) {
    configuredRoute = true;
    effectiveApi = modelApi ?? providerApi;
    effectiveBaseUrl = modelBaseUrl ?? lowerBaseUrl(providerBaseUrl ?? environmentBaseUrl);
  } else if (providerApi !== undefined || providerBaseUrl !== undefined) {
    configuredRoute = true;
    effectiveApi = providerApi;
    effectiveBaseUrl = providerBaseUrl ?? lowerBaseUrl(environmentBaseUrl);
  } else if (environmentBaseUrl !== undefined) {
    configuredRoute = true;
    effectiveBaseUrl = environmentBaseUrl;
    customDefaultApi = RESPONSES_API;
  } else {
    effectiveApi = observed.api;
    effectiveBaseUrl = observed.baseUrl;
  }

  const endpoint = classifyBaseUrl(effectiveBaseUrl);
  if (endpoint === "invalid")
    return incompatible(
      "invalid-openai-base-url",
      "OpenAI model route baseUrl must be a non-empty URL string.",
    );
  const chatGPTApi = effectiveApi?.toLowerCase() === CHATGPT_RESPONSES_API;
  if (endpoint === "custom") {
    const authoredChatGPTApi =
      modelApi?.toLowerCase() === CHATGPT_RESPONSES_API ||
      providerApi?.toLowerCase() === CHATGPT_RESPONSES_API;
    if (chatGPTApi && !authoredChatGPTApi)
      return incompatible(
        "custom-chatgpt-relay-requires-configuration",
        "Custom ChatGPT relays require an explicitly configured ChatGPT adapter.",
      );
    const customApi = effectiveApi ?? observed.api ?? customDefaultApi;
    if (customApi !== RESPONSES_API && customApi !== COMPLETIONS_API && customApi !== CHATGPT_RESPONSES_API)
      return incompatible(
        "unsupported-custom-openai-api",
        `${customApi} is not an OpenAI-compatible model adapter.`,
      );
    return routes(customApi.toLowerCase() === CHATGPT_RESPONSES_API ? "subscription" : "api-key");
  }
  if (
    (endpoint === "platform" && chatGPTApi) ||
    (endpoint === "chatgpt" && effectiveApi !== undefined && !chatGPTApi)
  )
    return incompatible(
      "conflicting-official-openai-route",
      "OpenAI model API and baseUrl select different official transports.",
    );
  if (
    effectiveApi !== undefined &&
    effectiveApi !== RESPONSES_API &&
    effectiveApi !== COMPLETIONS_API &&
    effectiveApi !== CHATGPT_RESPONSES_API
  )
    return incompatible(
      "unsupported-official-openai-api",
      `${effectiveApi} is not an OpenAI Platform model adapter.`,
    );

  const modelId = routeModelId(input.model);
  const id = modelId.toLowerCase();
  const platformOnly = data.platformOnly.includes(id);
  const subscriptionOnly = data.subscriptionOnly.includes(id);
  // why: OpenClaw keeps both routes of a dual model under an authored Completions adapter (request transport
  // overrides, which would narrow it, are not modelled).
  if (data.dual.includes(id) && (!configuredRoute || effectiveApi === COMPLETIONS_API))
    return routes("api-key", "subscription");
  if (!configuredRoute) {
    if (subscriptionOnly) return routes("subscription");
    if (platformOnly) return routes("api-key");
  }
  if (endpoint === "chatgpt" || chatGPTApi) {
    if (platformOnly)
      return incompatible(
        "platform-only-model-on-chatgpt",
        `${modelId} is available only through OpenAI Platform API-key authentication.`,
      );
    return routes("subscription");
  }
  if (subscriptionOnly)
    return incompatible(
      "subscription-only-model-on-platform",
      `${modelId} is available only through ChatGPT subscription authentication.`,
    );
  const hasObservedRoute = observed.api !== undefined || observed.baseUrl !== undefined;
  if (!configuredRoute && !hasObservedRoute) return { kind: "indeterminate" };
  return routes("api-key");
}
