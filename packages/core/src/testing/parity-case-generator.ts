/**
 * Generated parity cases for the lab that compares `clawfleet models status` with the real
 * `openclaw@2026.9.6` CLI: one case is the input folder of a real-CLI capture (`openclaw.json` as JSON or
 * JSON5 text, the shared and per-agent credential and runtime-state documents, extra `env` lines and the
 * `status-args`), laid out as `fixtures/openclaw-status/README.md` describes. Times are templates
 * (`"__NOW+<ms>__"`), rendered when the case is captured.
 *
 * Seeded and pure: `(seed, index)` always gives the same case. Most cases are valid and varied; about one in
 * eight is deliberately refused by OpenClaw (a JSON5 syntax error, an unknown key, a multi-agent roster
 * without an owner, an unknown `--agent`). Every case lists the `features` it exercises, so a test can show
 * that a batch covers the input space and a report can say what a disagreeing case contains.
 */
import JSON5 from "json5";

import { AUTH_FAILURE_REASONS } from "../auth-profiles/auth-store.schema";
import { type SeededRandom, createSeededRandom } from "./seeded-random";

export type Json = null | boolean | number | string | Json[] | JsonObject;
// why an index signature: a `Record` here would make the two aliases reference each other circularly.
export type JsonObject = { [key: string]: Json };

/** A credential store as the fixture layout holds it: `auth-profiles.json` and `auth-state.json`. */
export type CaseStore = { profiles?: JsonObject; state?: JsonObject };

export type CaseConfig =
  /** A config object, written as strict JSON or as JSON5 (comments, unquoted keys, trailing commas). */
  | { kind: "document"; value: JsonObject; syntax: "json" | "json5" }
  /** Text that is deliberately not JSON5 (a syntax error OpenClaw must refuse). */
  | { kind: "text"; text: string };

export type ParityCase = {
  /** `gen-<seed>-<nnn>`, the capture's folder name under `fixtures/openclaw-status/lab/`. */
  name: string;
  config: CaseConfig;
  /** The shared store; `null` leaves it empty. */
  sharedStore: CaseStore | null;
  /** Agents that have their own store, by agent id. */
  agentStores: Record<string, CaseStore>;
  /** Extra environment of the status runs, in `input/env` order. */
  env: [name: string, value: string][];
  /** Extra `models status` arguments (`--agent <id>`). */
  statusArgs: string[];
  /** What the case exercises (e.g. `agents:list`, `oauth:expired-refresh`), sorted. */
  features: string[];
};

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Why every offset carries 25 s on top of a whole unit: the real CLI measures `remainingMs` some seconds after
 * the rendered `now`, and durations are shown rounded (`5m`, `3h`, `2d`). A whole unit plus 29 s rounds to the
 * same text for the first 59 s of a run, whichever side of the unit the measurement falls.
 */
const MARGIN = 29 * SECOND;
/** Future instants: minutes, hours below the 24 h warning line, hours and days above it. */
const FUTURE_OFFSETS = [
  10 * MINUTE,
  45 * MINUTE,
  3 * HOUR,
  20 * HOUR,
  30 * HOUR,
  3 * DAY,
  12 * DAY,
  400 * DAY,
];
/** Past instants: just ended, hours ago, days ago. */
const PAST_OFFSETS = [-10 * MINUTE, -3 * HOUR, -4 * DAY];

function template(offset: number): string {
  const shifted = offset >= 0 ? offset + MARGIN : offset - MARGIN;
  return `__NOW${shifted >= 0 ? "+" : "-"}${Math.abs(shifted)}__`;
}

/**
 * Model refs by kind. The catalogued ones are models `openclaw@2026.9.6` ships; the rest exercise unknown
 * models of a known provider, unknown providers and custom providers declared under `models.providers`.
 */
const CATALOGUED_MODELS = [
  "anthropic/claude-opus-4-8",
  "anthropic/claude-sonnet-5",
  "anthropic/claude-haiku-4-5",
  "anthropic/claude-opus-5",
  "anthropic/claude-sonnet-4-6",
  "openai/gpt-5.5",
  "openai/gpt-5.4",
  "openai/gpt-5.6-luna",
  "google/gemini-3-pro-preview",
  "google/gemini-2.5-flash",
  "google/gemini-3-pro",
  "openrouter/moonshotai/kimi-k2",
] as const;
const UNKNOWN_MODELS = ["anthropic/claude-imaginary-9", "openai/gpt-unknown", "acme-cloud/largest"] as const;
const BARE_MODEL_IDS = ["claude-opus-4-8", "gpt-5.5", "gemini-2.5-flash"] as const;
const BUILT_IN_ALIASES = ["opus", "sonnet", "gpt", "gpt-mini", "gemini", "gemini-flash"] as const;
const CUSTOM_PROVIDER = "acme";
const CUSTOM_MODEL_REF = `${CUSTOM_PROVIDER}/acme-large`;

const PROVIDERS = ["anthropic", "openai", "google", "openrouter"] as const;
type Provider = (typeof PROVIDERS)[number] | typeof CUSTOM_PROVIDER | "openai-codex";

/** Env keys OpenClaw reads per provider, as `models status` shows them. */
const PROVIDER_ENV_KEYS: Readonly<Record<string, string>> = {
  anthropic: "ANTHROPIC_API_KEY",
  openai: "OPENAI_API_KEY",
  google: "GEMINI_API_KEY",
  openrouter: "OPENROUTER_API_KEY",
};

const AGENT_IDS = ["main", "work", "ops", "research_2", "qa-bot"] as const;
/** Every failure reason OpenClaw records, so windows of each reason reach the lab. */
const FAILURE_REASONS = AUTH_FAILURE_REASONS;
const SECRET_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** The feature tags a case collects while it is built. */
class Features {
  private readonly tags = new Set<string>();
  add(tag: string): void {
    this.tags.add(tag);
  }
  list(): string[] {
    return [...this.tags].sort();
  }
}

type Draw = { random: SeededRandom; features: Features };

/**
 * A fake secret of the given body length: `FAKE`, then `x`s, then a random tail of up to 8 characters. The tail
 * keeps OpenClaw's masks (first 8 + last 8) distinct between profiles; the rest keeps the value unmistakably
 * fake, so a committed capture never looks like a leaked credential to a reader or a secret scanner.
 */
function secretLike({ random }: Draw, prefix: string, length: number): string {
  const tailLength = Math.min(8, length);
  let tail = "";
  for (let index = 0; index < tailLength; index += 1)
    tail += SECRET_ALPHABET.charAt(random.integer(0, SECRET_ALPHABET.length - 1));
  const filler =
    length - tailLength >= 4 ? "FAKE".padEnd(length - tailLength, "x") : "x".repeat(length - tailLength);
  return `${prefix}${filler}${tail}`;
}

function futureOrPast(draw: Draw, pastShare: number): { at: string; past: boolean } {
  const past = draw.random.chance(pastShare);
  return { at: template(draw.random.pick(past ? PAST_OFFSETS : FUTURE_OFFSETS)), past };
}

// ---------------------------------------------------------------------------------------------- models

/** A model ref in one of its written forms: catalogued, alias, bare id, unknown model, unknown provider. */
function modelRef(draw: Draw, customProvider: boolean): string {
  const roll = draw.random.next();
  if (roll < 0.55) return draw.random.pick(CATALOGUED_MODELS);
  if (roll < 0.7) {
    draw.features.add("model:alias");
    return draw.random.pick(BUILT_IN_ALIASES);
  }
  if (roll < 0.8) {
    draw.features.add("model:bare-id");
    return draw.random.pick(BARE_MODEL_IDS);
  }
  if (customProvider && roll < 0.88) {
    draw.features.add("model:custom-provider");
    return CUSTOM_MODEL_REF;
  }
  draw.features.add("model:unknown");
  return draw.random.pick(UNKNOWN_MODELS);
}

/** A `model` value in every form OpenClaw accepts (string, `{primary}`, with fallbacks, fallbacks only). */
function modelSelection(draw: Draw, customProvider: boolean, scope: "defaults" | "agent"): Json {
  const ref = () => modelRef(draw, customProvider);
  const fallbacks = () => Array.from({ length: draw.random.integer(1, 2) }, ref);
  switch (draw.random.integer(0, 4)) {
    case 0:
      draw.features.add(`${scope}-model:string`);
      return ref();
    case 1:
      draw.features.add(`${scope}-model:primary`);
      return { primary: ref() };
    case 2:
      draw.features.add(`${scope}-model:empty-fallbacks`);
      return { primary: ref(), fallbacks: [] };
    case 3:
      draw.features.add(`${scope}-model:fallbacks`);
      return { primary: ref(), fallbacks: fallbacks() };
    default:
      draw.features.add(`${scope}-model:fallbacks-only`);
      return { fallbacks: fallbacks() };
  }
}

/** Model params, sometimes with `cacheRetention` or the legacy `cacheControlTtl`. */
function modelParams(draw: Draw): JsonObject {
  const roll = draw.random.next();
  if (roll < 0.45) {
    draw.features.add("params:cacheRetention");
    return { cacheRetention: draw.random.pick(["none", "short", "long"]) };
  }
  if (roll < 0.65) {
    draw.features.add("params:cacheControlTtl");
    return { cacheControlTtl: draw.random.pick(["5m", "1h"]) };
  }
  return { temperature: draw.random.pick([0, 0.2, 0.7]), maxTokens: draw.random.pick([1024, 8192]) };
}

/** A `models` map: aliases (some colliding with built-in ones), params, a runtime now and then. */
function modelsMap(draw: Draw, customProvider: boolean): JsonObject {
  const models: JsonObject = {};
  const refs = draw.random.sample(
    [...CATALOGUED_MODELS, ...(customProvider ? [CUSTOM_MODEL_REF] : []), draw.random.pick(UNKNOWN_MODELS)],
    draw.random.integer(1, 5),
  );
  for (const ref of refs) {
    const entry: JsonObject = {};
    if (draw.random.chance(0.4)) {
      const collide = draw.random.chance(0.4);
      if (collide) draw.features.add("models-map:alias-collides-with-built-in");
      else draw.features.add("models-map:alias");
      entry.alias = collide ? draw.random.pick(BUILT_IN_ALIASES) : `${ref.split("/").at(-1) ?? "m"}-fast`;
    }
    if (draw.random.chance(0.4)) entry.params = modelParams(draw);
    if (ref.startsWith("openai/") && draw.random.chance(0.2)) {
      draw.features.add("models-map:agent-runtime");
      entry.agentRuntime = { id: draw.random.pick(["auto", "codex", "openclaw"]) };
    }
    models[ref] = entry;
  }
  return models;
}

function modelPolicy(draw: Draw): JsonObject {
  draw.features.add("model-policy:allow");
  const allow = draw.random.sample(
    [
      "anthropic/*",
      "openai/*",
      "google/*",
      "openrouter/moonshotai/*",
      "anthropic/claude-sonnet-5",
      "openai/gpt-5.5",
      "opus",
      "gpt",
    ],
    draw.random.integer(1, 3),
  );
  if (allow.some((ref) => ref.endsWith("/*"))) draw.features.add("model-policy:wildcard");
  return { allow };
}

function utilityModel(draw: Draw): string {
  if (draw.random.chance(0.35)) {
    draw.features.add("utility-model:disabled");
    return "";
  }
  draw.features.add("utility-model:set");
  return draw.random.pick(["anthropic/claude-haiku-4-5", "openai/gpt-5.6-luna", "sonnet", "gemini-flash"]);
}

function imageModel(draw: Draw, customProvider: boolean): Json {
  draw.features.add("image-model");
  return draw.random.chance(0.5)
    ? modelRef(draw, customProvider)
    : { primary: modelRef(draw, customProvider), fallbacks: [modelRef(draw, customProvider)] };
}

// ---------------------------------------------------------------------------------------------- agents

type Roster = { layout: "none" | "entries" | "list"; ids: string[] };

function agentOverrides(draw: Draw, customProvider: boolean): JsonObject {
  const agent: JsonObject = {};
  if (draw.random.chance(0.6)) agent.model = modelSelection(draw, customProvider, "agent");
  if (draw.random.chance(0.2)) agent.models = modelsMap(draw, customProvider);
  if (draw.random.chance(0.2)) agent.modelPolicy = modelPolicy(draw);
  if (draw.random.chance(0.15)) agent.utilityModel = utilityModel(draw);
  if (draw.random.chance(0.2)) {
    draw.features.add("agent:params");
    agent.params = modelParams(draw);
  }
  return agent;
}

/**
 * The `agents` block: no roster (the implicit `main`), keyed `entries` (with `ownership: "explicit"` or one
 * legacy `default: true` marker when there are several), or the legacy `list` array.
 */
function agentsBlock(draw: Draw, customProvider: boolean): { agents: JsonObject; roster: Roster } {
  const defaults: JsonObject = {};
  if (draw.random.chance(0.9)) defaults.model = modelSelection(draw, customProvider, "defaults");
  if (draw.random.chance(0.8)) {
    draw.features.add("models-map");
    defaults.models = modelsMap(draw, customProvider);
  }
  if (draw.random.chance(0.25)) defaults.imageModel = imageModel(draw, customProvider);
  if (draw.random.chance(0.2)) defaults.utilityModel = utilityModel(draw);
  if (draw.random.chance(0.15)) defaults.modelPolicy = modelPolicy(draw);
  if (draw.random.chance(0.2)) {
    draw.features.add("defaults:params");
    defaults.params = modelParams(draw);
  }

  const layoutRoll = draw.random.next();
  const layout: Roster["layout"] = layoutRoll < 0.15 ? "none" : layoutRoll < 0.27 ? "list" : "entries";
  draw.features.add(`agents:${layout}`);
  if (layout === "none") return { agents: { defaults }, roster: { layout, ids: ["main"] } };

  const ids = draw.random.sample(AGENT_IDS, draw.random.integer(1, 4));
  if (ids.length > 1) draw.features.add("agents:several");
  const agents: JsonObject = { defaults };
  const defaultMarker = ids.length > 1 && draw.random.chance(layout === "list" ? 0.8 : 0.15);
  const markedId = defaultMarker ? draw.random.pick(ids) : undefined;
  if (defaultMarker) draw.features.add("agents:default-marker");
  else if (ids.length > 1) {
    draw.features.add("ownership:explicit");
    agents.ownership = "explicit";
  }
  if (ids.length > 1 && draw.random.chance(0.3)) {
    draw.features.add("defaults:system-agent");
    defaults.systemAgent = { agentId: draw.random.pick(ids) };
  }
  const entry = (id: string): JsonObject => ({
    name: `${id.charAt(0).toUpperCase()}${id.slice(1)}`,
    ...(id === markedId ? { default: true } : {}),
    ...agentOverrides(draw, customProvider),
  });
  if (layout === "list") agents.list = ids.map((id) => ({ id, ...entry(id) }));
  else agents.entries = Object.fromEntries(ids.map((id) => [id, entry(id)]));
  return { agents, roster: { layout, ids } };
}

// ---------------------------------------------------------------------------------------------- stores

/** Profile names as people and tools write them: defaults, mixed case, spaces, emails. */
const PROFILE_NAMES = ["default", "manual", "work", "Work Team", "ops@example.com", "BACKUP"] as const;

function apiKeyProfile(draw: Draw, provider: Provider, env: Map<string, string>): JsonObject {
  const roll = draw.random.next();
  if (roll < 0.07) {
    draw.features.add("api-key:missing");
    return { type: "api_key", provider };
  }
  if (roll < 0.17) {
    const present = draw.random.chance(0.6);
    draw.features.add(present ? "api-key:ref-present" : "api-key:ref-missing");
    if (present) env.set("TEAM_API_KEY", secretLike(draw, "sk-team-", 32));
    return { type: "api_key", provider, keyRef: { source: "env", provider: "default", id: "TEAM_API_KEY" } };
  }
  draw.features.add("api-key:inline");
  const prefix = provider === "anthropic" ? "sk-ant-api03-" : provider === "openai" ? "sk-proj-" : "sk-";
  return { type: "api_key", provider, key: secretLike(draw, prefix, draw.random.pick([4, 12, 40])) };
}

function tokenProfile(draw: Draw, provider: Provider): JsonObject {
  const token = secretLike(draw, "sk-ant-oat01-", 80);
  if (draw.random.chance(0.3)) {
    draw.features.add("token:no-expiry");
    return { type: "token", provider, token };
  }
  const { at, past } = futureOrPast(draw, 0.3);
  draw.features.add(past ? "token:expired" : "token:expires");
  return { type: "token", provider, token, expires: at };
}

function oauthProfile(draw: Draw, provider: Provider): JsonObject {
  const profile: JsonObject = { type: "oauth", provider, access: secretLike(draw, "sk-ant-oat01-", 60) };
  const withRefresh = draw.random.chance(0.7);
  if (withRefresh) profile.refresh = secretLike(draw, "sk-ant-ort01-", 40);
  const { at, past } = futureOrPast(draw, 0.35);
  profile.expires = at;
  draw.features.add(`oauth:${past ? "expired" : "valid"}-${withRefresh ? "refresh" : "no-refresh"}`);
  if (draw.random.chance(0.5)) {
    draw.features.add("profile:email");
    profile.email = "someone@example.com";
  }
  if (draw.random.chance(0.35)) {
    draw.features.add("profile:display-name");
    profile.displayName = draw.random.pick(["Team Sub", "zoë", "Ops account"]);
  }
  return profile;
}

function profileFor(draw: Draw, provider: Provider, env: Map<string, string>): JsonObject {
  const type =
    provider === "anthropic" || provider === "openai"
      ? draw.random.pick(["api_key", "token", "oauth"] as const)
      : draw.random.pick(["api_key", "api_key", "token"] as const);
  return type === "api_key"
    ? apiKeyProfile(draw, provider, env)
    : type === "token"
      ? tokenProfile(draw, provider)
      : oauthProfile(draw, provider);
}

/** One `usageStats` row: history, failure counts, and cooldown/disabled/blocked windows ahead or behind. */
function usageRow(draw: Draw): JsonObject {
  const row: JsonObject = {};
  if (draw.random.chance(0.6)) {
    draw.features.add("usage:last-used");
    row.lastUsed = template(-draw.random.pick([5 * MINUTE, 2 * HOUR, 2 * DAY]));
  }
  if (draw.random.chance(0.4)) {
    draw.features.add("usage:failure-counts");
    const reason = draw.random.pick(FAILURE_REASONS);
    const count = draw.random.integer(1, 4);
    row.errorCount = count;
    row.failureCounts = { [reason]: count };
    row.lastFailureAt = template(-draw.random.pick([MINUTE, 3 * HOUR]));
  }
  const windowRoll = draw.random.next();
  if (windowRoll < 0.3) {
    const reason = draw.random.pick(FAILURE_REASONS.filter((name) => name !== "billing"));
    const { at, past } = futureOrPast(draw, 0.3);
    draw.features.add(`cooldown:${past ? "past" : "future"}`);
    draw.features.add(`cooldown-reason:${reason}`);
    row.cooldownUntil = at;
    row.cooldownReason = reason;
    if (["rate_limit", "timeout", "model_not_found"].includes(reason) && draw.random.chance(0.5))
      row.cooldownModel = draw.random.pick(["claude-opus-4-8", "gpt-5.5"]);
    if (reason === "auth" && draw.random.chance(0.3)) row.cooldownClassification = "wham_token_expired";
    if (reason === "auth_permanent" && draw.random.chance(0.3))
      row.cooldownClassification = "wham_account_dead";
  } else if (windowRoll < 0.45) {
    const reason = draw.random.pick(["billing", "auth_permanent"]);
    const { at, past } = futureOrPast(draw, 0.3);
    draw.features.add(`disabled:${past ? "past" : "future"}`);
    draw.features.add(`disabled-reason:${reason}`);
    row.disabledUntil = at;
    row.disabledReason = reason;
  } else if (windowRoll < 0.52) {
    const { at, past } = futureOrPast(draw, 0.3);
    draw.features.add(`blocked:${past ? "past" : "future"}`);
    row.blockedUntil = at;
    row.blockedReason = "subscription_limit";
    row.blockedSource = draw.random.pick(["codex_rate_limits", "wham"]);
    if (draw.random.chance(0.5)) {
      row.blockedScope = "model";
      row.blockedModel = "gpt-5.5";
    }
  }
  return row;
}

/** A store's runtime state: stored order, lastGood, usage rows (some for ids the store does not hold). */
function runtimeState(draw: Draw, profileIds: readonly string[]): JsonObject {
  const state: JsonObject = { version: 1 };
  const providers = [...new Set(profileIds.map((id) => id.split(":")[0] ?? ""))];
  if (providers.length > 0 && draw.random.chance(0.3)) {
    draw.features.add("state:stored-order");
    const provider = draw.random.pick(providers);
    const ofProvider = profileIds.filter((id) => id.startsWith(`${provider}:`));
    state.order = { [provider]: draw.random.sample(ofProvider, draw.random.integer(1, ofProvider.length)) };
  }
  if (profileIds.length > 0 && draw.random.chance(0.25)) {
    draw.features.add("state:last-good");
    const profileId = draw.random.pick(profileIds);
    state.lastGood = { [profileId.split(":")[0] ?? ""]: profileId };
  }
  const usageIds = profileIds.filter(() => draw.random.chance(0.6));
  if (draw.random.chance(0.15)) {
    draw.features.add("usage:unknown-profile");
    usageIds.push(draw.random.pick(["anthropic:gone", "openai:retired"]));
  }
  state.usageStats = Object.fromEntries(usageIds.map((id) => [id, usageRow(draw)]));
  return state;
}

function profileId(draw: Draw, provider: Provider, taken: ReadonlySet<string>): string {
  const name = draw.random.pick(PROFILE_NAMES);
  if (name !== "default" && name !== "manual") draw.features.add("profile-id:odd");
  const id = `${provider}:${name}`;
  return taken.has(id) ? `${id}-2` : id;
}

type GeneratedStore = { store: CaseStore; profileIds: string[] };

function generateStore(draw: Draw, env: Map<string, string>, customProvider: boolean): GeneratedStore {
  const profiles: JsonObject = {};
  const providers = draw.random.sample<Provider>(
    [...PROVIDERS, ...(customProvider ? [CUSTOM_PROVIDER as Provider] : [])],
    draw.random.integer(1, 3),
  );
  for (const provider of providers) {
    for (let count = draw.random.integer(1, 3); count > 0; count -= 1) {
      const id = profileId(draw, provider, new Set(Object.keys(profiles)));
      profiles[id] = profileFor(draw, provider, env);
    }
  }
  if (draw.random.chance(0.08)) {
    draw.features.add("profile-id:legacy-openai-codex");
    profiles["openai-codex:default"] = oauthProfile(draw, "openai-codex");
  }
  const profileIds = Object.keys(profiles);
  const store: CaseStore = { profiles: { version: 1, profiles } };
  if (draw.random.chance(0.8)) store.state = runtimeState(draw, profileIds);
  return { store, profileIds };
}

// ---------------------------------------------------------------------------------------------- config

/** Config `auth`: profiles declared with (and sometimes without) stored credentials, and `auth.order`. */
function configAuth(
  draw: Draw,
  storedIds: readonly string[],
  storedTypes: ReadonlyMap<string, string>,
): Json {
  const profiles: JsonObject = {};
  for (const id of storedIds.filter(() => draw.random.chance(0.45))) {
    const type = storedTypes.get(id) ?? "api_key";
    const mismatch = draw.random.chance(0.1);
    if (mismatch) draw.features.add("config-auth:mode-mismatch");
    profiles[id] = {
      provider: id.split(":")[0] ?? "anthropic",
      mode: mismatch ? draw.random.pick(["api_key", "token", "oauth"]) : type,
    };
  }
  if (draw.random.chance(0.15)) {
    draw.features.add("config-auth:declared-without-credentials");
    profiles["anthropic:declared-only"] = {
      provider: "anthropic",
      mode: "token",
      email: "nobody@example.com",
    };
  }
  const auth: JsonObject = {};
  if (Object.keys(profiles).length > 0) auth.profiles = profiles;
  if (storedIds.length > 0 && draw.random.chance(0.3)) {
    draw.features.add("config-auth:order");
    const provider = draw.random.pick(storedIds).split(":")[0] ?? "anthropic";
    const ofProvider = storedIds.filter((id) => id.startsWith(`${provider}:`));
    auth.order = {
      [provider]: [
        ...draw.random.sample(ofProvider, draw.random.integer(1, ofProvider.length)),
        ...(draw.random.chance(0.2) ? [`${provider}:not-stored`] : []),
      ],
    };
  }
  return auth;
}

/** `models.providers`: a custom provider, and/or a built-in provider's key (inline, a SecretRef, a marker). */
function modelsProviders(draw: Draw, customProvider: boolean, env: Map<string, string>): JsonObject | null {
  const providers: JsonObject = {};
  if (customProvider) {
    draw.features.add("models-providers:custom");
    providers[CUSTOM_PROVIDER] = {
      baseUrl: "http://127.0.0.1:9/v1",
      api: "openai-completions",
      ...(draw.random.chance(0.7) ? { apiKey: secretLike(draw, "acme-", 24) } : {}),
      models: [{ id: "acme-large", name: "Acme Large" }],
    };
  }
  if (draw.random.chance(0.15)) {
    const provider = draw.random.pick(["anthropic", "openai"]);
    const refPresent = draw.random.chance(0.5);
    const asRef = draw.random.chance(0.6);
    draw.features.add(
      asRef ? `models-providers:secret-ref-${refPresent ? "present" : "missing"}` : "models-providers:key",
    );
    if (asRef && refPresent) env.set("PROVIDER_KEY_FROM_ENV", secretLike(draw, "sk-env-", 30));
    providers[provider] = {
      baseUrl: provider === "anthropic" ? "https://api.anthropic.com" : "https://api.openai.com/v1",
      apiKey: asRef
        ? { source: "env", provider: "default", id: "PROVIDER_KEY_FROM_ENV" }
        : secretLike(draw, "sk-config-", 30),
      models: [],
    };
  }
  return Object.keys(providers).length > 0 ? providers : null;
}

/** Provider keys in the process environment and in the config's `env.vars`. */
function providerEnv(draw: Draw, env: Map<string, string>): JsonObject | null {
  for (const [provider, name] of Object.entries(PROVIDER_ENV_KEYS)) {
    if (!draw.random.chance(0.12)) continue;
    draw.features.add(`env:process-${provider}`);
    env.set(name, secretLike(draw, provider === "anthropic" ? "sk-ant-api03-" : "sk-", 40));
  }
  if (draw.random.chance(0.05)) {
    draw.features.add("env:oauth-token");
    env.set("ANTHROPIC_OAUTH_TOKEN", secretLike(draw, "sk-ant-oat01-", 80));
  }
  if (!draw.random.chance(0.15)) return null;
  draw.features.add("env:config-vars");
  const name = draw.random.pick(Object.values(PROVIDER_ENV_KEYS));
  return { vars: { [name]: secretLike(draw, "sk-vars-", 36) } };
}

// ---------------------------------------------------------------------------------------------- invalid

/** The ways a generated case is made to be refused; each is one small edit of a valid case. */
const INVALIDATIONS = [
  "json5-syntax-error",
  "unknown-top-level-key",
  "unknown-defaults-key",
  "unknown-agent-key",
  "env-key-outside-vars",
  "no-owner-for-several-agents",
  "unknown-agent-arg",
  "no-agent-arg-for-several-agents",
] as const;
type Invalidation = (typeof INVALIDATIONS)[number];

function invalidate(
  draw: Draw,
  kind: Invalidation,
  config: JsonObject,
  roster: Roster,
  statusArgs: string[],
): CaseConfig | null {
  draw.features.add(`invalid:${kind}`);
  const agents = config.agents as JsonObject;
  switch (kind) {
    case "json5-syntax-error": {
      const text = JSON5.stringify(config, null, 2);
      const near = draw.random.integer(Math.floor(text.length / 3), Math.floor((2 * text.length) / 3));
      // why at a line start: no JSON5 string spans lines, so `@@` there is outside every string and never valid.
      const cut = text.indexOf("\n", near) + 1;
      return { kind: "text", text: `${text.slice(0, cut)}@@\n${text.slice(cut)}\n` };
    }
    case "unknown-top-level-key":
      config.telemetryLevel = "verbose";
      return null;
    case "unknown-defaults-key":
      (agents.defaults as JsonObject).favouriteModel = "anthropic/claude-opus-4-8";
      return null;
    case "unknown-agent-key": {
      const entries = agents.entries as JsonObject | undefined;
      const first = entries?.[roster.ids[0] ?? ""] as JsonObject | undefined;
      if (first) first.nickname = "Robo";
      else (agents.defaults as JsonObject).favouriteModel = "openai/gpt-5.5";
      return null;
    }
    case "env-key-outside-vars":
      config.env = { ANTHROPIC_API_KEY: "sk-ant-api03-not-allowed-here-0123456789" };
      return null;
    case "no-owner-for-several-agents":
      delete agents.ownership;
      if (roster.layout === "entries" && roster.ids.length < 2) {
        agents.entries = { main: { name: "Main" }, work: { name: "Work" } };
        statusArgs.splice(0, statusArgs.length, "--agent", "work");
      }
      for (const entry of [
        ...Object.values((agents.entries as JsonObject | undefined) ?? {}),
        ...((agents.list as Json[] | undefined) ?? []),
      ])
        delete (entry as JsonObject).default;
      return null;
    case "no-agent-arg-for-several-agents":
      delete (agents.defaults as JsonObject).systemAgent;
      if (roster.ids.length < 2) {
        agents.ownership = "explicit";
        agents.entries = { main: { name: "Main" }, work: { name: "Work" } };
        delete agents.list;
      }
      statusArgs.splice(0, statusArgs.length);
      return null;
    case "unknown-agent-arg":
      statusArgs.splice(0, statusArgs.length, "--agent", "nosuch");
      return null;
  }
}

// ---------------------------------------------------------------------------------------------- the case

/** The random source of case `index` of a batch: batches with different seeds share no cases. */
function caseRandom(seed: number, index: number): SeededRandom {
  return createSeededRandom(Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
}

export function parityCaseName(seed: number, index: number): string {
  return `gen-${seed}-${String(index).padStart(3, "0")}`;
}

/** Case `index` of the batch `seed`. */
export function generateParityCase(seed: number, index: number): ParityCase {
  const draw: Draw = { random: caseRandom(seed, index), features: new Features() };
  const env = new Map<string, string>();
  const customProvider = draw.random.chance(0.12);

  const { agents, roster } = agentsBlock(draw, customProvider);
  const config: JsonObject = { agents };

  const shared = draw.random.chance(0.85) ? generateStore(draw, env, customProvider) : null;
  const agentStores: Record<string, CaseStore> = {};
  const storedIds = new Set(shared?.profileIds ?? []);
  const storedTypes = new Map<string, string>();
  const recordTypes = (store: CaseStore) => {
    const profiles = (store.profiles?.profiles ?? {}) as Record<string, JsonObject>;
    for (const [id, profile] of Object.entries(profiles))
      storedTypes.set(id, typeof profile.type === "string" ? profile.type : "api_key");
  };
  if (shared) recordTypes(shared.store);
  if (roster.layout !== "none") {
    for (const agentId of roster.ids) {
      if (!draw.random.chance(0.3)) continue;
      draw.features.add("store:agent-own");
      // why: an agent store sometimes holds only runtime state over the shared credentials (stored order,
      // cooldowns of shared profiles), as `models auth order set --agent` leaves it.
      if (shared && draw.random.chance(0.25)) {
        draw.features.add("store:agent-state-only");
        agentStores[agentId] = { state: runtimeState(draw, shared.profileIds) };
        continue;
      }
      const own = generateStore(draw, env, customProvider);
      agentStores[agentId] = own.store;
      recordTypes(own.store);
      for (const id of own.profileIds) storedIds.add(id);
    }
  }
  if (!shared) draw.features.add("store:shared-empty");

  const auth = configAuth(draw, [...storedIds], storedTypes);
  if (Object.keys(auth as JsonObject).length > 0) config.auth = auth;
  const providers = modelsProviders(draw, customProvider, env);
  if (providers) config.models = { providers };
  const configEnv = providerEnv(draw, env);
  if (configEnv) config.env = configEnv;

  const statusArgs: string[] = [];
  const owned = (agents.defaults as JsonObject).systemAgent !== undefined;
  const marked = roster.layout !== "none" && JSON.stringify(agents).includes('"default":true');
  if (
    roster.layout !== "none" &&
    (roster.ids.length > 1 ? !(owned || marked) || draw.random.chance(0.7) : draw.random.chance(0.4))
  ) {
    draw.features.add("args:agent");
    statusArgs.push("--agent", draw.random.pick(roster.ids));
  }

  let caseConfig: CaseConfig = {
    kind: "document",
    value: config,
    syntax: draw.random.chance(0.3) ? "json5" : "json",
  };
  if (caseConfig.kind === "document" && caseConfig.syntax === "json5") draw.features.add("config:json5");
  if (draw.random.chance(0.12)) {
    const replaced = invalidate(draw, draw.random.pick(INVALIDATIONS), config, roster, statusArgs);
    if (replaced) caseConfig = replaced;
  } else {
    draw.features.add("valid");
  }

  return {
    name: parityCaseName(seed, index),
    config: caseConfig,
    sharedStore: shared?.store ?? null,
    agentStores,
    env: [...env.entries()],
    statusArgs,
    features: draw.features.list(),
  };
}

/** `count` cases of the batch `seed`, indexes 1…count. */
export function generateParityCases(seed: number, count: number): ParityCase[] {
  return Array.from({ length: count }, (_, offset) => generateParityCase(seed, offset + 1));
}

// ---------------------------------------------------------------------------------------------- layout

export type CaseFile = { path: string; text: string };

const jsonText = (value: Json): string => `${JSON.stringify(value, null, 2)}\n`;

/** The config file's text: JSON, or JSON5 with a comment, unquoted keys and trailing commas. */
export function configText(config: CaseConfig): string {
  if (config.kind === "text") return config.text;
  if (config.syntax === "json") return jsonText(config.value);
  const body = JSON5.stringify(config.value, null, 2).replace(/([^\s,{[])\n(\s*)([}\]])/gu, "$1,\n$2$3");
  return `// generated parity case (JSON5: comments, unquoted keys, trailing commas)\n${body}\n`;
}

/** The case's `input/` folder, file by file, as `fixtures/openclaw-status/run-case.sh` reads it. */
export function parityCaseFiles(parityCase: ParityCase): CaseFile[] {
  const files: CaseFile[] = [{ path: "openclaw.json", text: configText(parityCase.config) }];
  const store = (prefix: string, documents: CaseStore) => {
    if (documents.profiles)
      files.push({ path: `${prefix}auth-profiles.json`, text: jsonText(documents.profiles) });
    if (documents.state) files.push({ path: `${prefix}auth-state.json`, text: jsonText(documents.state) });
  };
  if (parityCase.sharedStore) store("shared-", parityCase.sharedStore);
  for (const [agentId, documents] of Object.entries(parityCase.agentStores)) {
    // why: run-case.sh seeds an agent's database only for folders that exist, so even a store with
    // neither document keeps its folder (an empty `auth-profiles.json` stands for it).
    store(
      `agents/${agentId}/`,
      documents.profiles || documents.state ? documents : { profiles: { version: 1, profiles: {} } },
    );
  }
  if (parityCase.env.length > 0)
    files.push({ path: "env", text: parityCase.env.map(([name, value]) => `${name}=${value}\n`).join("") });
  if (parityCase.statusArgs.length > 0)
    files.push({ path: "status-args", text: `${parityCase.statusArgs.join(" ")}\n` });
  return files;
}
