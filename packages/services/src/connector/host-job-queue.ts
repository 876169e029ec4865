/**
 * Queuing a host job: inside the transaction of the edit it carries out, so it exists only if the edit commits,
 * and only for a gateway with an active host agent.
 */
import { type HostJobPayload, hostJobPayloadSchema } from "@clawfleet/core/connector/host-jobs";
import { DomainError } from "@clawfleet/core/domain-error";
import type { Db } from "@clawfleet/db/client";
import { hasActiveHostAgent } from "@clawfleet/db/host-agent.repository";
import { type HostJobOrigin, type HostJobRecord, insertHostJob } from "@clawfleet/db/host-job.repository";

export type QueueHostJob = {
  teamId: string;
  gatewayId: string;
  payload: HostJobPayload;
  origin: HostJobOrigin;
  createdById: string | null;
  now: Date;
};

/**
 * Queues a job for the gateway's host agent inside the caller's transaction (it exists only if the edit
 * commits) and wakes a waiting poll. Returns null and writes nothing when the gateway has no active agent: the
 * caller then shows the change as "not applied on the host".
 */
export async function queueHostJob(tx: Db, job: QueueHostJob): Promise<HostJobRecord | null> {
  const parsed = hostJobPayloadSchema.safeParse(job.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError(
      "INVALID_INPUT",
      `Not a valid host job: ${issue?.message ?? "unknown problem"}`,
      issue ? `payload.${issue.path.join(".")}` : "payload",
    );
  }
  if (!(await hasActiveHostAgent(tx, { teamId: job.teamId, gatewayId: job.gatewayId }))) return null;
  return insertHostJob(tx, { ...job, payload: parsed.data });
}
