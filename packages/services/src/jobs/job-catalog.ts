/**
 * Every task the worker runs, with the shape of its payload. A payload holds ids (and at most names), never
 * a secret: the task reads what it needs from the database. Use cases queue jobs through `queueJob`, inside
 * the transaction of the change the job follows; the worker validates each payload against this catalog
 * before running its task, so a malformed job fails loudly instead of acting on a guess.
 */
import { z } from "zod";
import type { Db } from "@clawfleet/db/client";
import { type QueuedJob, enqueueJob } from "@clawfleet/db/job-queue";

const id = z.uuid();

export const JOB_PAYLOADS = {
  /** Deliver one webhook outbox row (and schedule its retry if the receiver fails). */
  "webhook.deliver": z.object({ outboxJobId: id }),
  /** Backstop: queue deliveries for due webhook rows that have no job (run by cron every minute). */
  "webhook.sweep": z.looseObject({}),
  /** Expire one re-auth request at the instant it lapses, if it is still open then (job key per request). */
  "reauth.lapse": z.object({ requestId: id }),
  /** Send one re-auth request's "deadline near" reminder (timeline entry and webhook), if it is still open. */
  "reauth.remind": z.object({ requestId: id }),
  /** Backstop: expire lapsed requests and send due reminders whose job was lost (run by cron every minute). */
  "reauth.sweep": z.looseObject({}),
  /** Unpack, check and plan an import run's stored upload, and record the preview (or the refusal). */
  "imports.preview": z.object({ importRunId: id }),
  /** Re-plan a confirmed import run and write it in one transaction (refused if the plan moved). */
  "imports.commit": z.object({ importRunId: id }),
  /** Fail stalled and day-old import runs and delete uploads nothing will read again (cron). */
  "imports.sweep": z.looseObject({}),
  /** Apply a bulk edit run agent by agent, recording each agent's outcome. */
  "bulk_edits.apply": z.object({ bulkEditRunId: id }),
  /** Recompute a gateway's stored statuses (job key per gateway: bursts of changes collapse into one). */
  "statuses.refresh_gateway": z.object({ teamId: id, gatewayId: id }),
  /** Backstop: queue refreshes for stale or expired stored statuses and agents without one (cron). */
  "statuses.sweep": z.looseObject({}),
  /** Backstop: wake polls of gateways whose next host job became deliverable by the clock, and delete spent enrolments (cron). */
  "host_jobs.sweep": z.looseObject({}),
  /** Delete spent throttle buckets (sign-in, anonymous calls, bad tokens) (cron). */
  "throttles.sweep": z.looseObject({}),
  /** Housekeeping: delete session rows past their expiry (cron, hourly). */
  "sessions.sweep": z.looseObject({}),
} as const;

export type JobName = keyof typeof JOB_PAYLOADS;
export type JobPayload<Name extends JobName> = z.infer<(typeof JOB_PAYLOADS)[Name]>;
export type JobOptions = Omit<QueuedJob, "task" | "payload">;

/** Queues `name` through `db` (a transaction: the job then exists only if the change commits). */
export async function queueJob<Name extends JobName>(
  db: Db,
  name: Name,
  payload: JobPayload<Name>,
  options: JobOptions = {},
): Promise<void> {
  await enqueueJob(db, { task: name, payload: JOB_PAYLOADS[name].parse(payload), ...options });
}

/** The payload of a job the worker picked up, checked against the catalog. */
export function parseJobPayload<Name extends JobName>(name: Name, payload: unknown): JobPayload<Name> {
  return JOB_PAYLOADS[name].parse(payload ?? {}) as JobPayload<Name>;
}
