import type { EnvValues } from "../auth-profiles/profile-eligibility";
import type { OpenClawConfig } from "../openclaw-config/openclaw-config.schema";

/**
 * `openclaw models status` resolves the config's SecretRefs on its command's targets
 * (`models.providers.*.apiKey` among them) before it reads anything else: first through the running
 * Gateway's `secrets.resolve`, then locally. A `models status` run without Gateway credentials never gets
 * the Gateway's answer, so an env reference whose variable is not set fails the whole command, before the
 * agent is even selected (lab gen-1-004, gen-1-023, gen-1-033; with the variable set, gen-1-030 succeeds).
 *
 * Only env references are judged here: a `file` reference is read by OpenClaw from disk, which core cannot
 * see, and the generator and captures have none; an `exec` or `store` reference keeps today's reading.
 */
export function unresolvedProviderSecretPaths(config: OpenClawConfig, env: EnvValues): string[] {
  const paths: string[] = [];
  for (const [provider, settings] of Object.entries(config.models?.providers ?? {})) {
    const apiKey = settings.apiKey;
    if (typeof apiKey === "object" && apiKey.source === "env" && !env[apiKey.id])
      paths.push(`models.providers.${provider}.apiKey`);
  }
  return paths;
}

/** OpenClaw's refusal when a command's SecretRef resolves neither through the Gateway nor locally. */
export function unresolvedSecretsMessage(configPath: string): string {
  return [
    "models status: failed to resolve secrets from the active gateway snapshot (gateway secrets.resolve requires credentials before opening a websocket",
    "Fix: configure gateway.auth token/password, pair this device, or pass --token/--password.",
    `Config: ${configPath}). Local resolution also failed. Check the configured secret sources and gateway access, then retry.`,
  ].join("\n");
}
