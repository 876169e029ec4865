import { DomainError } from "@clawfleet/core/domain-error";
import type { GatewayEdit } from "@clawfleet/core/fleet/gateway-edit.schema";
import { type Db, Prisma } from "./client";

export type GatewaySummary = {
  id: string;
  name: string;
  stateDir: string;
  homeDir: string;
  openclawVersion: string;
  lastSeenAt: Date | null;
  agentCount: number;
  /** Last 4 characters of the current ingest token, when one was issued. */
  ingestTokenHint: string | null;
  version: number;
};

const gatewaySummarySelect = {
  id: true,
  name: true,
  stateDir: true,
  homeDir: true,
  openclawVersion: true,
  lastSeenAt: true,
  ingestTokenHint: true,
  version: true,
  _count: { select: { agents: true } },
} satisfies Prisma.GatewaySelect;

function toGatewaySummary({
  _count,
  ...gateway
}: Prisma.GatewayGetPayload<{ select: typeof gatewaySummarySelect }>): GatewaySummary {
  return { ...gateway, agentCount: _count.agents };
}

export async function listGateways(db: Db, { teamId }: { teamId: string }): Promise<GatewaySummary[]> {
  const rows = await db.gateway.findMany({
    where: { teamId },
    orderBy: { name: "asc" },
    select: gatewaySummarySelect,
  });
  return rows.map(toGatewaySummary);
}

export async function findGatewayById(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
): Promise<GatewaySummary | null> {
  const row = await db.gateway.findFirst({ where: { id: gatewayId, teamId }, select: gatewaySummarySelect });
  return row ? toGatewaySummary(row) : null;
}

/** The id of the team's gateway called `name`, or null. */
export async function findGatewayIdByName(
  db: Db,
  { teamId, name }: { teamId: string; name: string },
): Promise<string | null> {
  const row = await db.gateway.findFirst({ where: { teamId, name }, select: { id: true } });
  return row?.id ?? null;
}

function nameTaken(name: string): DomainError {
  return new DomainError(
    "CONFLICT",
    `A gateway named "${name}" already exists in this team. Choose another name.`,
    "name",
  );
}

/** Turns the unique-name violation of a race past the pre-check into the same friendly error. */
async function withUniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw nameTaken(name);
    throw error;
  }
}

async function assertNameFree(
  db: Db,
  { teamId, name, exceptId }: { teamId: string; name: string; exceptId?: string },
) {
  const clash = await db.gateway.findFirst({
    where: { teamId, name, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw nameTaken(name);
}

export async function createGateway(
  tx: Db,
  { teamId, edit }: { teamId: string; edit: GatewayEdit },
): Promise<GatewaySummary> {
  await assertNameFree(tx, { teamId, name: edit.name });
  const row = await withUniqueName(edit.name, () =>
    tx.gateway.create({ data: { teamId, ...edit }, select: gatewaySummarySelect }),
  );
  return toGatewaySummary(row);
}

/**
 * Applies an edit only if the gateway is still at `expectedVersion`; otherwise CONFLICT naming both
 * versions, so no update is lost.
 */
export async function updateGateway(
  tx: Db,
  {
    teamId,
    gatewayId,
    expectedVersion,
    edit,
  }: { teamId: string; gatewayId: string; expectedVersion: number; edit: GatewayEdit },
): Promise<{ before: GatewaySummary; after: GatewaySummary }> {
  const before = await findGatewayById(tx, { teamId, gatewayId });
  if (!before) throw new DomainError("NOT_FOUND", "Gateway not found.");
  if (before.version !== expectedVersion)
    throw new DomainError(
      "CONFLICT",
      `Someone else changed this gateway (you edited version ${expectedVersion}, it is now version ${before.version}). Review their version, then reapply yours.`,
    );
  await assertNameFree(tx, { teamId, name: edit.name, exceptId: gatewayId });
  const updated = await withUniqueName(edit.name, () =>
    tx.gateway.updateMany({
      where: { id: gatewayId, teamId, version: expectedVersion },
      data: { ...edit, version: { increment: 1 } },
    }),
  );
  if (updated.count === 0)
    throw new DomainError(
      "CONFLICT",
      "Someone else changed this gateway just now. Review their version, then reapply yours.",
    );
  const after = await findGatewayById(tx, { teamId, gatewayId });
  if (!after) throw new DomainError("NOT_FOUND", "Gateway not found.");
  return { before, after };
}

/** The gateway's config-level `auth.profiles` map (profile id → its config entry). */
export async function findConfigAuthProfiles(
  db: Db,
  { gatewayId }: { gatewayId: string },
): Promise<Record<string, Record<string, unknown>>> {
  const gateway = await db.gateway.findUniqueOrThrow({
    where: { id: gatewayId },
    select: { authProfiles: true },
  });
  return (gateway.authProfiles ?? {}) as Record<string, Record<string, unknown>>;
}

/** Every profile id the gateway's config names, as an `auth.profiles` key or in an `auth.order` list. */
export async function listConfigNamedProfileIds(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
): Promise<string[]> {
  const gateway = await db.gateway.findFirst({
    where: { id: gatewayId, teamId },
    select: { authProfiles: true, authOrder: true },
  });
  if (!gateway) return [];
  const profiles = Object.keys((gateway.authProfiles ?? {}) as Record<string, unknown>);
  const ordered = Object.values((gateway.authOrder ?? {}) as Record<string, unknown>).flatMap((ids) =>
    Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [],
  );
  return [...new Set([...profiles, ...ordered])];
}

/** Replaces the config-level `auth.profiles` map; a config change, so the version moves. */
export async function updateConfigAuthProfiles(
  tx: Db,
  { gatewayId, authProfiles }: { gatewayId: string; authProfiles: Record<string, Record<string, unknown>> },
): Promise<void> {
  await tx.gateway.update({
    where: { id: gatewayId },
    data: { authProfiles: authProfiles as Prisma.InputJsonValue, version: { increment: 1 } },
  });
}

/** The gateway's `agents.defaults` fragments the console edits and writes to the host (facts §3.2). */
export type GatewayDefaults = {
  model: unknown;
  imageModel: unknown;
  utilityModel: unknown;
  models: Record<string, unknown>;
  params: Record<string, unknown>;
  version: number;
};

const gatewayDefaultsSelect = {
  defaultModel: true,
  imageModel: true,
  utilityModel: true,
  defaultModels: true,
  defaultParams: true,
  version: true,
} satisfies Prisma.GatewaySelect;

function toGatewayDefaults(
  row: Prisma.GatewayGetPayload<{ select: typeof gatewayDefaultsSelect }>,
): GatewayDefaults {
  return {
    model: row.defaultModel,
    imageModel: row.imageModel,
    utilityModel: row.utilityModel,
    models: (row.defaultModels ?? {}) as Record<string, unknown>,
    params: (row.defaultParams ?? {}) as Record<string, unknown>,
    version: row.version,
  };
}

export async function findGatewayDefaults(
  db: Db,
  { teamId, gatewayId }: { teamId: string; gatewayId: string },
): Promise<GatewayDefaults | null> {
  const row = await db.gateway.findFirst({ where: { id: gatewayId, teamId }, select: gatewayDefaultsSelect });
  return row ? toGatewayDefaults(row) : null;
}

/** Nullable config columns: null clears the value. */
function nullableJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value ?? Prisma.DbNull;
}

/**
 * Writes the given defaults fragments (any of model, image and utility model, models map, params) at the version
 * the caller read; a stale version writes nothing and is a CONFLICT. Returns the defaults before and after.
 */
export async function replaceGatewayDefaults(
  tx: Db,
  {
    teamId,
    gatewayId,
    expectedVersion,
    changes,
  }: {
    teamId: string;
    gatewayId: string;
    expectedVersion: number;
    changes: Partial<Omit<GatewayDefaults, "version">>;
  },
): Promise<{ before: GatewayDefaults; after: GatewayDefaults }> {
  const before = await findGatewayDefaults(tx, { teamId, gatewayId });
  if (!before) throw new DomainError("NOT_FOUND", "Gateway not found.");
  const { model, imageModel, utilityModel, models, params } = changes;
  const updated = await tx.gateway.updateMany({
    where: { id: gatewayId, teamId, version: expectedVersion },
    data: {
      ...(model !== undefined ? { defaultModel: nullableJson(model) } : {}),
      ...(imageModel !== undefined ? { imageModel: nullableJson(imageModel) } : {}),
      ...(utilityModel !== undefined ? { utilityModel: nullableJson(utilityModel) } : {}),
      ...(models !== undefined ? { defaultModels: models as Prisma.InputJsonValue } : {}),
      ...(params !== undefined ? { defaultParams: params as Prisma.InputJsonValue } : {}),
      version: { increment: 1 },
    },
  });
  if (updated.count === 0)
    throw new DomainError(
      "CONFLICT",
      `Someone else changed this gateway (you read version ${expectedVersion}, it is now version ${before.version}). Review their version, then try again.`,
    );
  const after = await findGatewayDefaults(tx, { teamId, gatewayId });
  if (!after) throw new DomainError("NOT_FOUND", "Gateway not found.");
  return { before, after };
}
