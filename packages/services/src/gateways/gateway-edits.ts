/** Gateways as admins manage them: the list, one gateway, creating and editing one, each edit audited. */
import { DomainError } from "@clawfleet/core/domain-error";
import {
  type GatewayDefaultsEdit,
  gatewayDefaultsWriteOf,
} from "@clawfleet/core/fleet/gateway-defaults-edit.schema";
import type { GatewayEdit } from "@clawfleet/core/fleet/gateway-edit.schema";
import {
  type GatewayModelSettings,
  describeGatewayModelSettings,
} from "@clawfleet/core/fleet/gateway-model-settings";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { inTransaction } from "@clawfleet/db/client";
import {
  type GatewaySummary,
  createGateway,
  findGatewayById,
  findGatewayDefaults,
  findGatewayIdByName,
  listGateways,
  replaceGatewayDefaults,
  updateGateway,
} from "@clawfleet/db/gateway.repository";
import { loadGatewayState } from "@clawfleet/db/openclaw-state.repository";
import { queueGatewayDefaultsChange } from "../connector/host-changes";
import type { Caller, ServiceDeps, TeamScope } from "../service-context";
import { gatewayStatusInputsChanged } from "../statuses/stored-statuses";

/** The audited fields of a gateway: what an admin edits, plus its version. */
function auditedGateway(gateway: GatewaySummary) {
  const { name, stateDir, homeDir, openclawVersion, version } = gateway;
  return { name, stateDir, homeDir, openclawVersion, version };
}

export function listTeamGateways({ db }: Pick<ServiceDeps, "db">, { teamId }: TeamScope) {
  return listGateways(db, { teamId });
}

export async function readGateway(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { gatewayId }: { gatewayId: string },
): Promise<GatewaySummary> {
  const gateway = await findGatewayById(db, { teamId, gatewayId });
  if (!gateway) throw new DomainError("NOT_FOUND", "Gateway not found.");
  return gateway;
}

export function addGateway({ db }: Pick<ServiceDeps, "db">, caller: Caller, edit: GatewayEdit) {
  return inTransaction(db, async (tx) => {
    const gateway = await createGateway(tx, { teamId: caller.teamId, edit });
    await recordAuditEvent(tx, {
      ...caller,
      action: "gateway.create",
      target: { type: "gateway", id: gateway.id },
      after: auditedGateway(gateway),
    });
    return gateway;
  });
}

/** Applies an edit at the version the admin saw; a stale version is a CONFLICT naming both. */
export function editGateway(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  input: { gatewayId: string; expectedVersion: number; edit: GatewayEdit },
) {
  return inTransaction(db, async (tx) => {
    const { before, after } = await updateGateway(tx, { teamId: caller.teamId, ...input });
    await recordAuditEvent(tx, {
      ...caller,
      action: "gateway.update",
      target: { type: "gateway", id: after.id },
      before: auditedGateway(before),
      after: auditedGateway(after),
    });
    await gatewayStatusInputsChanged(tx, {
      teamId: caller.teamId,
      gatewayId: after.id,
      now: now().getTime(),
    });
    return after;
  });
}

/** The id of the team's gateway called `name`, or null (the CLI names gateways). */
export function findGatewayNamed(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { name }: { name: string },
): Promise<string | null> {
  return findGatewayIdByName(db, { teamId, name });
}

/** The gateway's defaults as the console holds them (model, image and utility model, models map, params). */
export async function readGatewayDefaults(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { gatewayId }: { gatewayId: string },
) {
  const defaults = await findGatewayDefaults(db, { teamId, gatewayId });
  if (!defaults) throw new DomainError("NOT_FOUND", "Gateway not found.");
  return defaults;
}

/** What OpenClaw makes of the gateway's defaults: effective models and each model's params with their layer. */
export async function readGatewayModelSettings(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
  { gatewayId }: { gatewayId: string },
): Promise<GatewayModelSettings> {
  const { state } = await loadGatewayState(db, { teamId, gatewayId });
  return describeGatewayModelSettings(state, { now: now().getTime() });
}

/**
 * Sets `agents.defaults.model` and `agents.defaults.params`, and (when the edit names them) the image and utility
 * models and the `models` map, at the version the operator saw, audited, with every agent's stored status
 * recomputed (each one without its own model follows the default).
 */
export function editGatewayDefaults(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  input: { gatewayId: string; expectedVersion: number; edit: GatewayDefaultsEdit },
) {
  const { teamId } = caller;
  return inTransaction(db, async (tx) => {
    const current = await findGatewayDefaults(tx, { teamId, gatewayId: input.gatewayId });
    if (!current) throw new DomainError("NOT_FOUND", "Gateway not found.");
    const { before, after } = await replaceGatewayDefaults(tx, {
      teamId,
      gatewayId: input.gatewayId,
      expectedVersion: input.expectedVersion,
      changes: gatewayDefaultsWriteOf(current.models, input.edit),
    });
    await recordAuditEvent(tx, {
      ...caller,
      action: "gateway.update_defaults",
      target: { type: "gateway", id: input.gatewayId },
      before,
      after,
    });
    await queueGatewayDefaultsChange(
      { tx, caller, now: now() },
      { gatewayId: input.gatewayId, before, after },
    );
    await gatewayStatusInputsChanged(tx, { teamId, gatewayId: input.gatewayId, now: now().getTime() });
    return after;
  });
}
