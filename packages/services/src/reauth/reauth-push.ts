/**
 * The connector's part of a re-auth: once a pasted credential is applied in the console, one `credential.push`
 * host job per covered profile (on gateways with an active host agent) carries it to the host's store; when every
 * push is applied the request moves `applied → pushed`, and a refused push moves it to `failed` with OpenClaw's
 * message. `verified` still comes from a later real report (`verifyReauthFromReport`).
 */
import { listProfilePushTargets } from "@clawfleet/db/auth-profile.repository";
import type { Db } from "@clawfleet/db/client";
import { type HostJobRecord, listHostJobs } from "@clawfleet/db/host-job.repository";
import { findReauthCoverage } from "@clawfleet/db/reauth.repository";
import { queueHostJob } from "../connector/host-job-queue";
import { SYSTEM_ACTOR } from "../service-context";
import { type Step, moveReauthRequestBy, recordStep } from "./reauth-steps";

/** `HostJob.originType` of the pushes of a re-auth request (`originId` is the request's id). */
export const REAUTH_PUSH_ORIGIN = "reauth_request";

/** More pushes than this per request is more profiles than a re-auth can cover on its page anyway. */
const MAX_PUSHES_READ = 1_000;

/**
 * Queues a push of the request's credential to each covered profile's host store; profiles on gateways without
 * an active host agent get none (their change stays in the console). Returns how many were queued.
 */
export async function queueReauthCredentialPushes(
  tx: Db,
  {
    teamId,
    requestId,
    authProfileIds,
    createdById,
    now,
  }: { teamId: string; requestId: string; authProfileIds: string[]; createdById: string | null; now: Date },
): Promise<number> {
  let queued = 0;
  for (const target of await listProfilePushTargets(tx, { teamId, authProfileIds })) {
    if (target.type === "oauth") continue;
    const job = await queueHostJob(tx, {
      teamId,
      gatewayId: target.gatewayId,
      payload: {
        kind: "credential.push",
        authProfileId: target.authProfileId,
        profileId: target.profileId,
        provider: target.provider,
        type: target.type,
        storeAgentKey: target.storeAgentKey,
        expiresAt: target.expires?.toISOString() ?? null,
        reauthRequestId: requestId,
      },
      origin: { type: REAUTH_PUSH_ORIGIN, id: requestId },
      createdById,
      now,
    });
    if (job) queued += 1;
  }
  return queued;
}

/** The profile id a push stored on the host: the host's own word when it gave one. */
function hostProfileIdOf(job: HostJobRecord): string {
  return job.result?.profileId ?? (job.payload.kind === "credential.push" ? job.payload.profileId : job.kind);
}

/**
 * Moves the request on after one of its pushes finished: `pushed` once all of them are applied (naming the
 * host's profile ids), `failed` with OpenClaw's message when one failed. A request that has moved on
 * (verified, cancelled, expired) is left alone.
 */
export async function recordReauthPushOutcome(
  tx: Db,
  { job, requestId, now }: { job: HostJobRecord; requestId: string; now: Date },
): Promise<void> {
  const request = await findReauthCoverage(tx, { teamId: job.teamId, requestId });
  const step: Step = {
    teamId: job.teamId,
    requestId,
    actor: SYSTEM_ACTOR,
    auditRequestId: `host-job:${job.id}`,
    now,
  };
  if (job.state === "failed") {
    if (await moveReauthRequestBy(tx, step, "fail", request))
      await recordStep(tx, step, {
        kind: "failed",
        action: "reauth.fail",
        detail: {
          profileId: hostProfileIdOf(job),
          code: job.error?.code ?? null,
          message: job.error?.message ?? null,
          source: job.error?.source ?? null,
          hostJobId: job.id,
        },
      });
    return;
  }
  if (job.state !== "applied") return;
  const pushes = await listHostJobs(tx, {
    teamId: job.teamId,
    origin: { type: REAUTH_PUSH_ORIGIN, id: requestId },
    limit: MAX_PUSHES_READ,
  });
  if (!pushes.every((push) => push.state === "applied")) return;
  if (await moveReauthRequestBy(tx, step, "push", request))
    await recordStep(tx, step, {
      kind: "pushed",
      action: "reauth.push",
      detail: {
        profiles: pushes.map(hostProfileIdOf),
        summaries: pushes.map((push) => push.result?.summary ?? null),
        hostJobIds: pushes.map((push) => push.id),
      },
    });
}
