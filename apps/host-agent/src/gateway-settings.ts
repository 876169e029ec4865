// Where the local Gateway listens and its token, as the host's OpenClaw itself would find them: `--gateway-url` or
// `gateway.port` in `openclaw.json` (JSON5, in `OPENCLAW_STATE_DIR`, default `~/.openclaw`), else OpenClaw's
// default port; the token from `OPENCLAW_GATEWAY_TOKEN`, else `gateway.auth.token`.
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import JSON5 from "json5";
import { envValue, type Env } from "./env-value";

export const DEFAULT_GATEWAY_URL = "ws://127.0.0.1:18789";

export type GatewaySettings = { url: string; token: string | null; configPath: string };

export function openClawStateDir(env: Env): string {
  return envValue(env, "OPENCLAW_STATE_DIR") ?? join(envValue(env, "HOME") ?? homedir(), ".openclaw");
}

function readOpenClawConfig(path: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON5.parse(readFileSync(path, "utf8"));
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function resolveGatewaySettings(env: Env, urlOption: string | undefined): GatewaySettings {
  const configPath = join(openClawStateDir(env), "openclaw.json");
  const config = readOpenClawConfig(configPath);
  const gateway = (config.gateway ?? {}) as { port?: unknown; auth?: { token?: unknown } };
  const port = typeof gateway.port === "number" && Number.isInteger(gateway.port) ? gateway.port : null;
  const url = urlOption ?? (port === null ? DEFAULT_GATEWAY_URL : `ws://127.0.0.1:${port}`);
  const configToken =
    typeof gateway.auth?.token === "string" && gateway.auth.token ? gateway.auth.token : null;
  return { url, token: envValue(env, "OPENCLAW_GATEWAY_TOKEN") ?? configToken, configPath };
}
