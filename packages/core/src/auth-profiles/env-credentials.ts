import type { EnvValues } from "./profile-eligibility";

/** A credential found in the environment the caller passed in. */
export type EnvCredential = {
  provider: string;
  envVar: string;
  value: string;
  /** OAuth when the variable name says so (`…OAUTH_TOKEN`), which OpenClaw shows as `OAuth (env)`. */
  kind: "api-key" | "oauth";
};

/**
 * Providers whose keys OpenClaw discovers in the environment, with the variable prefix each reads. The
 * Anthropic key also serves the `anthropic-openai` endpoint and the `claude-cli` backend, which is why an
 * `ANTHROPIC_API_KEY` alone yields three provider rows (facts §1.3, sample 07).
 */
const ENV_PREFIX_BY_PROVIDER: Readonly<Record<string, string>> = {
  anthropic: "ANTHROPIC",
  "anthropic-openai": "ANTHROPIC",
  "claude-cli": "ANTHROPIC",
  openai: "OPENAI",
  openrouter: "OPENROUTER",
  google: "GEMINI",
  xai: "XAI",
  groq: "GROQ",
  mistral: "MISTRAL",
  deepseek: "DEEPSEEK",
};

/** Providers that accept an OAuth token from the environment. */
const ENV_OAUTH_PROVIDERS: ReadonlySet<string> = new Set(["anthropic", "claude-cli"]);

export const ENV_CREDENTIAL_PROVIDERS: readonly string[] = Object.keys(ENV_PREFIX_BY_PROVIDER);

/**
 * The environment credential OpenClaw would use for `provider`, or null (facts §4): an OAuth token variable
 * first where the provider takes one, then the key rotation order `OPENCLAW_LIVE_<P>_KEY` > `<P>_API_KEYS`
 * (its first entry) > `<P>_API_KEY` > `<P>_API_KEY_*` (by name).
 */
export function findEnvCredential(provider: string, env: EnvValues): EnvCredential | null {
  const prefix = ENV_PREFIX_BY_PROVIDER[provider];
  if (prefix === undefined) return null;
  const candidates: { envVar: string; kind: EnvCredential["kind"]; pick?: (value: string) => string }[] = [];
  if (ENV_OAUTH_PROVIDERS.has(provider)) candidates.push({ envVar: `${prefix}_OAUTH_TOKEN`, kind: "oauth" });
  candidates.push(
    { envVar: `OPENCLAW_LIVE_${prefix}_KEY`, kind: "api-key" },
    { envVar: `${prefix}_API_KEYS`, kind: "api-key", pick: (value) => value.split(",")[0]?.trim() ?? "" },
    { envVar: `${prefix}_API_KEY`, kind: "api-key" },
    ...Object.keys(env)
      .filter((name) => name.startsWith(`${prefix}_API_KEY_`))
      .sort()
      .map((envVar) => ({ envVar, kind: "api-key" as const })),
  );
  for (const candidate of candidates) {
    const raw = env[candidate.envVar]?.trim();
    const value = raw && candidate.pick ? candidate.pick(raw) : raw;
    if (value) return { provider, envVar: candidate.envVar, value, kind: candidate.kind };
  }
  return null;
}

/** {@link findEnvCredential} for one environment, answered once per provider. */
export type EnvCredentialLookup = (provider: string) => EnvCredential | null;

/**
 * A lookup over `env` that remembers each provider's answer: a gateway's environment is the same for all
 * its agents, and scanning it (`<P>_API_KEY_*` needs every variable name) per agent and provider adds up.
 */
export function envCredentialLookup(env: EnvValues): EnvCredentialLookup {
  const answers = new Map<string, EnvCredential | null>();
  return (provider) => {
    let answer = answers.get(provider);
    if (answer === undefined) {
      answer = findEnvCredential(provider, env);
      answers.set(provider, answer);
    }
    return answer;
  };
}
