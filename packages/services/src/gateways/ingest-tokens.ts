/** A gateway's ingest token as admins manage it: its hint and last report, rotating and revoking it. */
import { DomainError } from "@clawfleet/core/domain-error";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { type Db, inTransaction } from "@clawfleet/db/client";
import {
  type GatewayIngestState,
  findGatewayIngestState,
  revokeIngestToken,
  rotateIngestToken,
} from "@clawfleet/db/ingest-token.repository";
import type { Caller, ServiceDeps, TeamScope } from "../service-context";

type VersionedGateway = { gatewayId: string; expectedVersion: number };

/** Audits a token change with its hint and the gateway version only: never the token. */
function auditTokenChange(
  tx: Db,
  caller: Caller,
  action: "gateway.ingest_token.rotate" | "gateway.ingest_token.revoke",
  { before, after }: { before: GatewayIngestState; after: GatewayIngestState },
) {
  return recordAuditEvent(tx, {
    ...caller,
    action,
    target: { type: "gateway", id: after.gatewayId },
    before: { hint: before.hint, version: before.version },
    after: { hint: after.hint, version: after.version },
  });
}

/** The gateway's token hint, version and last report time (no secret: the hint is 4 of 47 characters). */
export async function readIngestTokenState(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { gatewayId }: { gatewayId: string },
): Promise<GatewayIngestState> {
  const state = await findGatewayIngestState(db, { teamId, gatewayId });
  if (!state) throw new DomainError("NOT_FOUND", "Gateway not found.");
  return state;
}

/** A new token, returned by this call only; the previous token stops working at once. */
export function rotateGatewayIngestToken(
  { db }: Pick<ServiceDeps, "db">,
  caller: Caller,
  input: VersionedGateway,
) {
  return inTransaction(db, async (tx) => {
    const { token, ...change } = await rotateIngestToken(tx, { teamId: caller.teamId, ...input });
    await auditTokenChange(tx, caller, "gateway.ingest_token.rotate", change);
    return { token, gateway: change.after };
  });
}

export function revokeGatewayIngestToken(
  { db }: Pick<ServiceDeps, "db">,
  caller: Caller,
  input: VersionedGateway,
) {
  return inTransaction(db, async (tx) => {
    const change = await revokeIngestToken(tx, { teamId: caller.teamId, ...input });
    await auditTokenChange(tx, caller, "gateway.ingest_token.revoke", change);
    return { gateway: change.after };
  });
}
