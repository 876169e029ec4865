/**
 * Re-auth on the clock, run by the worker: a request expires at the instant it lapses (its `reauth.lapse` job,
 * queued whenever its lapse instant is set or moves), an open request with a deadline is reminded a day before
 * it (its `reauth.remind` job, queued when it is requested), and a cron sweep every minute catches anything
 * whose job was lost. Each re-checks in its own transaction, so a late, repeated or concurrent run changes
 * nothing twice. Reads never do any of this: they show a lapsed request as expired (core `reauthViewAt`).
 */
import {
  OPEN_REAUTH_STATES,
  reauthDeadlineHorizon,
  reauthLapse,
  reauthLapsesAt,
  reauthReminderAt,
} from "@clawfleet/core/reauth/reauth-request";
import { type Db, inTransaction } from "@clawfleet/db/client";
import {
  findScheduledReauthRequest,
  listDueReauthReminderIds,
  listLapsedReauthRequestIds,
  markReauthReminded,
} from "@clawfleet/db/reauth.repository";
import { queueJob } from "../jobs/job-catalog";
import { SYSTEM_ACTOR, type ServiceDeps } from "../service-context";
import {
  type Step,
  moveReauthRequestBy,
  queueReauthWebhook,
  recordStep,
  scheduleReauthLapse,
} from "./reauth-steps";

/** Requests a sweep handles at most per kind and run; the next minute's run takes the rest. */
const SWEEP_LIMIT = 500;

function reminderJobKey(requestId: string): string {
  return `reauth.remind:${requestId}`;
}

/** Queues the deadline reminder of a request with a deadline, a day before it (at once if that is past). */
export async function scheduleReauthReminder(
  tx: Db,
  { requestId, deadline }: { requestId: string; deadline: Date | null },
): Promise<void> {
  const remindAt = reauthReminderAt(deadline);
  if (remindAt)
    await queueJob(
      tx,
      "reauth.remind",
      { requestId },
      { runAt: remindAt, jobKey: reminderJobKey(requestId) },
    );
}

export type LapseOutcome = "expired" | "not lapsed" | "rescheduled";

/**
 * Expires one request if it is still open and has lapsed at `now` (core `reauthLapse`), with its timeline entry,
 * audit row and `reauth.expired` webhook, in one transaction whose guarded update re-checks both. A request
 * whose lapse is still ahead by this clock (a job woken a moment early) gets its job again for that instant.
 */
export async function expireLapsedReauthRequest(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { requestId, auditRequestId }: { requestId: string; auditRequestId: string },
): Promise<LapseOutcome> {
  const now = clock();
  const request = await findScheduledReauthRequest(db, { requestId });
  if (!request) return "not lapsed";
  const reason = reauthLapse(request, now);
  if (reason === null) {
    const lapsesAt = reauthLapsesAt(request);
    if (lapsesAt === null) return "not lapsed";
    await scheduleReauthLapse(db, { requestId, lapsesAt });
    return "rescheduled";
  }
  return inTransaction(db, async (tx) => {
    const step: Step = { teamId: request.teamId, requestId, actor: SYSTEM_ACTOR, auditRequestId, now };
    if (!(await moveReauthRequestBy(tx, step, "expire", request, { changes: { expiredAt: now } })))
      return "not lapsed";
    await recordStep(tx, step, {
      kind: "expired",
      action: "reauth.expire",
      detail: {
        reason:
          reason === "deadline"
            ? `The deadline (${request.deadline?.toISOString() ?? "?"}) passed before the credential was applied.`
            : `The link expired unused (${request.linkExpiresAt?.toISOString() ?? "?"}).`,
      },
    });
    await queueReauthWebhook(tx, { teamId: request.teamId, now }, "reauth.expired", "expired", request);
    return "expired";
  });
}

export type ReminderOutcome = "reminded" | "skipped" | "rescheduled";

/**
 * Sends one request's "deadline near" reminder: a `reminded` timeline entry, its audit row and the team's
 * `reauth.deadline_near` webhook, at most once, and only while the request is open (not lapsed) and its
 * deadline within the warning window. One woken before its time by this clock is queued again for it.
 */
export async function remindReauthDeadline(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { requestId, auditRequestId }: { requestId: string; auditRequestId: string },
): Promise<ReminderOutcome> {
  const now = clock();
  const reminded = await inTransaction(db, async (tx) => {
    const marked = await markReauthReminded(tx, {
      requestId,
      open: { states: OPEN_REAUTH_STATES, at: now },
      deadlineBefore: reauthDeadlineHorizon(now),
    });
    const request = marked ? await findScheduledReauthRequest(tx, { requestId }) : null;
    if (!request) return false;
    const step: Step = { teamId: request.teamId, requestId, actor: SYSTEM_ACTOR, auditRequestId, now };
    await recordStep(tx, step, {
      kind: "reminded",
      action: "reauth.remind",
      detail: { deadline: request.deadline },
    });
    await queueReauthWebhook(
      tx,
      { teamId: request.teamId, now },
      "reauth.deadline_near",
      request.state,
      request,
    );
    return true;
  });
  if (reminded) return "reminded";
  // Not marked: already reminded, no longer open or lapsed (nothing to do), or not due yet by this clock.
  const request = await findScheduledReauthRequest(db, { requestId });
  if (request?.remindedAt !== null || !OPEN_REAUTH_STATES.includes(request.state)) return "skipped";
  const remindAt = reauthReminderAt(request.deadline);
  if (remindAt === null || remindAt.getTime() <= now.getTime()) return "skipped";
  await scheduleReauthReminder(db, { requestId, deadline: request.deadline });
  return "rescheduled";
}

/**
 * The cron backstop: expires every request whose lapse is due and sends every due reminder, in case a job was
 * lost (rows written before lapses ran on the queue, a job that failed for good). Bounded per run.
 */
export async function sweepReauthSchedule(
  deps: Pick<ServiceDeps, "db" | "now">,
  { auditRequestId }: { auditRequestId: string },
): Promise<{ expired: number; reminded: number }> {
  const now = deps.now();
  const atNow = { ...deps, now: () => now };
  let expired = 0;
  for (const requestId of await listLapsedReauthRequestIds(deps.db, { now, limit: SWEEP_LIMIT }))
    if ((await expireLapsedReauthRequest(atNow, { requestId, auditRequestId })) === "expired") expired += 1;
  let reminded = 0;
  const due = await listDueReauthReminderIds(deps.db, {
    open: { states: OPEN_REAUTH_STATES, at: now },
    deadlineBefore: reauthDeadlineHorizon(now),
    limit: SWEEP_LIMIT,
  });
  for (const requestId of due)
    if ((await remindReauthDeadline(atNow, { requestId, auditRequestId })) === "reminded") reminded += 1;
  return { expired, reminded };
}
