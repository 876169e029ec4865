/**
 * The impact preview (issue 13): a change an operator is about to save, applied to the gateway's state in memory
 * and every agent's `models status` computed before and after by core's `computeChangeImpact`. Reads only: nothing
 * is written, so a preview can run on every keystroke of a form.
 */
import { DomainError } from "@clawfleet/core/domain-error";
import {
  type AgentModelChoice,
  type AgentParamsEdit,
  agentModelConfigOf,
} from "@clawfleet/core/fleet/agent-model-edit.schema";
import {
  type AgentImpactView,
  type ProposedChange,
  applyProposedChange,
  computeChangeImpact,
} from "@clawfleet/core/fleet/change-impact";
import {
  type GatewayDefaultsEdit,
  gatewayDefaultsWriteOf,
} from "@clawfleet/core/fleet/gateway-defaults-edit.schema";
import { findAgentLocation } from "@clawfleet/db/agent.repository";
import { listProfilePushTargets } from "@clawfleet/db/auth-profile.repository";
import type { Db } from "@clawfleet/db/client";
import { loadGatewayRows } from "@clawfleet/db/openclaw-state.repository";
import type { ServiceDeps, TeamScope } from "../service-context";

/** A change to preview, named by the console's ids, in the shape its save procedure takes. */
export type ImpactRequest =
  | { kind: "agent-model"; agentId: string; choice: AgentModelChoice }
  | { kind: "agent-params"; agentId: string; edit: AgentParamsEdit }
  | { kind: "agent-auth-order"; agentId: string; provider: string; profileIds: string[] | null }
  | { kind: "gateway-defaults"; gatewayId: string; edit: GatewayDefaultsEdit }
  | { kind: "profile-removal"; authProfileId: string };

export type AgentImpactDto = {
  agentId: string;
  agentKey: string;
  agentName: string;
  before: AgentImpactView;
  after: AgentImpactView;
  differences: string[];
  otherStatusChanges: boolean;
};

export type ChangeImpactDto = {
  gatewayId: string;
  checkedAgents: number;
  turnsFailing: number;
  turnsHealthy: number;
  agents: AgentImpactDto[];
};

async function agentTarget(db: Db, teamId: string, agentId: string) {
  const agent = await findAgentLocation(db, { teamId, agentId });
  if (!agent) throw new DomainError("NOT_FOUND", "Agent not found.");
  return agent;
}

/** The gateway the request touches and the change in core's terms (the gateway's `models` map for defaults). */
async function resolveRequest(
  db: Db,
  teamId: string,
  request: ImpactRequest,
): Promise<{ gatewayId: string; changeFor: (currentModels: Record<string, unknown>) => ProposedChange }> {
  switch (request.kind) {
    case "agent-model": {
      const { gatewayId, agentKey } = await agentTarget(db, teamId, request.agentId);
      const model = agentModelConfigOf(request.choice);
      return { gatewayId, changeFor: () => ({ kind: "agent-model", agentKey, model }) };
    }
    case "agent-params": {
      const { gatewayId, agentKey } = await agentTarget(db, teamId, request.agentId);
      return { gatewayId, changeFor: () => ({ kind: "agent-params", agentKey, edit: request.edit }) };
    }
    case "agent-auth-order": {
      const { gatewayId, agentKey } = await agentTarget(db, teamId, request.agentId);
      const { provider, profileIds } = request;
      return { gatewayId, changeFor: () => ({ kind: "agent-auth-order", agentKey, provider, profileIds }) };
    }
    case "gateway-defaults": {
      const { gatewayId, edit } = request;
      return {
        gatewayId,
        changeFor: (currentModels) => {
          const write = gatewayDefaultsWriteOf(currentModels, edit);
          return {
            kind: "gateway-defaults",
            defaults: {
              defaultModel: write.model,
              defaultParams: write.params,
              ...(write.imageModel !== undefined ? { imageModel: write.imageModel } : {}),
              ...(write.utilityModel !== undefined ? { utilityModel: write.utilityModel } : {}),
              ...(write.models !== undefined ? { defaultModels: write.models } : {}),
            },
          };
        },
      };
    }
    case "profile-removal": {
      const [target] = await listProfilePushTargets(db, { teamId, authProfileIds: [request.authProfileId] });
      if (!target) throw new DomainError("NOT_FOUND", "Auth profile not found.");
      const { storeAgentKey, profileId } = target;
      return {
        gatewayId: target.gatewayId,
        changeFor: () => ({ kind: "profile-removal", storeAgentKey, profileId }),
      };
    }
  }
}

/**
 * The agents of the gateway `request` touches whose computed `models status` would change if it were saved now,
 * with their `--check` verdict, model and effective profiles before and after. NOT_FOUND for another team's ids.
 */
export async function previewChangeImpact(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
  request: ImpactRequest,
): Promise<ChangeImpactDto> {
  const { gatewayId, changeFor } = await resolveRequest(db, teamId, request);
  const { gateway, agents, record } = await loadGatewayRows(db, { teamId, gatewayId });
  const proposed = applyProposedChange(record, changeFor(record.config.defaultModels));
  const impact = computeChangeImpact(
    record,
    proposed,
    { stateDir: gateway.stateDir, home: gateway.homeDir, env: {} },
    now().getTime(),
  );
  const rowOf = new Map(agents.map((agent) => [agent.agentKey, agent]));
  return {
    gatewayId,
    checkedAgents: impact.checkedAgents,
    turnsFailing: impact.turnsFailing,
    turnsHealthy: impact.turnsHealthy,
    agents: impact.agents.flatMap((agent) => {
      const row = rowOf.get(agent.agentKey);
      return row ? [{ agentId: row.id, agentName: row.name, ...agent }] : [];
    }),
  };
}
