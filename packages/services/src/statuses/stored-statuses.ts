/**
 * Keeping stored statuses current (ARCHITECTURE.md "Statuses"): a gateway's agents are computed from one load
 * with core's `prepareModelsStatus` and written where their content changed; an edit recomputes the agents it
 * edits in its own transaction, or marks the gateway stale and queues its refresh; after a refresh, the next
 * one is queued for the instant its earliest row stops being true by the clock alone.
 */
import { createHash } from "node:crypto";
import { profileStoreKeysOf } from "@clawfleet/core/auth-profiles/profile-store-keys";
import { attentionCausesOf } from "@clawfleet/core/fleet/attention-causes";
import { authMatrixFactsOf } from "@clawfleet/core/fleet/auth-matrix";
import { credentialTimelineOf } from "@clawfleet/core/fleet/credential-timeline";
import { type FleetAgentVerdict, fleetVerdictOf } from "@clawfleet/core/fleet/fleet-status";
import { prepareModelsStatus } from "@clawfleet/core/models-status/build-models-status";
import { clockFreeModelsStatus } from "@clawfleet/core/models-status/status-clock";
import { selectAgent } from "@clawfleet/core/openclaw-config/agent-roster";
import {
  type AgentStatusWrite,
  STATUS_WRITE_BATCH_ROWS,
  earliestGatewayStatusChange,
  findStoredStatus,
  listGatewayStatusDigests,
  listGatewaysDueForStatusRefresh,
  markAgentStatusesStale,
  markGatewayStatusesStale,
  markStatusesFresh,
  recordReportedVerdict,
  writeAgentStatuses,
} from "@clawfleet/db/agent-status.repository";
import { countGatewayAgents } from "@clawfleet/db/agent.repository";
import { listProfileOwners } from "@clawfleet/db/auth-profile.repository";
import { type Db, inTransaction } from "@clawfleet/db/client";
import { inBatches } from "@clawfleet/db/batched-writes";
import { type GatewayState, loadGatewayState } from "@clawfleet/db/openclaw-state.repository";
import { queueJob } from "../jobs/job-catalog";
import type { ServiceDeps } from "../service-context";
import { forgetTeamStatusReads } from "./shared-status-reads";

/** Gateways up to this size are recomputed inside the transaction that changed them (no job needed). */
export const SYNC_REFRESH_MAX_AGENTS = 1_000;

type GatewayScope = { teamId: string; gatewayId: string };

/** The job key of a gateway's refresh after a change: bursts of edits collapse into one pending refresh. */
export const refreshJobKey = (gatewayId: string) => `statuses.refresh_gateway:${gatewayId}`;
/** The job key of a gateway's refresh at its next clock instant (rescheduled by every refresh). */
export const clockJobKey = (gatewayId: string) => `statuses.clock:${gatewayId}`;

/** Every agent of a loaded gateway as it would be stored at `now` (only `agentIds` when given). */
function computeStatuses(
  loaded: GatewayState,
  { teamId, gatewayId, now, agentIds }: GatewayScope & { now: number; agentIds?: readonly string[] },
): AgentStatusWrite[] {
  const prepared = prepareModelsStatus(loaded.state, {
    stateDir: loaded.stateDir,
    home: loaded.homeDir,
    env: {},
  });
  const selection = selectAgent(loaded.state.config, undefined);
  const defaultKey = selection.ok ? selection.agentId : null;
  const wanted = agentIds ? new Set(agentIds) : null;
  const statuses: AgentStatusWrite[] = [];
  for (const [agentId, agentKey] of Object.entries(loaded.agentKeys)) {
    if (wanted && !wanted.has(agentId)) continue;
    // why: the default agent is what a bare `openclaw models status` shows (and what an ingest without
    // `agentId` reports), any other agent is `--agent <key>` (see `agent-models-status`).
    const requested = agentKey === defaultKey ? undefined : agentKey;
    const outcome = prepared.statusOf(requested, now);
    const next = prepared.nextStatusChangeAt(requested, now);
    statuses.push({
      agentId,
      teamId,
      gatewayId,
      computedAt: new Date(now),
      validUntil: next === null ? null : new Date(next),
      verdict: fleetVerdictOf(outcome).verdict,
      outcome,
      contentHash: createHash("sha256")
        .update(JSON.stringify(clockFreeModelsStatus(outcome, now)))
        .digest("base64url"),
      facts: authMatrixFactsOf(outcome),
      causes: attentionCausesOf(outcome, profileStoreKeysOf(loaded.state, agentKey)),
      timeline: credentialTimelineOf(outcome),
      missingProviders: outcome.ok ? outcome.status.auth.missingProvidersInUse : [],
    });
  }
  return statuses;
}

export type RefreshResult = { agents: number; written: number; nextRefreshAt: Date | null };

/**
 * Recomputes every agent of a gateway from one load and rewrites only the rows whose content or validity
 * changed (batches of {@link STATUS_WRITE_BATCH_ROWS}, each with its causes in one transaction); unchanged
 * stale rows are only marked fresh. Then queues the next refresh at the earliest `validUntil`.
 * `db` may be a transaction (an edit of a small gateway refreshes inside its own).
 */
async function refreshGatewayIn(
  db: Db,
  scope: GatewayScope,
  now: number,
  writeBatch: (batch: readonly AgentStatusWrite[]) => Promise<void>,
): Promise<RefreshResult> {
  forgetTeamStatusReads(scope.teamId);
  const loaded = await loadGatewayState(db, scope);
  const stored = await listGatewayStatusDigests(db, scope);
  const fresh = computeStatuses(loaded, { ...scope, now });
  const changed: AgentStatusWrite[] = [];
  const unchangedStale: string[] = [];
  for (const status of fresh) {
    const before = stored.get(status.agentId);
    const validUntil = status.validUntil?.getTime() ?? null;
    if (before?.contentHash !== status.contentHash || (before.validUntil?.getTime() ?? null) !== validUntil)
      changed.push(status);
    else if (before.stale) unchangedStale.push(status.agentId);
  }
  for (const batch of inBatches(changed, STATUS_WRITE_BATCH_ROWS)) await writeBatch(batch);
  await markStatusesFresh(db, unchangedStale);
  const nextRefreshAt = await earliestGatewayStatusChange(db, scope);
  if (nextRefreshAt !== null)
    await queueJob(db, "statuses.refresh_gateway", scope, {
      runAt: nextRefreshAt,
      jobKey: clockJobKey(scope.gatewayId),
    });
  return { agents: fresh.length, written: changed.length, nextRefreshAt };
}

/** Job `statuses.refresh_gateway`: the gateway's stored statuses recomputed at the deps' `now`. */
export async function refreshGatewayStatuses(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  scope: GatewayScope,
): Promise<RefreshResult> {
  if ((await countGatewayAgents(db, scope)) === null) return { agents: 0, written: 0, nextRefreshAt: null };
  // why: each batch and its causes in one transaction, so a reader never sees a row with another's causes.
  return refreshGatewayIn(db, scope, now().getTime(), (batch) =>
    inTransaction(db, (tx) => writeAgentStatuses(tx, batch)),
  );
}

/**
 * Recomputes the given agents of one gateway through `tx` (the transaction of the edit that changed only
 * them): the editor sees the new status at once, and no other agent is computed.
 */
export async function refreshAgentStatuses(
  tx: Db,
  { teamId, gatewayId, agentIds, now }: GatewayScope & { agentIds: readonly string[]; now: number },
): Promise<void> {
  if (agentIds.length === 0) return;
  forgetTeamStatusReads(teamId);
  const loaded = await loadGatewayState(tx, { teamId, gatewayId });
  await writeAgentStatuses(tx, computeStatuses(loaded, { teamId, gatewayId, now, agentIds }));
}

/**
 * Called in the transaction of a change to gateway-wide inputs (defaults, config auth, the shared store,
 * an import): a small gateway is recomputed there and then; a large one has its rows marked stale and its
 * refresh queued (one pending job per gateway), so the change commits quickly and readers see "updating".
 */
export async function gatewayStatusInputsChanged(
  tx: Db,
  { teamId, gatewayId, now }: GatewayScope & { now: number },
): Promise<void> {
  const agents = await countGatewayAgents(tx, { teamId, gatewayId });
  if (agents === null) return;
  if (agents <= SYNC_REFRESH_MAX_AGENTS) {
    await refreshGatewayIn(tx, { teamId, gatewayId }, now, (batch) => writeAgentStatuses(tx, batch));
    return;
  }
  forgetTeamStatusReads(teamId);
  await markGatewayStatusesStale(tx, { teamId, gatewayId });
  await queueJob(tx, "statuses.refresh_gateway", { teamId, gatewayId }, { jobKey: refreshJobKey(gatewayId) });
}

/**
 * Job `statuses.sweep` (cron, every minute): queues a refresh for every gateway with a stale row, a row past
 * its `validUntil`, or an agent without a row, in case a change's job or a clock job was lost.
 */
export async function sweepStoredStatuses({ db, now }: Pick<ServiceDeps, "db" | "now">): Promise<number> {
  const due = await listGatewaysDueForStatusRefresh(db, { now: now() });
  for (const scope of due)
    await queueJob(db, "statuses.refresh_gateway", scope, {
      jobKey: refreshJobKey(scope.gatewayId),
      jobKeyMode: "preserve_run_at",
    });
  return due.length;
}

/**
 * Called in the transaction of a change to auth profiles (a new key, a cleared window, a re-auth): a
 * profile in an agent's own store recomputes that agent; one in a shared store changes the whole gateway.
 */
export async function profileStatusInputsChanged(
  tx: Db,
  { teamId, authProfileIds, now }: { teamId: string; authProfileIds: readonly string[]; now: number },
): Promise<void> {
  const owners = await listProfileOwners(tx, { teamId, authProfileIds });
  const sharedGateways = new Set(
    owners.filter((owner) => owner.agentId === null).map((owner) => owner.gatewayId),
  );
  const agentsByGateway = new Map<string, string[]>();
  for (const { gatewayId, agentId } of owners) {
    if (agentId === null || sharedGateways.has(gatewayId)) continue;
    agentsByGateway.set(gatewayId, [...(agentsByGateway.get(gatewayId) ?? []), agentId]);
  }
  for (const gatewayId of sharedGateways) await gatewayStatusInputsChanged(tx, { teamId, gatewayId, now });
  for (const [gatewayId, agentIds] of agentsByGateway)
    await refreshAgentStatuses(tx, { teamId, gatewayId, agentIds, now });
}

/**
 * Called in the transaction of an edit of some agents whose refresh can wait for the worker (each agent of a
 * bulk edit): their rows are marked stale and the gateway's refresh is queued (one pending job per gateway,
 * however many agents the bulk edit changes).
 */
export async function agentStatusInputsChanged(
  tx: Db,
  { teamId, gatewayId, agentIds }: GatewayScope & { agentIds: readonly string[] },
): Promise<void> {
  forgetTeamStatusReads(teamId);
  await markAgentStatusesStale(tx, { teamId, agentIds });
  await queueJob(tx, "statuses.refresh_gateway", { teamId, gatewayId }, { jobKey: refreshJobKey(gatewayId) });
}

/**
 * Called in the transaction that stores a host's report: its verdict goes on the agent's stored row (computed
 * first if the agent has none yet), so the fleet page counts what the host prints where it is newer and
 * shows where it differs.
 */
export async function recordReportOnStoredStatus(
  tx: Db,
  {
    teamId,
    gatewayId,
    agentId,
    verdict,
    reportedAt,
    now,
  }: GatewayScope & { agentId: string; verdict: FleetAgentVerdict; reportedAt: Date; now: number },
): Promise<void> {
  forgetTeamStatusReads(teamId);
  if (await recordReportedVerdict(tx, { teamId, agentId, verdict, reportedAt })) return;
  if ((await findStoredStatus(tx, { teamId, agentId })) !== null) return;
  await refreshAgentStatuses(tx, { teamId, gatewayId, agentIds: [agentId], now });
  await recordReportedVerdict(tx, { teamId, agentId, verdict, reportedAt });
}

/**
 * Refreshes, now and in this process, every gateway the sweep would queue: the demo seed and tests use it to
 * leave every agent with a stored status without a worker.
 */
export async function refreshDueStatuses(deps: Pick<ServiceDeps, "db" | "now">): Promise<number> {
  const due = await listGatewaysDueForStatusRefresh(deps.db, { now: deps.now() });
  for (const scope of due) await refreshGatewayStatuses(deps, scope);
  return due.length;
}
