/**
 * One long-poll of a host agent: deliver at once if a job is ready, else hold until a job of the gateway may be
 * deliverable (a NOTIFY from any instance, or the head job's backoff or lease running out), the agent is revoked,
 * or the hold ends; then answer with what there is.
 */
import type { HostJobDelivery } from "@clawfleet/core/connector/host-jobs";
import type { ServiceDeps } from "../service-context";
import type { AuthenticatedHostAgent } from "./host-agent-credentials";
import type { HostJobWakeups } from "./host-job-wakeups";
import { deliverHostJobs } from "./host-jobs";

export type PollOutcome = { kind: "jobs"; jobs: HostJobDelivery[] } | { kind: "revoked" };

/** A wait never shorter than this, so a job that is due but momentarily locked is not polled in a tight loop. */
const MIN_WAIT_MS = 250;

export async function pollHostJobs(
  deps: Pick<ServiceDeps, "db" | "secretBox" | "now">,
  wakeups: HostJobWakeups,
  agent: AuthenticatedHostAgent,
  { resumed, holdMs, signal }: { resumed: boolean; holdMs: number; signal?: AbortSignal },
): Promise<PollOutcome> {
  // why: the hold is measured on the monotonic clock; `deps.now` is the domain clock (fixed in tests).
  const holdEnds = performance.now() + holdMs;
  const subscription = wakeups.subscribe(agent.gatewayId, agent.hostAgentId);
  try {
    let firstLook = true;
    for (;;) {
      const delivery = await deliverHostJobs(deps, agent, { resumed: resumed && firstLook });
      firstLook = false;
      if (!delivery) return { kind: "revoked" };
      if (delivery.jobs.length > 0) return { kind: "jobs", jobs: delivery.jobs };
      const left = holdEnds - performance.now();
      if (left <= 0 || signal?.aborted) return { kind: "jobs", jobs: [] };
      const untilDue = delivery.nextDueAt ? delivery.nextDueAt.getTime() - deps.now().getTime() : Infinity;
      const reason = await subscription.next({
        signal,
        timeoutMs: Math.min(left, Math.max(MIN_WAIT_MS, untilDue)),
      });
      if (reason === "revoked") return { kind: "revoked" };
      if (reason === "aborted") return { kind: "jobs", jobs: [] };
    }
  } finally {
    subscription.cancel();
  }
}
