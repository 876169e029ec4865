/**
 * OpenClaw's `usageStats[profileId]` entry (epoch-ms numbers) ⇄ the AuthProfile runtime columns
 * (timestamps). The one place that knows the correspondence, for imports, status and operator actions.
 */
import type { UsageStatsEntry } from "@clawfleet/core/auth-profiles/auth-store.schema";
import type { Prisma } from "./client";

const TIME_FIELDS = [
  "lastUsed",
  "lastFailureAt",
  "lastProbeAt",
  "cooldownUntil",
  "disabledUntil",
  "blockedUntil",
] as const;
const TEXT_FIELDS = [
  "cooldownReason",
  "cooldownClassification",
  "cooldownModel",
  "disabledReason",
  "blockedReason",
  "blockedSource",
  "blockedModel",
  "blockedScope",
] as const;

export const usageStatsColumnsSelect = {
  lastUsed: true,
  lastFailureAt: true,
  lastProbeAt: true,
  errorCount: true,
  failureCounts: true,
  cooldownUntil: true,
  cooldownReason: true,
  cooldownClassification: true,
  cooldownModel: true,
  disabledUntil: true,
  disabledReason: true,
  blockedUntil: true,
  blockedReason: true,
  blockedSource: true,
  blockedModel: true,
  blockedScope: true,
} satisfies Prisma.AuthProfileSelect;

export type UsageStatsColumns = Prisma.AuthProfileGetPayload<{ select: typeof usageStatsColumnsSelect }>;

/** The entry OpenClaw would hold; absent fields stay absent, as in its JSON. */
export function usageStatsFromColumns(columns: UsageStatsColumns): UsageStatsEntry {
  const entry: Record<string, unknown> = {};
  for (const field of TIME_FIELDS) {
    const value = columns[field];
    if (value) entry[field] = value.getTime();
  }
  for (const field of TEXT_FIELDS) {
    const value = columns[field];
    if (value !== null) entry[field] = value;
  }
  if (columns.errorCount > 0) entry.errorCount = columns.errorCount;
  const counts = columns.failureCounts as Record<string, number> | null;
  if (counts && Object.keys(counts).length > 0) entry.failureCounts = counts;
  return entry;
}

/** Every runtime column, set from the entry (missing fields become null / zero). */
export function columnsFromUsageStats(entry: UsageStatsEntry): UsageStatsColumns {
  const time = (value: number | undefined) =>
    typeof value === "number" && value > 0 ? new Date(value) : null;
  return {
    lastUsed: time(entry.lastUsed),
    lastFailureAt: time(entry.lastFailureAt),
    lastProbeAt: time(entry.lastProbeAt),
    errorCount: entry.errorCount ?? 0,
    failureCounts: entry.failureCounts ?? {},
    cooldownUntil: time(entry.cooldownUntil),
    cooldownReason: entry.cooldownReason ?? null,
    cooldownClassification: entry.cooldownClassification ?? null,
    cooldownModel: entry.cooldownModel ?? null,
    disabledUntil: time(entry.disabledUntil),
    disabledReason: entry.disabledReason ?? null,
    blockedUntil: time(entry.blockedUntil),
    blockedReason: entry.blockedReason ?? null,
    blockedSource: entry.blockedSource ?? null,
    blockedModel: entry.blockedModel ?? null,
    blockedScope: entry.blockedScope ?? null,
  };
}
