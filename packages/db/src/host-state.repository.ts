/** What a host's Gateway last reported about itself: one row per gateway, replaced by each newer report. */
import type { Db, Prisma } from "./client";

export type GatewayHostStateRecord = {
  gatewayId: string;
  takenAt: Date;
  configHash: string;
  config: Record<string, unknown>;
  agents: unknown;
  authStatus: unknown;
};

function asJson(value: unknown): Prisma.InputJsonValue {
  // why: `agents.list` and `models.authStatus` may be null in a report; Json columns take JSON null as a value.
  return (value ?? null) as Prisma.InputJsonValue;
}

/** Stores the report unless a newer one is already stored (reports can arrive out of order). */
export async function upsertGatewayHostState(
  db: Db,
  { teamId, state }: { teamId: string; state: GatewayHostStateRecord },
): Promise<void> {
  const data = {
    takenAt: state.takenAt,
    configHash: state.configHash,
    config: asJson(state.config),
    agents: asJson(state.agents),
    authStatus: asJson(state.authStatus),
  };
  const { count } = await db.gatewayHostState.updateMany({
    where: { gatewayId: state.gatewayId, teamId, takenAt: { lte: state.takenAt } },
    data,
  });
  if (count > 0) return;
  await db.gatewayHostState.createMany({
    data: [{ gatewayId: state.gatewayId, teamId, ...data }],
    skipDuplicates: true,
  });
}

export async function findGatewayHostState(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
): Promise<GatewayHostStateRecord | null> {
  const row = await db.gatewayHostState.findFirst({
    where: { teamId, gatewayId },
    select: {
      gatewayId: true,
      takenAt: true,
      configHash: true,
      config: true,
      agents: true,
      authStatus: true,
    },
  });
  return row ? { ...row, config: row.config as Record<string, unknown> } : null;
}
