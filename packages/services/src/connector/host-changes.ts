/**
 * The host jobs that carry console edits to the gateway's host, queued in the edit's own transaction (so a job
 * exists exactly when its edit committed). Each returns the queued job, or null when the gateway has no active
 * host agent: the edit then stays in the console, and the Gateways page says the gateway is not connected.
 */
import {
  type AgentConfigFragment,
  type GatewayDefaultsFragment,
  agentConfigPatchJob,
  gatewayDefaultsPatchJob,
} from "@clawfleet/core/connector/config-change-jobs";
import type { HostJobPayload } from "@clawfleet/core/connector/host-jobs";
import type { AgentDetail } from "@clawfleet/core/fleet/agent";
import type { Db } from "@clawfleet/db/client";
import type { HostJobRecord } from "@clawfleet/db/host-job.repository";
import type { Caller } from "../service-context";
import { queueHostJob } from "./host-job-queue";

type Change = { tx: Db; caller: Caller; now: Date };

/** OpenClaw shows the note in its logs and restart sentinel: who changed what, never a value that could be secret. */
function noteOf(caller: Caller, what: string): string {
  return `Clawfleet: ${what} (by ${caller.actor.label}, request ${caller.requestId})`;
}

function queue(
  { tx, caller, now }: Change,
  gatewayId: string,
  payload: HostJobPayload,
  origin: { type: string; id: string },
): Promise<HostJobRecord | null> {
  return queueHostJob(tx, {
    teamId: caller.teamId,
    gatewayId,
    payload,
    origin,
    createdById: caller.actor.id,
    now,
  });
}

function agentFragment(agent: AgentDetail): AgentConfigFragment {
  return { model: agent.model, models: agent.models, params: agent.params };
}

/** An agent's model, per-model map or params changed: patch its `agents.entries.<id>` on the host. */
export function queueAgentConfigChange(
  change: Change,
  { before, after }: { before: AgentDetail; after: AgentDetail },
): Promise<HostJobRecord | null> {
  return queueAgentFragmentChange(change, {
    agent: after,
    before: agentFragment(before),
    after: agentFragment(after),
    what: `model and params of agent ${after.agentKey}`,
  });
}

/**
 * Patches an agent's `agents.entries.<id>` on the host from one fragment to another (an edit, or pushing the
 * console's version over the host's); null when nothing changes or the gateway has no active agent.
 */
export async function queueAgentFragmentChange(
  change: Change,
  {
    agent,
    before,
    after,
    what,
  }: {
    agent: Pick<AgentDetail, "id" | "gatewayId" | "agentKey">;
    before: AgentConfigFragment;
    after: AgentConfigFragment;
    what: string;
  },
): Promise<HostJobRecord | null> {
  const job = agentConfigPatchJob(agent.agentKey, before, after, noteOf(change.caller, what));
  if (!job) return null;
  return queue(change, agent.gatewayId, job, { type: "agent", id: agent.id });
}

/** The gateway's defaults changed: patch `agents.defaults` on the host. */
export async function queueGatewayDefaultsChange(
  change: Change,
  {
    gatewayId,
    before,
    after,
    what = "gateway defaults",
  }: { gatewayId: string; before: GatewayDefaultsFragment; after: GatewayDefaultsFragment; what?: string },
): Promise<HostJobRecord | null> {
  const fragment = ({ model, imageModel, utilityModel, models, params }: GatewayDefaultsFragment) => ({
    model,
    imageModel,
    utilityModel,
    models,
    params,
  });
  const job = gatewayDefaultsPatchJob(fragment(before), fragment(after), noteOf(change.caller, what));
  if (!job) return null;
  return queue(change, gatewayId, job, { type: "gateway", id: gatewayId });
}

export function queueAgentCreation(
  change: Change,
  agent: Pick<AgentDetail, "id" | "gatewayId" | "agentKey" | "name" | "workspace" | "model">,
): Promise<HostJobRecord | null> {
  const model = typeof agent.model === "string" ? agent.model : null;
  return queue(
    change,
    agent.gatewayId,
    { kind: "agent.create", agentKey: agent.agentKey, name: agent.name, workspace: agent.workspace, model },
    { type: "agent", id: agent.id },
  );
}

export function queueAgentDeletion(change: Change, agent: AgentDetail): Promise<HostJobRecord | null> {
  return queue(
    change,
    agent.gatewayId,
    { kind: "agent.delete", agentKey: agent.agentKey },
    { type: "agent", id: agent.id },
  );
}

/** A credential stored in the console (a new profile's key) is pushed to the store that holds it on the host. */
export function queueCredentialPush(
  change: Change,
  push: {
    gatewayId: string;
    authProfileId: string;
    profileId: string;
    provider: string;
    type: "api_key" | "token";
    storeAgentKey: string | null;
    expiresAt: Date | null;
  },
): Promise<HostJobRecord | null> {
  return queue(
    change,
    push.gatewayId,
    {
      kind: "credential.push",
      authProfileId: push.authProfileId,
      profileId: push.profileId,
      provider: push.provider,
      type: push.type,
      storeAgentKey: push.storeAgentKey,
      expiresAt: push.expiresAt?.toISOString() ?? null,
      reauthRequestId: null,
    },
    { type: "auth_profile", id: push.authProfileId },
  );
}

/** A profile removed in the console is removed from the store that holds it on the host (`models.authLogout`). */
export function queueProfileRemoval(
  change: Change,
  target: {
    gatewayId: string;
    authProfileId: string;
    profileId: string;
    provider: string;
    storeAgentKey: string | null;
  },
): Promise<HostJobRecord | null> {
  return queue(
    change,
    target.gatewayId,
    {
      kind: "auth.profile.remove",
      storeAgentKey: target.storeAgentKey,
      provider: target.provider,
      profileIds: [target.profileId],
    },
    { type: "auth_profile", id: target.authProfileId },
  );
}

/** An agent's stored order for a provider, set or cleared on the host (`models.authOrderSet`, always with agentId). */
export function queueAgentAuthOrder(
  change: Change,
  { agent, provider, profileIds }: { agent: AgentDetail; provider: string; profileIds: string[] | null },
): Promise<HostJobRecord | null> {
  return queue(
    change,
    agent.gatewayId,
    { kind: "auth.order.set", agentKey: agent.agentKey, provider, profileIds },
    { type: "agent", id: agent.id },
  );
}
