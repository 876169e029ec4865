// `agent.create` and `agent.delete`.
//
// The console's agentKey must be the agent's id on the host. `agents.create` has no id parameter: OpenClaw derives
// the id from `name` (`normalizeAgentIdStrict`: lower-case, characters outside [a-z0-9_-] become `-`, leading and
// trailing dashes dropped). An agentKey already matches OpenClaw's id rule, so it normalises to itself: the agent is
// created with `name: agentKey` (the id is then exactly the key, and OpenClaw still does everything else it does on
// create: workspace, agent dir, identity file, ownership), and its display name is set after with `agents.update`.
// That keeps the whole of OpenClaw's create path, which a `config.patch` of `agents.entries.<key>` would skip.
import { GatewayRequestError } from "@clawfleet/openclaw-gateway/gateway-client";
import { JobProblem } from "../job-outcome";
import type { Executor } from "./executor-context";
import { listAgents, waitUntilConfigApplied } from "./gateway-reads";
import { isRecord } from "../json-record";

/** OpenClaw's refusal of `agents.create` for an id it already has: `agent "<id>" already exists`. */
function isAlreadyExists(error: unknown, agentKey: string): boolean {
  return (
    error instanceof GatewayRequestError &&
    error.method === "agents.create" &&
    error.message.includes(`"${agentKey}" already exists`)
  );
}

export const createAgent: Executor<"agent.create"> = async (job, context) => {
  const gateway = await context.gateway();
  await waitUntilConfigApplied(context, gateway);
  const finishExisting = async (name: string | undefined) => {
    // A run that created the agent but died before naming it finishes the naming now.
    if (job.name !== job.agentKey && name !== job.name) {
      await gateway.request("agents.update", { agentId: job.agentKey, name: job.name });
      await waitUntilConfigApplied(context, gateway);
    }
    return { summary: `Agent ${job.agentKey} already exists`, agentKey: job.agentKey, alreadyApplied: true };
  };
  const existing = (await listAgents(gateway)).find((agent) => agent.id === job.agentKey);
  if (existing) return finishExisting(existing.name);
  let created: unknown;
  try {
    created = await gateway.request("agents.create", {
      name: job.agentKey,
      ...(job.workspace ? { workspace: job.workspace } : {}),
      ...(job.model ? { model: job.model } : {}),
    });
  } catch (error) {
    // why: a predecessor killed mid-job may have sent the same create, which the Gateway finished after this run
    // listed the agents (seen: the list lacked it, the create then said it exists). That is this job, done.
    if (!isAlreadyExists(error, job.agentKey)) throw error;
    await waitUntilConfigApplied(context, gateway);
    return finishExisting((await listAgents(gateway)).find((agent) => agent.id === job.agentKey)?.name);
  }
  const agentId = isRecord(created) && typeof created.agentId === "string" ? created.agentId : null;
  if (agentId !== job.agentKey)
    throw new JobProblem("failed", {
      code: "AGENT_ID_MISMATCH",
      message: `agents.create made agent "${agentId ?? "?"}" instead of "${job.agentKey}"`,
      source: "agents.create",
    });
  await waitUntilConfigApplied(context, gateway);
  if (job.name !== job.agentKey) {
    await gateway.request("agents.update", { agentId, name: job.name });
    await waitUntilConfigApplied(context, gateway);
  }
  return { summary: `Created agent ${job.agentKey}`, agentKey: job.agentKey };
};

export const deleteAgent: Executor<"agent.delete"> = async (job, context) => {
  const gateway = await context.gateway();
  await waitUntilConfigApplied(context, gateway);
  if (!(await listAgents(gateway)).some((agent) => agent.id === job.agentKey))
    return {
      summary: `Agent ${job.agentKey} is not on this host`,
      agentKey: job.agentKey,
      alreadyApplied: true,
    };
  await gateway.request("agents.delete", { agentId: job.agentKey });
  await waitUntilConfigApplied(context, gateway);
  return { summary: `Deleted agent ${job.agentKey}`, agentKey: job.agentKey };
};
