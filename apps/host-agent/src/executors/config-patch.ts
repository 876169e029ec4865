// `config.patch`: `config.get` → `config.patch {raw, baseHash, note, replacePaths}` (facts §5).
// - Stale base (`config changed since last load`: someone wrote in between): read again and retry, a few times.
// - `UNAVAILABLE … persisted but was not applied`: the file has the change but the running Gateway did not take it
//   (a plugin was busy). Read again: once `configRevisionHash == appliedConfigHash` it is live; otherwise ask for
//   `config.apply` of the saved config, and leave it to a later delivery if that does not take either.
// A patch that would change nothing (the host already has it: a redelivery, or someone did it by hand) is
// `alreadyApplied` without a write.
import type { HostJobResult } from "@clawfleet/core/connector/host-jobs";
import { CONFIG_CHANGED_MESSAGE, GatewayRequestError } from "@clawfleet/openclaw-gateway/gateway-client";
import { JobProblem } from "../job-outcome";
import type { Executor, ExecutorContext, GatewayRequester } from "./executor-context";
import { waitUntilConfigApplied } from "./gateway-reads";
import { isRecord } from "../json-record";

export const CONFIG_PATCH_ATTEMPTS = 4;
const SETTLE_READS = 5;
const SETTLE_PAUSE_MS = 1_000;
const NOT_APPLIED_MESSAGE = "persisted but was not applied";

type ConfigSnapshot = {
  parsed: Record<string, unknown>;
  hash: string;
  configRevisionHash: unknown;
  appliedConfigHash: unknown;
  raw: unknown;
};

export async function readConfig(gateway: GatewayRequester): Promise<ConfigSnapshot> {
  const answer = await gateway.request("config.get", {});
  if (!isRecord(answer) || typeof answer.hash !== "string")
    throw new JobProblem("retry", {
      code: "CONFIG_UNREADABLE",
      message: "config.get answered without a hash",
      source: "config.get",
    });
  return {
    parsed: isRecord(answer.parsed) ? answer.parsed : {},
    hash: answer.hash,
    configRevisionHash: answer.configRevisionHash,
    appliedConfigHash: answer.appliedConfigHash,
    raw: answer.raw,
  };
}

/** Whether merging `patch` into `current` (objects merge, `null` removes) leaves it as it is. */
export function mergePatchChangesNothing(current: unknown, patch: Record<string, unknown>): boolean {
  const base = isRecord(current) ? current : {};
  return Object.entries(patch).every(([key, value]) => {
    if (value === null) return !(key in base);
    if (isRecord(value)) return isRecord(base[key]) ? mergePatchChangesNothing(base[key], value) : false;
    return JSON.stringify(base[key]) === JSON.stringify(value);
  });
}

/** The dotted paths a patch writes (its leaves), for the result when OpenClaw did not list them itself. */
export function patchLeafPaths(patch: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(patch).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return isRecord(value) && Object.keys(value).length > 0 ? patchLeafPaths(value, path) : [path];
  });
}

function refuseLegacyAgentList(parsed: Record<string, unknown>, patch: Record<string, unknown>) {
  const patchAgents = isRecord(patch.agents) ? patch.agents : {};
  const hostAgents = isRecord(parsed.agents) ? parsed.agents : {};
  if ("entries" in patchAgents && Array.isArray(hostAgents.list))
    throw new JobProblem("failed", {
      code: "LEGACY_AGENTS_LIST",
      message:
        "This host's openclaw.json lists its agents in the legacy `agents.list` array, so a change to " +
        "`agents.entries` would not reach them. Run `openclaw doctor --fix` on the host to migrate the config, then retry.",
      source: "host agent",
    });
}

async function settlePersistedChange(
  context: ExecutorContext,
  gateway: GatewayRequester,
  note: string,
): Promise<boolean> {
  for (let read = 1; read <= SETTLE_READS; read++) {
    const snapshot = await readConfig(gateway);
    if (snapshot.configRevisionHash === snapshot.appliedConfigHash) return true;
    if (read === 2 && typeof snapshot.raw === "string") {
      try {
        await gateway.request("config.apply", { raw: snapshot.raw, baseHash: snapshot.hash, note });
      } catch (error) {
        if (!(error instanceof GatewayRequestError)) throw error;
      }
    }
    await context.sleep(SETTLE_PAUSE_MS);
  }
  return false;
}

export const patchConfig: Executor<"config.patch"> = async (job, context) => {
  const gateway = await context.gateway();
  let lastStale: GatewayRequestError | null = null;
  for (let attempt = 1; attempt <= CONFIG_PATCH_ATTEMPTS; attempt++) {
    const snapshot = await readConfig(gateway);
    refuseLegacyAgentList(snapshot.parsed, job.patch);
    if (mergePatchChangesNothing(snapshot.parsed, job.patch)) {
      if (snapshot.configRevisionHash !== snapshot.appliedConfigHash)
        await settlePersistedChange(context, gateway, job.note);
      return { summary: "The host's config already had this change", changedPaths: [], alreadyApplied: true };
    }
    try {
      const answer = await gateway.request("config.patch", {
        raw: JSON.stringify(job.patch),
        baseHash: snapshot.hash,
        note: job.note,
        ...(job.replacePaths.length > 0 ? { replacePaths: job.replacePaths } : {}),
      });
      await waitUntilConfigApplied(context, gateway);
      return appliedResult(answer, job.patch);
    } catch (error) {
      if (!(error instanceof GatewayRequestError)) throw error;
      if (error.message.includes(CONFIG_CHANGED_MESSAGE)) {
        lastStale = error;
        continue;
      }
      if (error.code === "UNAVAILABLE" && error.message.includes(NOT_APPLIED_MESSAGE)) {
        if (await settlePersistedChange(context, gateway, job.note))
          return {
            summary: "Config saved; the Gateway applied it after a second reload",
            changedPaths: patchLeafPaths(job.patch),
          };
      }
      throw error;
    }
  }
  throw lastStale ?? new Error("config.patch was not attempted");
};

function appliedResult(answer: unknown, patch: Record<string, unknown>): HostJobResult {
  const listed =
    isRecord(answer) && Array.isArray(answer.changedPaths)
      ? answer.changedPaths.filter((path): path is string => typeof path === "string")
      : null;
  const changedPaths = (listed ?? patchLeafPaths(patch)).slice(0, 500);
  return {
    summary: `Config updated (${changedPaths.length} path${changedPaths.length === 1 ? "" : "s"})`,
    changedPaths,
  };
}
