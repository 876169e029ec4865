/**
 * What every re-auth use case is built from. A request moves only through core's transition table: one guarded
 * update whose from-states are `statesAllowing(event)` and whose to-state is the table's, which also stores when
 * the request lapses in its new state (core `reauthLapsesAt`) and schedules (or drops) its lapse job; a refused
 * move explains itself in core's words. Each step leaves a timeline entry and an audit row, and may call the
 * team webhook, all in the caller's transaction.
 */
import { DomainError } from "@clawfleet/core/domain-error";
import {
  type ReauthMethod,
  type ReauthState,
  type ReauthTransitionEvent,
  reauthEventTarget,
  reauthLapsesAt,
  reauthStateAt,
  reauthTransition,
  statesAllowing,
} from "@clawfleet/core/reauth/reauth-request";
import { type ReauthWebhookEventName, reauthWebhookEvent } from "@clawfleet/core/reauth/reauth-webhook-event";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import type { Db } from "@clawfleet/db/client";
import { removeJob } from "@clawfleet/db/job-queue";
import { findTeamWebhook } from "@clawfleet/db/reauth-webhook.repository";
import {
  type ReauthMoveChanges,
  findReauthCoverage,
  moveReauthRequest,
  recordReauthEvent,
} from "@clawfleet/db/reauth.repository";
import { queueJob } from "../jobs/job-catalog";
import type { Actor, Caller } from "../service-context";
import { queueWebhookDelivery } from "../webhooks/webhook-delivery";

/** Who acts on which request of which team, at which instant, under which audit request id. */
export type Step = { teamId: string; requestId: string; actor: Actor; auditRequestId: string; now: Date };

export function stepOf(caller: Caller, requestId: string, now: Date): Step {
  return { teamId: caller.teamId, requestId, actor: caller.actor, auditRequestId: caller.requestId, now };
}

/** One timeline entry and its audit row, always together and in the caller's transaction. */
export async function recordStep(
  tx: Db,
  step: Step,
  {
    kind,
    action,
    detail,
    before,
  }: {
    kind: Parameters<typeof recordReauthEvent>[1]["kind"];
    action: Parameters<typeof recordAuditEvent>[1]["action"];
    detail: Record<string, unknown>;
    before?: Record<string, unknown>;
  },
) {
  await recordReauthEvent(tx, {
    teamId: step.teamId,
    requestId: step.requestId,
    kind,
    actor: step.actor,
    detail,
    at: step.now,
  });
  await recordAuditEvent(tx, {
    teamId: step.teamId,
    actor: step.actor,
    action,
    target: { type: "reauth_request", id: step.requestId },
    before,
    after: detail,
    requestId: step.auditRequestId,
  });
}

/** What a webhook event names of a request: ids, names, counts and its deadline; never a secret or link. */
export type WebhookSubject = {
  id: string;
  method: ReauthMethod;
  provider: string;
  profileLabel: string;
  deadline: Date | null;
  agentCount: number;
};

/** Queues the team's webhook call for `event`, if the team has a webhook; the worker delivers it. */
export async function queueReauthWebhook(
  tx: Db,
  { teamId, now }: { teamId: string; now: Date },
  event: ReauthWebhookEventName,
  state: ReauthState,
  request: WebhookSubject,
) {
  if (!(await findTeamWebhook(tx, { teamId }))) return;
  await queueWebhookDelivery(tx, {
    teamId,
    payload: reauthWebhookEvent(event, { teamId, occurredAt: now, request: { ...request, state } }),
    dedupeKey: `webhook:${event}:${request.id}`,
    now,
  });
}

function lapseJobKey(requestId: string): string {
  return `reauth.lapse:${requestId}`;
}

/**
 * Keeps one lapse job per request at the instant it lapses (`replace` moves a pending one), or drops it once
 * the request can no longer lapse. The job re-checks when it runs, so a stale one would do no harm either.
 */
export async function scheduleReauthLapse(
  tx: Db,
  { requestId, lapsesAt }: { requestId: string; lapsesAt: Date | null },
): Promise<void> {
  if (lapsesAt === null) await removeJob(tx, lapseJobKey(requestId));
  else await queueJob(tx, "reauth.lapse", { requestId }, { runAt: lapsesAt, jobKey: lapseJobKey(requestId) });
}

/** What a move needs to know of a request: its method (the table may depend on it) and its lapse inputs. */
export type MovableRequest = { method: ReauthMethod; deadline: Date | null; linkExpiresAt: Date | null };

export type MoveOptions = {
  /** The version the caller saw (operator actions); the move is refused if the request changed since. */
  expectedVersion?: number;
  /**
   * The hash of the link the caller holds: the move needs it to still be the current link. That it has not
   * expired is part of the request not having lapsed, which every move but expiry requires.
   */
  linkTokenHash?: string;
  changes?: ReauthMoveChanges;
};

/**
 * Moves the step's request by `event` if core's table allows it from the request's current state: the guarded
 * update re-checks the state (and version, link) in SQL, so of racing moves at most one happens. A lapsed
 * request can only expire (and only once lapsed). Stores when the request lapses in its new state and
 * schedules its lapse job. False when the guard refused.
 */
export async function moveReauthRequestBy(
  tx: Db,
  step: Step,
  event: ReauthTransitionEvent,
  request: MovableRequest,
  { expectedVersion, linkTokenHash, changes = {} }: MoveOptions = {},
): Promise<boolean> {
  const to = reauthEventTarget(event);
  const lapsesAt = reauthLapsesAt({
    state: to,
    deadline: request.deadline,
    linkExpiresAt: changes.linkExpiresAt !== undefined ? changes.linkExpiresAt : request.linkExpiresAt,
  });
  const moved = await moveReauthRequest(tx, {
    teamId: step.teamId,
    requestId: step.requestId,
    from: statesAllowing(event, request.method),
    to,
    guard: {
      version: expectedVersion,
      linkTokenHash,
      ...(event === "expire" ? { lapsedAt: step.now } : { notLapsedAt: step.now }),
    },
    changes: { ...changes, lapsesAt },
  });
  if (moved) await scheduleReauthLapse(tx, { requestId: step.requestId, lapsesAt });
  return moved;
}

/**
 * Why a guarded move did not happen, as an error: core's refusal for the state the request is in as of the
 * step (a lapsed request counts as expired), else a conflict with someone else's change.
 */
export async function explainRefusedMove(
  tx: Db,
  step: Step,
  event: ReauthTransitionEvent,
  expectedVersion?: number,
): Promise<never> {
  const current = await findReauthCoverage(tx, { teamId: step.teamId, requestId: step.requestId });
  const transition = reauthTransition(
    { state: reauthStateAt(current, step.now), method: current.method },
    event,
  );
  if (!transition.ok) throw new DomainError("INVALID_STATE", transition.message);
  if (expectedVersion !== undefined && current.version !== expectedVersion)
    throw new DomainError(
      "CONFLICT",
      `This request changed since you loaded it (version ${expectedVersion}, now ${current.version}, state ${current.state}). Reload and try again.`,
    );
  throw new DomainError("CONFLICT", "This request changed at the same moment. Reload and try again.");
}

/** {@link moveReauthRequestBy}, throwing {@link explainRefusedMove}'s error when the move is refused. */
export async function moveReauthRequestOrExplain(
  tx: Db,
  step: Step,
  event: ReauthTransitionEvent,
  request: MovableRequest,
  options: MoveOptions = {},
): Promise<void> {
  if (!(await moveReauthRequestBy(tx, step, event, request, options)))
    await explainRefusedMove(tx, step, event, options.expectedVersion);
}
