import type { Db } from "./client";

export type GatewaySummary = {
  id: string;
  name: string;
  stateDir: string;
  openclawVersion: string;
  lastSeenAt: Date | null;
  agentCount: number;
  version: number;
};

export async function listGateways(db: Db, { teamId }: { teamId: string }): Promise<GatewaySummary[]> {
  const rows = await db.gateway.findMany({
    where: { teamId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      stateDir: true,
      openclawVersion: true,
      lastSeenAt: true,
      version: true,
      _count: { select: { agents: true } },
    },
  });
  return rows.map(({ _count, ...gateway }) => ({ ...gateway, agentCount: _count.agents }));
}
