/**
 * Host jobs from the console's side: queuing one in the transaction of the edit it carries out, handing them to
 * the gateway's agent one at a time and in order, recording the agent's answer, and the operator's retry and
 * cancel. A credential push gains its secret only in the delivery, decrypted at that moment; the job row, its
 * payload, logs and errors never hold it.
 */
import { HOST_JOB_LEASE_MS } from "@clawfleet/core/connector/host-channel";
import { hostJobRetryDelayMs } from "@clawfleet/core/connector/host-job-backoff";
import {
  type HostJobDelivery,
  type HostJobError,
  type HostJobOutcome,
  type HostJobPayload,
} from "@clawfleet/core/connector/host-jobs";
import { redactCredentialStrings } from "@clawfleet/core/audit/redact-secrets";
import { DomainError } from "@clawfleet/core/domain-error";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { readSecretForGatewayPush } from "@clawfleet/db/auth-profile.repository";
import { type Db, inTransaction } from "@clawfleet/db/client";
import {
  deleteSpentHostEnrolments,
  findLatestHostAgentOfGateway,
  isHostAgentActive,
} from "@clawfleet/db/host-agent.repository";
import {
  type HostJobFinish,
  type HostJobOrigin,
  type HostJobRecord,
  cancelQueuedHostJob,
  claimNextHostJob,
  failHostJob,
  findHostJob,
  findNextHostJobDueAt,
  finishHostJobDelivery,
  listGatewaysWithDeliverableJobs,
  listHostJobs as listHostJobRows,
  notifyHostJobsDeliverable,
  releaseJobsHeldBy,
  requeueFailedHostJob,
  summarizeGatewayJobs,
} from "@clawfleet/db/host-job.repository";
import { findGatewayById } from "@clawfleet/db/gateway.repository";
import { recordReauthPushOutcome } from "../reauth/reauth-push";
import type { Caller, ServiceDeps, TeamScope } from "../service-context";
import type { AuthenticatedHostAgent } from "./host-agent-credentials";

/** A host agent counts as connected when it called within this long (a held poll renews every 25 s). */
export const HOST_AGENT_CONNECTED_WITHIN_MS = 60_000;

export type GatewayConnection = {
  /** `never`: no agent ever enrolled or the last one was revoked; `connected`: it called within a minute. */
  state: "never" | "connected" | "disconnected" | "revoked";
  hostAgent: {
    id: string;
    version: number;
    agentVersion: string;
    openclawVersion: string | null;
    hostname: string;
    credentialHint: string;
    enrolledAt: Date;
    lastSeenAt: Date | null;
    rotatedAt: Date | null;
    revokedAt: Date | null;
  } | null;
  pendingJobs: number;
  lastError: { jobId: string; kind: string; code: string; message: string; at: Date } | null;
};

/** The Gateways page's view of a gateway's host agent; no secret (the hint is 4 of 47 characters). */
export async function gatewayConnection(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  { teamId }: TeamScope,
  { gatewayId }: { gatewayId: string },
): Promise<GatewayConnection> {
  if (!(await findGatewayById(db, { teamId, gatewayId })))
    throw new DomainError("NOT_FOUND", "Gateway not found.");
  const agent = await findLatestHostAgentOfGateway(db, { teamId, gatewayId });
  const jobs = await summarizeGatewayJobs(db, { teamId, gatewayId });
  const state: GatewayConnection["state"] = !agent
    ? "never"
    : agent.revokedAt
      ? "revoked"
      : agent.lastSeenAt && now().getTime() - agent.lastSeenAt.getTime() <= HOST_AGENT_CONNECTED_WITHIN_MS
        ? "connected"
        : "disconnected";
  return {
    state,
    hostAgent: agent
      ? {
          id: agent.id,
          version: agent.version,
          agentVersion: agent.agentVersion,
          openclawVersion: agent.openclawVersion,
          hostname: agent.hostname,
          credentialHint: agent.credentialHint,
          enrolledAt: agent.enrolledAt,
          lastSeenAt: agent.lastSeenAt,
          rotatedAt: agent.rotatedAt,
          revokedAt: agent.revokedAt,
        }
      : null,
    pendingJobs: jobs.pending,
    lastError: jobs.lastError
      ? {
          jobId: jobs.lastError.jobId,
          kind: jobs.lastError.kind,
          code: jobs.lastError.error.code,
          message: jobs.lastError.error.message,
          at: jobs.lastError.at,
        }
      : null,
  };
}

const PUSHED_SECRET_FIELD = { api_key: "key", token: "token" } as const;

/** The plaintext a credential push carries, or an error to fail the job with (never naming the secret). */
async function pushedSecret(
  tx: Db,
  secretBox: ServiceDeps["secretBox"],
  job: HostJobRecord & { payload: Extract<HostJobPayload, { kind: "credential.push" }> },
): Promise<{ secret: string } | { error: HostJobError }> {
  const { authProfileId, profileId, type } = job.payload;
  try {
    const secret = await readSecretForGatewayPush(tx, secretBox, {
      teamId: job.teamId,
      authProfileId,
      field: PUSHED_SECRET_FIELD[type],
    });
    if (secret !== null) return { secret };
  } catch (error) {
    return {
      error: {
        code: "credential_unreadable",
        message: `The console could not decrypt the credential of ${profileId} (${error instanceof Error ? error.name : "error"}); paste it again through a re-auth.`,
        source: "clawfleet",
      },
    };
  }
  return {
    error: {
      code: "credential_missing",
      message: `The console no longer holds a ${type === "token" ? "token" : "key"} for ${profileId} (the profile was removed or changed type); start a new re-auth.`,
      source: "clawfleet",
    },
  };
}

export type Delivery = {
  jobs: HostJobDelivery[];
  /** When the gateway's next job becomes deliverable by the clock (backoff or lease end), if one is waiting. */
  nextDueAt: Date | null;
};

/**
 * Hands the gateway's next deliverable job to the agent: a new delivery (attempt + 1) leased for
 * `HOST_JOB_LEASE_MS`. With `resumed`, jobs still leased to this agent are released first (it restarted
 * mid-job). A credential push whose secret is gone is failed, and the next job is tried. Null when the agent
 * has been revoked meanwhile.
 */
export async function deliverHostJobs(
  { db, secretBox, now: clock }: Pick<ServiceDeps, "db" | "secretBox" | "now">,
  agent: AuthenticatedHostAgent,
  { resumed }: { resumed: boolean },
): Promise<Delivery | null> {
  const now = clock();
  return inTransaction(db, async (tx) => {
    if (!(await isHostAgentActive(tx, agent.hostAgentId))) return null;
    if (resumed) await releaseJobsHeldBy(tx, { hostAgentId: agent.hostAgentId, now });
    for (;;) {
      const job = await claimNextHostJob(tx, {
        gatewayId: agent.gatewayId,
        hostAgentId: agent.hostAgentId,
        now,
        leaseUntil: new Date(now.getTime() + HOST_JOB_LEASE_MS),
      });
      if (!job)
        return { jobs: [], nextDueAt: await findNextHostJobDueAt(tx, { gatewayId: agent.gatewayId }) };
      const delivery: HostJobDelivery = { jobId: job.id, attempt: job.attempt, payload: job.payload };
      if (job.payload.kind !== "credential.push") return { jobs: [delivery], nextDueAt: null };
      const pushed = await pushedSecret(tx, secretBox, { ...job, payload: job.payload });
      if ("secret" in pushed) return { jobs: [{ ...delivery, secret: pushed.secret }], nextDueAt: null };
      await failHostJob(tx, { jobId: job.id, error: pushed.error, now });
      await afterJobFinished(tx, { ...job, state: "failed", error: pushed.error }, now);
    }
  });
}

/** Follow-ups of a finished job in the same transaction: a credential push moves its re-auth request on. */
async function afterJobFinished(tx: Db, job: HostJobRecord, now: Date): Promise<void> {
  if (job.payload.kind === "credential.push" && job.payload.reauthRequestId)
    await recordReauthPushOutcome(tx, { job, requestId: job.payload.reauthRequestId, now });
}

/** Host-supplied text is stored and shown; a credential-looking string in it is replaced first. */
function storedError(error: HostJobError): HostJobError {
  return redactCredentialStrings(error) as HostJobError;
}

/**
 * The agent's answer for one delivery. Only the agent holding the job at that attempt may answer; anything else
 * is refused (CONFLICT) and changes nothing. `retry` queues the job again after core's backoff.
 */
export async function recordHostJobOutcome(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  agent: AuthenticatedHostAgent,
  jobId: string,
  { attempt, outcome }: { attempt: number; outcome: HostJobOutcome },
  { jitter = Math.random() }: { jitter?: number } = {},
): Promise<HostJobRecord> {
  const now = clock();
  return inTransaction(db, async (tx) => {
    const job = await findHostJob(tx, { teamId: agent.teamId, jobId });
    if (job?.gatewayId !== agent.gatewayId)
      throw new DomainError("NOT_FOUND", "No such job for this gateway.");
    const finish: HostJobFinish =
      outcome.status === "applied"
        ? {
            state: "applied",
            result: redactCredentialStrings(outcome.result) as typeof outcome.result,
            finishedAt: now,
          }
        : outcome.status === "failed"
          ? { state: "failed", error: storedError(outcome.error), finishedAt: now }
          : {
              state: "queued",
              error: storedError(outcome.error),
              availableAt: new Date(now.getTime() + hostJobRetryDelayMs(job.failures + 1, jitter)),
            };
    const finished = await finishHostJobDelivery(tx, {
      jobId,
      hostAgentId: agent.hostAgentId,
      attempt,
      finish,
    });
    if (!finished)
      throw new DomainError(
        "CONFLICT",
        `This answer is for delivery ${attempt} of the job, which is no longer the one this agent holds (the job is ${job.state}, delivery ${job.attempt}); it was ignored.`,
      );
    if (finished.state !== "queued") await afterJobFinished(tx, finished, now);
    return finished;
  });
}

export type HostJobView = {
  id: string;
  gatewayId: string;
  kind: HostJobRecord["kind"];
  state: HostJobRecord["state"];
  attempt: number;
  failures: number;
  availableAt: Date;
  origin: HostJobOrigin;
  result: HostJobRecord["result"];
  error: HostJobRecord["error"];
  createdAt: Date;
  sentAt: Date | null;
  finishedAt: Date | null;
};

function toView(job: HostJobRecord): HostJobView {
  return {
    id: job.id,
    gatewayId: job.gatewayId,
    kind: job.kind,
    state: job.state,
    attempt: job.attempt,
    failures: job.failures,
    availableAt: job.availableAt,
    origin: job.origin,
    result: job.result,
    error: job.error,
    createdAt: job.createdAt,
    sentAt: job.sentAt,
    finishedAt: job.finishedAt,
  };
}

/** Jobs of a gateway or of an origin (e.g. one re-auth request), newest first, a page at a time. */
export async function listHostJobs(
  { db }: Pick<ServiceDeps, "db">,
  { teamId }: TeamScope,
  query: ({ gatewayId: string } | { origin: HostJobOrigin }) & { beforeJobId?: string; limit: number },
): Promise<{ jobs: HostJobView[]; nextBeforeJobId: string | null }> {
  if ("gatewayId" in query && !(await findGatewayById(db, { teamId, gatewayId: query.gatewayId })))
    throw new DomainError("NOT_FOUND", "Gateway not found.");
  const rows = await listHostJobRows(db, {
    teamId,
    ...("gatewayId" in query ? { gatewayId: query.gatewayId } : { origin: query.origin }),
    beforeJobId: query.beforeJobId,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    jobs: page.map(toView),
    nextBeforeJobId: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

async function jobOfTeam(db: Db, teamId: string, jobId: string): Promise<HostJobRecord> {
  const job = await findHostJob(db, { teamId, jobId });
  if (!job) throw new DomainError("NOT_FOUND", "Host job not found.");
  return job;
}

/**
 * An operator's move of one job (retry or cancel): the move happens only from the state it allows, otherwise
 * INVALID_STATE naming the job's state; audited, and answered with the job as it now is.
 */
function moveHostJob(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  jobId: string,
  move: {
    action: "host_job.retry" | "host_job.cancel";
    to: "queued" | "cancelled";
    refusal: string;
    apply: (tx: Db, job: { teamId: string; jobId: string; now: Date }) => Promise<boolean>;
    afterwards?: (tx: Db, before: HostJobRecord) => Promise<void>;
  },
): Promise<HostJobView> {
  const now = clock();
  return inTransaction(db, async (tx) => {
    const before = await jobOfTeam(tx, caller.teamId, jobId);
    if (!(await move.apply(tx, { teamId: caller.teamId, jobId, now })))
      throw new DomainError("INVALID_STATE", `${move.refusal}; this one is ${before.state}.`);
    await move.afterwards?.(tx, before);
    await recordAuditEvent(tx, {
      ...caller,
      action: move.action,
      target: { type: "host_job", id: jobId },
      before: { state: before.state, kind: before.kind, error: before.error?.code ?? null },
      after: { state: move.to },
    });
    return toView(await jobOfTeam(tx, caller.teamId, jobId));
  });
}

/** A failed job queued again (at the back of its gateway's line); refused unless it is failed. */
export function retryHostJob(
  deps: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  { jobId }: { jobId: string },
): Promise<HostJobView> {
  return moveHostJob(deps, caller, jobId, {
    action: "host_job.retry",
    to: "queued",
    refusal: "Only a failed job can be retried",
    apply: requeueFailedHostJob,
  });
}

/** A job that is still queued, cancelled; one the host holds (sent) or finished cannot be. */
export function cancelHostJob(
  deps: Pick<ServiceDeps, "db" | "now">,
  caller: Caller,
  { jobId }: { jobId: string },
): Promise<HostJobView> {
  return moveHostJob(deps, caller, jobId, {
    action: "host_job.cancel",
    to: "cancelled",
    refusal: "Only a queued job can be cancelled",
    apply: cancelQueuedHostJob,
    // why: the next job of the gateway may be deliverable now that this one is out of the way.
    afterwards: (tx, before) => notifyHostJobsDeliverable(tx, before.gatewayId),
  });
}

/** Enrolment rows are kept this long after they were used or expired (for the audit's sake), then deleted. */
const SPENT_ENROLMENT_RETENTION_MS = 24 * 60 * 60_000;

/**
 * The connector's backstop (cron, every minute): wakes polls, on any instance, of gateways whose next job became
 * deliverable by the clock (a backoff elapsed, a lease ran out), and deletes day-old spent enrolment tokens.
 */
export async function sweepHostConnector({ db, now: clock }: Pick<ServiceDeps, "db" | "now">) {
  const now = clock();
  const gatewayIds = await listGatewaysWithDeliverableJobs(db, { now });
  for (const gatewayId of gatewayIds) await notifyHostJobsDeliverable(db, gatewayId);
  const cutoff = new Date(now.getTime() - SPENT_ENROLMENT_RETENTION_MS);
  const deletedEnrolments = await deleteSpentHostEnrolments(db, {
    usedBefore: cutoff,
    expiredBefore: cutoff,
  });
  return { notifiedGateways: gatewayIds.length, deletedEnrolments };
}
