/**
 * Config snippets for pasting into a host's `openclaw.json`, rebuilt from the console's rows. They carry no
 * secrets (core's snippet writers leave credentials out).
 */
import { DomainError } from "@clawfleet/core/domain-error";
import { agentConfigSnippet, gatewayConfigSnippet } from "@clawfleet/core/openclaw-export/config-snippet";
import { findAgentLocation } from "@clawfleet/db/agent.repository";
import { loadGatewayRows } from "@clawfleet/db/openclaw-state.repository";
import type { ServiceDeps, TeamScope } from "../service-context";

export type ConfigSnippet = { fileName: string; text: string };

export async function exportAgentSnippet(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { agentId }: { agentId: string },
): Promise<ConfigSnippet> {
  const agent = await findAgentLocation(db, { teamId, agentId });
  if (!agent) throw new DomainError("NOT_FOUND", "Agent not found.");
  const { record } = await loadGatewayRows(db, { teamId, gatewayId: agent.gatewayId });
  const text = agentConfigSnippet(record, agent.agentKey);
  if (text === null) throw new DomainError("NOT_FOUND", "Agent not found.");
  return { fileName: `${agent.agentKey}.openclaw.json5`, text };
}

export async function exportGatewaySnippet(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { gatewayId }: { gatewayId: string },
): Promise<ConfigSnippet> {
  const { gateway, record } = await loadGatewayRows(db, { teamId, gatewayId });
  return { fileName: "openclaw.json", text: gatewayConfigSnippet(record, gateway.name) };
}
