// Reads every executor needs, shaped from OpenClaw 2026.9.6's answers (facts §5).
import {
  GatewayRequestError,
  PREPARED_MODEL_AUTH_UNAVAILABLE,
} from "@clawfleet/openclaw-gateway/gateway-client";
import { JobProblem } from "../job-outcome";
import type { ExecutorContext, GatewayRequester } from "./executor-context";
import { isRecord } from "../json-record";

export type AuthStatusProfile = { profileId: string; type?: string; status?: string; source?: string };
export type AuthStatusProvider = { provider: string; profiles: AuthStatusProfile[] };

export type ListedAgent = { id: string; name: string | undefined };

/** `agents.list`: the Gateway's agents (id and display name). */
export async function listAgents(gateway: GatewayRequester): Promise<ListedAgent[]> {
  const answer = await gateway.request("agents.list", {});
  const agents = isRecord(answer) && Array.isArray(answer.agents) ? answer.agents : [];
  return agents.flatMap((agent) =>
    isRecord(agent) && typeof agent.id === "string"
      ? [{ id: agent.id, name: typeof agent.name === "string" ? agent.name : undefined }]
      : [],
  );
}

export async function listAgentIds(gateway: GatewayRequester): Promise<{ ids: string[] }> {
  return { ids: (await listAgents(gateway)).map((agent) => agent.id) };
}

/**
 * The agent id that addresses OpenClaw's SHARED auth store, for the CLI's `--agent` and the RPC's `agentId`.
 * Verified with the real 2026.9.6 CLI in a loopback-only namespace: with several agents, `models auth paste-api-key`
 * (and `paste-token`) without `--agent` refuses ("Multiple agents are configured, but the model command has no
 * explicit owner. Pass --agent <id>."), so there is no "shared" flag. The shared store lives in agent `main`'s folder
 * (OpenClaw's "shared-main" store, `agents/main/agent`, unless `openclaw doctor` relocated it), and `--agent main`
 * writes there: every agent, `main` included, then lists the profile with `source: "inherited"`. A sole agent
 * uses the shared store too (OpenClaw docs, config-agents). With neither, the shared store has no agent to address.
 */
export function sharedStoreAgentId(agentIds: readonly string[]): string {
  if (agentIds.includes("main")) return "main";
  const [sole] = agentIds;
  if (agentIds.length === 1 && sole) return sole;
  throw new JobProblem("failed", {
    code: "SHARED_STORE_UNADDRESSABLE",
    message:
      "This host has several agents and none is `main`, so OpenClaw's shared auth store cannot be addressed; " +
      "push the credential to an agent's own store instead.",
    source: "host agent",
  });
}

// why: on a busy 2-core host OpenClaw's rebuild of its model runtime after a config write has outlasted five
// seconds ("Prepared model runtime plugin generation retired"); fifteen keeps the job from a needless retry.
const SETTLING_ATTEMPTS = 15;
const SETTLING_PAUSE_MS = 1_000;

/**
 * A Gateway request asked again, a few times, while OpenClaw answers with a refusal that goes away by itself
 * (just after a config write its model runtime is rebuilt for a moment); then the refusal stands, and the job
 * outcome turns it into `retry`.
 */
export async function requestWhileSettling(
  context: ExecutorContext,
  gateway: GatewayRequester,
  method: string,
  params: unknown,
): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await gateway.request(method, params);
    } catch (error) {
      if (!(error instanceof GatewayRequestError) || !error.isTransient) throw error;
      if (attempt >= SETTLING_ATTEMPTS) throw error;
      await context.sleep(SETTLING_PAUSE_MS);
    }
  }
}

const AUTH_STATUS_ATTEMPTS = 20;
const AUTH_STATUS_PAUSE_MS = 1_000;
/** Every this many unavailable answers, ask with `refresh: true`, as OpenClaw's message suggests. */
const AUTH_STATUS_REFRESH_EVERY = 5;

/**
 * `models.authStatus {agentId}`. Just after a write it answers `unavailable: PREPARED_MODEL_AUTH_UNAVAILABLE`
 * ("Refresh Models after setup finishes") for a few seconds, longer on a busy host (facts §8): asked again, now and
 * then with `refresh: true`, until it answers; then `retry`.
 */
export async function readAuthStatus(
  context: ExecutorContext,
  agentId: string,
): Promise<AuthStatusProvider[]> {
  const gateway = await context.gateway();
  let unavailable: { code: string; message: string } | null = null;
  for (let attempt = 1; attempt <= AUTH_STATUS_ATTEMPTS; attempt++) {
    const refresh = attempt % AUTH_STATUS_REFRESH_EVERY === 0;
    const answer = await requestWhileSettling(context, gateway, "models.authStatus", {
      agentId,
      ...(refresh ? { refresh } : {}),
    });
    const blocked = isRecord(answer) && isRecord(answer.unavailable) ? answer.unavailable : null;
    if (!blocked) return providersOf(answer);
    unavailable = {
      code: typeof blocked.code === "string" ? blocked.code : PREPARED_MODEL_AUTH_UNAVAILABLE,
      message:
        typeof blocked.message === "string" ? blocked.message : "model authentication status is unavailable",
    };
    if (attempt < AUTH_STATUS_ATTEMPTS) await context.sleep(AUTH_STATUS_PAUSE_MS);
  }
  throw new JobProblem("retry", {
    code: unavailable?.code ?? PREPARED_MODEL_AUTH_UNAVAILABLE,
    message: unavailable?.message ?? "model authentication status is unavailable",
    source: "models.authStatus",
  });
}

function providersOf(answer: unknown): AuthStatusProvider[] {
  const providers = isRecord(answer) && Array.isArray(answer.providers) ? answer.providers : [];
  return providers.flatMap((provider) => {
    if (!isRecord(provider) || typeof provider.provider !== "string") return [];
    const profiles = Array.isArray(provider.profiles) ? provider.profiles : [];
    return [
      {
        provider: provider.provider,
        profiles: profiles.flatMap((profile) =>
          isRecord(profile) && typeof profile.profileId === "string"
            ? [
                {
                  profileId: profile.profileId,
                  ...(typeof profile.type === "string" ? { type: profile.type } : {}),
                  ...(typeof profile.status === "string" ? { status: profile.status } : {}),
                  ...(typeof profile.source === "string" ? { source: profile.source } : {}),
                },
              ]
            : [],
        ),
      },
    ];
  });
}

export function findProfile(
  providers: readonly AuthStatusProvider[],
  profileId: string,
): AuthStatusProfile | undefined {
  return providers
    .flatMap((provider) => provider.profiles)
    .find((profile) => profile.profileId === profileId);
}

export function requireAgent(agentIds: readonly string[], agentKey: string, source: string) {
  if (!agentIds.includes(agentKey))
    throw new JobProblem("failed", {
      code: "UNKNOWN_AGENT_ID",
      message: `agent "${agentKey}" does not exist on this host`,
      source,
    });
}

const APPLY_CHECKS = 30;
const APPLY_PAUSE_MS = 500;

/**
 * Waits until the running Gateway has applied the saved config (`configRevisionHash == appliedConfigHash`).
 * OpenClaw answers a config write (`agents.create`, a CLI `paste-*`) once the file is saved and reloads about a
 * second later; until then its runtime does not know the change (seen on the real Gateway: `agents.update` right
 * after `agents.create` answers `agent "x" not found`, and `agents.list` does not list it yet).
 */
export async function waitUntilConfigApplied(
  context: ExecutorContext,
  gateway: GatewayRequester,
): Promise<void> {
  for (let check = 1; check <= APPLY_CHECKS; check++) {
    const answer = await gateway.request("config.get", {});
    const saved = isRecord(answer) ? answer.configRevisionHash : undefined;
    const applied = isRecord(answer) ? answer.appliedConfigHash : undefined;
    if (saved === undefined || saved === applied) return;
    if (check < APPLY_CHECKS) await context.sleep(APPLY_PAUSE_MS);
  }
  throw new JobProblem("retry", {
    code: "CONFIG_NOT_APPLIED",
    message:
      "the Gateway saved a config change but has not applied it yet (configRevisionHash ≠ appliedConfigHash)",
    source: "config.get",
  });
}
