import { DomainError } from "@clawfleet/core/domain-error";
import { buildModelsStatus } from "@clawfleet/core/models-status/build-models-status";
import type { ModelsStatusOutcome } from "@clawfleet/core/models-status/models-status-report";
import { selectAgent } from "@clawfleet/core/openclaw-config/agent-roster";
import { findAgentLocation } from "@clawfleet/db/agent.repository";
import type { Db } from "@clawfleet/db/client";
import { findGatewayIdByName } from "@clawfleet/db/gateway.repository";
import { type GatewayState, loadGatewayState } from "@clawfleet/db/openclaw-state.repository";

/**
 * `models status --json` computed from the console's state: a gateway's rows rebuilt as its host's
 * `openclaw.json` and stores (secrets as masks, see `loadGatewayState`), then core's `buildModelsStatus`.
 */

/**
 * What `openclaw models status [--agent <agentId>]` prints on the gateway's host. The host's environment is
 * unknown here, so env is empty.
 */
function hostStatus(loaded: GatewayState, agentId: string | undefined, now: number): ModelsStatusOutcome {
  return buildModelsStatus(loaded.state, {
    ...(agentId === undefined ? {} : { agentId }),
    now,
    stateDir: loaded.stateDir,
    home: loaded.homeDir,
    env: {},
  });
}

/**
 * `models status --json` of one agent as its host would print it: the gateway's default agent without
 * `--agent` (what a bare `openclaw models status` shows, and what an ingest without `agentId` reports),
 * any other agent with `--agent <key>`.
 */
function statusFor(loaded: GatewayState, agentKey: string, now: number): ModelsStatusOutcome {
  const selection = selectAgent(loaded.state.config, undefined);
  const isDefault = selection.ok && selection.agentId === agentKey;
  return hostStatus(loaded, isDefault ? undefined : agentKey, now);
}

export async function computeAgentModelsStatus(
  db: Db,
  { teamId, agentId, now }: { teamId: string; agentId: string; now: number },
): Promise<ModelsStatusOutcome> {
  const agent = await findAgentLocation(db, { teamId, agentId });
  if (!agent) throw new DomainError("NOT_FOUND", "Agent not found.");
  const loaded = await loadGatewayState(db, { teamId, gatewayId: agent.gatewayId });
  return statusFor(loaded, agent.agentKey, now);
}

/** Every agent of a gateway from one load: agent row id → its status outcome. */
export async function computeGatewayModelsStatuses(
  db: Db,
  { teamId, gatewayId, now }: { teamId: string; gatewayId: string; now: number },
): Promise<Map<string, ModelsStatusOutcome>> {
  const loaded = await loadGatewayState(db, { teamId, gatewayId });
  const outcomes = new Map<string, ModelsStatusOutcome>();
  for (const [agentId, agentKey] of Object.entries(loaded.agentKeys))
    outcomes.set(agentId, statusFor(loaded, agentKey, now));
  return outcomes;
}

/**
 * `models status` of a gateway named `gatewayName`, exactly as `openclaw models status [--agent <id>]`
 * would print it on its host (the CLI's `--gateway`): `agentId` is passed through as given. Null when the
 * team has no such gateway.
 */
export async function computeNamedGatewayModelsStatus(
  db: Db,
  {
    teamId,
    gatewayName,
    agentId,
    now,
  }: { teamId: string; gatewayName: string; agentId: string | undefined; now: number },
): Promise<{ outcome: ModelsStatusOutcome; homeDir: string } | null> {
  const gatewayId = await findGatewayIdByName(db, { teamId, name: gatewayName });
  if (gatewayId === null) return null;
  const loaded = await loadGatewayState(db, { teamId, gatewayId });
  return { outcome: hostStatus(loaded, agentId, now), homeDir: loaded.homeDir };
}
