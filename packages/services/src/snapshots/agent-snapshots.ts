/**
 * An agent's stored `models status` snapshots: the latest computed and reported pair with their drift, the
 * history, and any two side by side. Views and differences are core's; paths are shown relative to the
 * agent's gateway home.
 */
import { DomainError } from "@clawfleet/core/domain-error";
import { diffModelsStatus, sameModelsStatus } from "@clawfleet/core/status-drift/diff-models-status";
import {
  type StatusSnapshotView,
  viewStatusSnapshot,
} from "@clawfleet/core/status-drift/status-snapshot-view";
import { type AgentLocation, findAgentLocation } from "@clawfleet/db/agent.repository";
import type { Db } from "@clawfleet/db/client";
import {
  type SnapshotSource,
  type StatusSnapshotRecord,
  computedSnapshotBody,
  findLatestSnapshot,
  findSnapshot,
  latestSnapshots,
  listSnapshots,
  recordComputedSnapshot,
} from "@clawfleet/db/status-snapshot.repository";
import type { ServiceDeps, TeamScope } from "../service-context";
import { computeAgentModelsStatus } from "../statuses/agent-models-status";

/** A stored computed snapshot older than this is recomputed for a read (and not stored: reads only read). */
export const COMPUTED_REFRESH_AFTER_MS = 60_000;
const HISTORY_PAGE_SIZE = 20;

export type SnapshotDto = StatusSnapshotRecord & { view: StatusSnapshotView };
/** The computed side of the latest pair: stored (with its id), or computed for this read (`id` null). */
export type ComputedSnapshotDto = Omit<SnapshotDto, "id"> & { id: string | null };
export type SnapshotSummaryDto = Omit<StatusSnapshotRecord, "body"> & {
  kind: StatusSnapshotView["kind"];
  version: string | null;
  check: number | null;
};

function toDto(record: StatusSnapshotRecord, homeDir: string): SnapshotDto {
  return { ...record, view: viewStatusSnapshot(record.body, homeDir) };
}

function toSummary(record: StatusSnapshotRecord, homeDir: string): SnapshotSummaryDto {
  const { body: _body, ...rest } = record;
  const view = viewStatusSnapshot(record.body, homeDir);
  return {
    ...rest,
    kind: view.kind,
    version: view.kind === "status" ? view.version : null,
    check: view.kind === "unreadable" ? null : view.check,
  };
}

/** Field differences from `left` to `right`, with countdowns compared as deadlines and homes as `~`. */
type ComparedSnapshot = Pick<StatusSnapshotRecord, "body" | "takenAt">;

function differences(left: ComparedSnapshot, leftHome: string, right: ComparedSnapshot, rightHome: string) {
  return diffModelsStatus(left.body, right.body, {
    takenAtMs: { left: left.takenAt.getTime(), right: right.takenAt.getTime() },
    homeDirs: { left: leftHome, right: rightHome },
  });
}

async function agentInTeam(db: Db, teamId: string, agentId: string): Promise<AgentLocation> {
  const agent = await findAgentLocation(db, { teamId, agentId });
  if (!agent) throw new DomainError("NOT_FOUND", "Agent not found.");
  return agent;
}

async function snapshotInTeam(db: Db, teamId: string, snapshotId: string) {
  const snapshot = await findSnapshot(db, { teamId, snapshotId });
  const agent = snapshot ? await findAgentLocation(db, { teamId, agentId: snapshot.agentId }) : null;
  if (!snapshot || !agent) throw new DomainError("NOT_FOUND", "Snapshot not found.");
  return { snapshot, homeDir: agent.homeDir };
}

/**
 * Computes the agent's status from the console's state and stores it only when it differs from the latest
 * computed snapshot, countdowns aside (`remainingMs`, label durations); so history holds one row per change.
 * Two concurrent refreshes may both store the same change; the duplicate is harmless.
 */
export async function refreshComputedSnapshot(
  db: Db,
  { teamId, agentId, now }: { teamId: string; agentId: string; now: Date },
): Promise<{ snapshot: StatusSnapshotRecord; recorded: boolean }> {
  const outcome = await computeAgentModelsStatus(db, { teamId, agentId, now: now.getTime() });
  const latest = await findLatestSnapshot(db, { teamId, agentId }, "computed");
  if (latest && sameModelsStatus(latest.body, computedSnapshotBody(outcome)))
    return { snapshot: latest, recorded: false };
  const snapshot = await recordComputedSnapshot(db, { teamId, agentId, takenAt: now, status: outcome });
  return { snapshot, recorded: true };
}

/**
 * The agent's status computed from the console's state now, as a snapshot that is not stored (`id` null):
 * what a read shows when no stored computed snapshot is recent enough.
 */
async function computeUnstoredSnapshot(
  db: Db,
  { teamId, agentId, now }: { teamId: string; agentId: string; now: Date },
): Promise<Omit<StatusSnapshotRecord, "id"> & { id: null }> {
  const outcome = await computeAgentModelsStatus(db, { teamId, agentId, now: now.getTime() });
  return { id: null, agentId, source: "computed", takenAt: now, body: computedSnapshotBody(outcome) };
}

/**
 * The latest computed and reported status of an agent and the fields where they differ. Reads only: the
 * computed side is the stored one when it is under a minute old, else computed now without being stored.
 */
export async function readLatestSnapshots(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
  { agentId }: { agentId: string },
) {
  const scope = { teamId, agentId };
  const agent = await agentInTeam(db, teamId, agentId);
  const now = clock();
  const { computed: stored, reported } = await latestSnapshots(db, scope);
  const computed =
    stored && now.getTime() - stored.takenAt.getTime() <= COMPUTED_REFRESH_AFTER_MS
      ? stored
      : await computeUnstoredSnapshot(db, { ...scope, now });
  const computedDto: ComputedSnapshotDto = {
    ...computed,
    view: viewStatusSnapshot(computed.body, agent.homeDir),
  };
  return {
    agentKey: agent.agentKey,
    gatewayId: agent.gatewayId,
    checkedAt: now,
    computed: computedDto,
    reported: reported ? toDto(reported, agent.homeDir) : null,
    drift: reported ? differences(computed, agent.homeDir, reported, agent.homeDir) : [],
  };
}

/** Every stored snapshot of the agent, newest first, 20 a page; `source` narrows to one side. */
export async function readSnapshotHistory(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { agentId, source, page }: { agentId: string; source?: SnapshotSource; page: number },
) {
  const agent = await agentInTeam(db, teamId, agentId);
  const found = await listSnapshots(db, { teamId, agentId, source, page, pageSize: HISTORY_PAGE_SIZE });
  return { ...found, items: found.items.map((item) => toSummary(item, agent.homeDir)) };
}

/** Any two snapshots of the team, side by side, with the fields that differ from left to right. */
export async function compareSnapshots(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  { leftId, rightId }: { leftId: string; rightId: string },
) {
  const left = await snapshotInTeam(db, teamId, leftId);
  const right = await snapshotInTeam(db, teamId, rightId);
  return {
    left: toDto(left.snapshot, left.homeDir),
    right: toDto(right.snapshot, right.homeDir),
    differences: differences(left.snapshot, left.homeDir, right.snapshot, right.homeDir),
  };
}
