/**
 * Generated OpenClaw states for property tests: valid configs (agents.entries with per-agent model
 * overrides, a models map with aliases and params, auth.profiles and auth.order), a shared store and some
 * agents' own stores holding API-key, token and OAuth profiles, expiries and usage windows placed around a
 * fixed `now` (within a minute, across the 24 h warning line, already past, far ahead), failure counts and
 * stored orders. Seeded: one seed always gives the same state.
 *
 * Each part of the state has its own small function below, so a later case (a new credential shape, a new
 * config block) is one more function or one more list entry.
 */
import type {
  AuthProfileCredential,
  AuthRuntimeState,
  AuthStoreDocuments,
  UsageStatsEntry,
} from "../auth-profiles/auth-store.schema";
import type { EnvValues } from "../auth-profiles/profile-eligibility";
import type { OpenClawState } from "../models-status/openclaw-state";
import type {
  AgentEntry,
  ConfigAuthProfile,
  ModelCatalog,
  ModelSelection,
  OpenClawConfig,
} from "../openclaw-config/openclaw-config.schema";
import { type SeededRandom, createSeededRandom } from "./seeded-random";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A fixed instant the generated windows and expiries are placed around (2027-01-15T08:00:00Z). */
export const GENERATED_STATE_NOW = Date.UTC(2027, 0, 15, 8, 0, 0);

/**
 * Offsets from `now` that sit on or next to an edge a status rule compares with: now itself, seconds
 * either side, the 5-minute OAuth refresh margin, the 24 h warning line, and well past or ahead.
 */
const OFFSETS_MS: readonly number[] = [
  -30 * DAY,
  -25 * HOUR,
  -HOUR,
  -5 * MINUTE,
  -1,
  0,
  1,
  30 * SECOND,
  90 * SECOND,
  5 * MINUTE,
  5 * MINUTE + 1,
  59 * MINUTE,
  2 * HOUR,
  19 * HOUR,
  DAY - 1,
  DAY,
  DAY + 1,
  25 * HOUR,
  47 * HOUR,
  3 * DAY,
  6 * DAY,
  8 * DAY,
  30 * DAY,
  365 * DAY,
];

/** An instant near `now`: an edge offset, sometimes nudged by up to an hour either way. */
function instantNear(random: SeededRandom, now: number): number {
  const offset = random.pick(OFFSETS_MS);
  return now + offset + (random.chance(0.3) ? random.integer(-HOUR, HOUR) : 0);
}

const PROVIDERS = ["anthropic", "openai", "openrouter", "google"] as const;
type Provider = (typeof PROVIDERS)[number];

/** Model refs a config may put in use, per provider (the model part of openrouter's has a slash). */
const MODEL_REFS: Readonly<Record<Provider, readonly string[]>> = {
  anthropic: ["anthropic/claude-opus-4-8", "anthropic/claude-sonnet-5", "anthropic/claude-haiku-4-5"],
  openai: ["openai/gpt-5.5", "openai/gpt-5.4"],
  openrouter: ["openrouter/moonshotai/kimi-k2"],
  google: ["google/gemini-3"],
};
const ALL_MODEL_REFS = Object.values(MODEL_REFS).flat();
const ALIASES: Readonly<Record<string, string>> = {
  "anthropic/claude-opus-4-8": "opus",
  "anthropic/claude-haiku-4-5": "haiku",
  "openai/gpt-5.5": "gpt",
};

const PROFILE_NAMES = ["default", "work", "team-sub", "manual", "ops@example.com"] as const;
const FAILURE_REASONS = [
  "rate_limit",
  "overloaded",
  "auth",
  "timeout",
  "billing",
  "model_not_found",
] as const;
const DISABLE_REASONS = ["billing", "auth_permanent"] as const;

const SECRET_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function secretLike(random: SeededRandom, prefix: string, length: number): string {
  let body = "";
  for (let index = 0; index < length; index += 1)
    body += SECRET_ALPHABET.charAt(random.integer(0, SECRET_ALPHABET.length - 1));
  return `${prefix}${body}`;
}

function apiKeyCredential(random: SeededRandom, provider: Provider): AuthProfileCredential {
  const roll = random.next();
  if (roll < 0.08) return { type: "api_key", provider };
  if (roll < 0.16) return { type: "api_key", provider, keyRef: { source: "env", id: "TEAM_KEY" } };
  if (roll < 0.2) return { type: "api_key", provider, key: "openclaw onboard --auth-choice apiKey" };
  const prefix = provider === "anthropic" ? "sk-ant-api03-" : `sk-${provider}-`;
  return { type: "api_key", provider, key: secretLike(random, prefix, 40) };
}

function tokenCredential(random: SeededRandom, provider: Provider, now: number): AuthProfileCredential {
  const token = secretLike(random, "sk-ant-oat01-", 80);
  const roll = random.next();
  if (roll < 0.15) return { type: "token", provider, token };
  if (roll < 0.2) return { type: "token", provider, token, expires: Number.NaN };
  if (roll < 0.25) return { type: "token", provider, tokenRef: { source: "env", id: "TEAM_TOKEN" } };
  return { type: "token", provider, token, expires: instantNear(random, now) };
}

function oauthCredential(random: SeededRandom, provider: Provider, now: number): AuthProfileCredential {
  const withEmail = random.chance(0.5) ? { email: "ops@example.com" } : {};
  const refresh = random.chance(0.6) ? { refresh: secretLike(random, "sk-ant-ort01-", 40) } : {};
  const expires = random.chance(0.9) ? { expires: instantNear(random, now) } : {};
  return {
    type: "oauth",
    provider,
    access: secretLike(random, "sk-ant-oat01-", 60),
    ...refresh,
    ...expires,
    ...withEmail,
  };
}

function credentialFor(random: SeededRandom, provider: Provider, now: number): AuthProfileCredential {
  const type =
    provider === "anthropic"
      ? random.pick(["api_key", "token", "oauth"] as const)
      : random.pick(["api_key", "api_key", "token"] as const);
  const credential =
    type === "api_key"
      ? apiKeyCredential(random, provider)
      : type === "token"
        ? tokenCredential(random, provider, now)
        : oauthCredential(random, provider, now);
  return random.chance(0.03) ? { ...credential, setup: { pending: true } } : credential;
}

/** A profile's `usageStats` entry: history, and maybe a cooldown, a disable or a block, active or ended. */
function usageEntry(random: SeededRandom, now: number): UsageStatsEntry {
  const entry: UsageStatsEntry = {};
  if (random.chance(0.6)) entry.lastUsed = now - random.integer(0, 3 * DAY);
  if (random.chance(0.4)) {
    const reason = random.pick(FAILURE_REASONS);
    entry.errorCount = random.integer(1, 5);
    entry.failureCounts = { [reason]: entry.errorCount };
    entry.lastFailureAt = now - random.integer(0, 2 * DAY);
  }
  if (random.chance(0.35)) {
    const reason = random.pick(FAILURE_REASONS);
    entry.cooldownUntil = instantNear(random, now);
    entry.cooldownReason = reason;
    if (["rate_limit", "timeout", "model_not_found"].includes(reason) && random.chance(0.5))
      entry.cooldownModel = random.pick(["claude-opus-4-8", "gpt-5.5", "claude-sonnet-5"]);
    if (reason === "auth" && random.chance(0.3)) entry.cooldownClassification = "wham_token_expired";
  }
  if (random.chance(0.2)) {
    entry.disabledUntil = instantNear(random, now);
    entry.disabledReason = random.pick(DISABLE_REASONS);
  }
  if (random.chance(0.08)) {
    entry.blockedUntil = instantNear(random, now);
    entry.blockedReason = "subscription_limit";
    entry.blockedScope = random.pick(["model", "provider"]);
  }
  return entry;
}

type GeneratedStore = { documents: AuthStoreDocuments; profileIds: string[] };

/** A store: profiles of a few providers, usage for some of them (and a stray id), and maybe an order. */
function generateStore(
  random: SeededRandom,
  now: number,
  { withCredentials, profileIdsSeen }: { withCredentials: boolean; profileIdsSeen: readonly string[] },
): GeneratedStore {
  const profiles: Record<string, AuthProfileCredential> = {};
  if (withCredentials) {
    for (const provider of random.sample(PROVIDERS, random.integer(1, 3))) {
      for (const name of random.sample(PROFILE_NAMES, random.integer(1, 3)))
        profiles[`${provider}:${name}`] = credentialFor(random, provider, now);
    }
  }
  const profileIds = Object.keys(profiles);
  const usageIds = [...profileIds, ...profileIdsSeen].filter(() => random.chance(0.6));
  if (random.chance(0.1)) usageIds.push("anthropic:gone");
  const usageStats = Object.fromEntries(usageIds.map((profileId) => [profileId, usageEntry(random, now)]));
  const runtime: AuthRuntimeState = { version: 1, usageStats };
  const known = [...profileIds, ...profileIdsSeen];
  if (known.length > 0 && random.chance(0.25)) {
    const provider = random.pick(known).split(":")[0] ?? "anthropic";
    const ofProvider = known.filter((profileId) => profileId.startsWith(`${provider}:`));
    runtime.order = { [provider]: random.sample(ofProvider, random.integer(1, ofProvider.length)) };
  }
  const credentials = withCredentials ? { version: 1, profiles } : null;
  return { documents: { credentials, runtime: random.chance(0.9) ? runtime : null }, profileIds };
}

function modelSelection(random: SeededRandom): ModelSelection {
  const ref = () => (random.chance(0.2) ? random.pick(Object.values(ALIASES)) : random.pick(ALL_MODEL_REFS));
  switch (random.integer(0, 3)) {
    case 0:
      return ref();
    case 1:
      return { primary: ref() };
    case 2:
      return { primary: ref(), fallbacks: random.sample(ALL_MODEL_REFS, random.integer(0, 2)) };
    default:
      return { fallbacks: random.sample(ALL_MODEL_REFS, random.integer(1, 2)) };
  }
}

function modelsMap(random: SeededRandom): ModelCatalog {
  const models: ModelCatalog = {};
  for (const ref of random.sample(ALL_MODEL_REFS, random.integer(0, 5))) {
    const alias = ALIASES[ref];
    models[ref] = {
      ...(alias !== undefined && random.chance(0.7) ? { alias } : {}),
      ...(random.chance(0.4)
        ? { params: { cacheRetention: random.pick(["none", "short", "long"]), temperature: 0.2 } }
        : {}),
      ...(ref.startsWith("openai/") && random.chance(0.3)
        ? { agentRuntime: { id: random.pick(["auto", "codex", "pi"]) } }
        : {}),
    };
  }
  return models;
}

function agentEntry(random: SeededRandom, agentId: string): AgentEntry {
  const entry: AgentEntry = { name: `Agent ${agentId}` };
  if (random.chance(0.6)) entry.model = modelSelection(random);
  if (random.chance(0.2)) entry.params = { cacheRetention: random.pick(["none", "short", "long"]) };
  if (random.chance(0.15)) entry.models = modelsMap(random);
  if (random.chance(0.1)) entry.utilityModel = random.pick(["", "anthropic/claude-haiku-4-5", "gpt"]);
  if (random.chance(0.1)) entry.modelPolicy = { allow: random.sample(ALL_MODEL_REFS, 2) };
  if (random.chance(0.1)) entry.agentDir = `~/agents-elsewhere/${agentId}`;
  return entry;
}

/** Config `auth.profiles` for some stored ids (a few with a mode that does not match), and maybe an order. */
function configAuth(random: SeededRandom, storedIds: readonly string[]): OpenClawConfig["auth"] {
  const profiles: Record<string, ConfigAuthProfile> = {};
  for (const profileId of storedIds.filter(() => random.chance(0.4))) {
    profiles[profileId] = {
      provider: profileId.split(":")[0] ?? "anthropic",
      mode: random.pick(["api_key", "token", "oauth"]),
    };
  }
  const order: Record<string, string[]> = {};
  if (storedIds.length > 0 && random.chance(0.3)) {
    const provider = random.pick(storedIds).split(":")[0] ?? "anthropic";
    order[provider] = random.sample(
      [...storedIds.filter((profileId) => profileId.startsWith(`${provider}:`)), `${provider}:unknown`],
      random.integer(1, 3),
    );
  }
  return { profiles, order };
}

function hostEnv(random: SeededRandom): EnvValues {
  const env: Record<string, string> = {};
  if (random.chance(0.2)) env.ANTHROPIC_API_KEY = secretLike(random, "sk-ant-api03-", 40);
  if (random.chance(0.1)) env.ANTHROPIC_OAUTH_TOKEN = secretLike(random, "sk-ant-oat01-", 80);
  if (random.chance(0.2)) env.OPENAI_API_KEY = secretLike(random, "sk-proj-", 30);
  if (random.chance(0.3)) env.TEAM_KEY = secretLike(random, "sk-ant-api03-", 40);
  return env;
}

export type GeneratedOpenClawState = {
  seed: number;
  /** The instant the windows and expiries were placed around. */
  now: number;
  state: OpenClawState;
  /** Configured agent ids in config order. */
  agentIds: string[];
  /** The host facts `models status` takes besides the state. */
  host: { stateDir: string; home: string; env: EnvValues };
};

export type StateGeneratorOptions = {
  now?: number;
  /** How many agents `agents.entries` declares: a number, or a random count up to 6 by default. */
  agentCount?: number;
  /** Share of agents with their own store (default: random per state, up to one half). */
  ownStoreShare?: number;
};

/**
 * A valid OpenClaw state from `seed`. Nearly every config is valid (about 1 in 25 leaves out
 * `agents.ownership` on a multi-agent roster, which OpenClaw refuses), and about 1 in 30 carries an
 * unmigrated legacy credential file, so refusals are exercised too.
 */
export function generateOpenClawState(
  seed: number,
  options: StateGeneratorOptions = {},
): GeneratedOpenClawState {
  const random = createSeededRandom(seed);
  const now = options.now ?? GENERATED_STATE_NOW;
  const agentCount = options.agentCount ?? random.integer(1, 6);
  const agentIds = Array.from({ length: agentCount }, (_, index) =>
    index === 0 ? "main" : `agent-${index}`,
  );

  const shared = random.chance(0.9)
    ? generateStore(random, now, { withCredentials: random.chance(0.95), profileIdsSeen: [] })
    : null;
  const ownStoreShare = options.ownStoreShare ?? random.next() / 2;
  const agentStores: Record<string, AuthStoreDocuments> = {};
  const storedIds = new Set(shared?.profileIds ?? []);
  for (const agentId of agentIds) {
    if (!random.chance(ownStoreShare)) continue;
    const own = generateStore(random, now, {
      withCredentials: random.chance(0.7),
      profileIdsSeen: shared?.profileIds ?? [],
    });
    agentStores[agentId] = own.documents;
    for (const profileId of own.profileIds) storedIds.add(profileId);
  }

  const entries = Object.fromEntries(agentIds.map((agentId) => [agentId, agentEntry(random, agentId)]));
  const providerKey = random.chance(0.15)
    ? {
        models: {
          providers: {
            [random.pick(PROVIDERS)]: {
              apiKey: random.chance(0.5)
                ? "sk-config-key-0123456789"
                : { source: "env" as const, id: "TEAM_KEY" },
            },
          },
        },
      }
    : {};
  const config: OpenClawConfig = {
    agents: {
      ...(agentCount > 1 && random.chance(0.04) ? {} : { ownership: "explicit" as const }),
      defaults: {
        ...(random.chance(0.9) ? { model: modelSelection(random) } : {}),
        ...(random.chance(0.3) ? { imageModel: random.pick(ALL_MODEL_REFS) } : {}),
        ...(random.chance(0.1) ? { utilityModel: random.pick(["", "anthropic/claude-haiku-4-5"]) } : {}),
        models: modelsMap(random),
        ...(random.chance(0.2) ? { systemAgent: { agentId: random.pick(agentIds) } } : {}),
      },
      entries,
    },
    auth: configAuth(random, [...storedIds]),
    ...providerKey,
  };
  const state: OpenClawState = {
    config,
    sharedStore: shared?.documents ?? null,
    agentStores,
    ...(random.chance(0.1) ? { sharedStoreLocation: "legacy-main" as const } : {}),
    ...(random.chance(0.03)
      ? { legacyFiles: [{ path: "agents/main/agent/auth-profiles.json", providers: ["anthropic"] }] }
      : {}),
  };
  return {
    seed,
    now,
    state,
    agentIds,
    host: { stateDir: "/home/fleet/.openclaw", home: "/home/fleet", env: hostEnv(random) },
  };
}
