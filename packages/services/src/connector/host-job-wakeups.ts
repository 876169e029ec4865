/**
 * Waking held polls. Each console process keeps ONE LISTEN connection (channels `clawfleet_host_jobs`, told a
 * gateway id when one of its jobs becomes deliverable, and `clawfleet_host_agents`, told an agent id when it is
 * revoked) and fans the notifications out to the polls it holds in memory. Whichever instance queues a job, the
 * instance holding that gateway's poll wakes: no sticky sessions.
 */
import { HOST_AGENT_REVOKED_CHANNEL } from "@clawfleet/db/host-agent.repository";
import { HOST_JOBS_CHANNEL } from "@clawfleet/db/host-job.repository";
import { listenForNotifications } from "@clawfleet/db/notification-listener";

/** Why a wait ended: a job may be deliverable, the agent was revoked, the time ran out, or the caller gave up. */
export type WakeReason = "jobs" | "revoked" | "timeout" | "aborted";

export type WaitOptions = { signal?: AbortSignal; timeoutMs: number };

/**
 * Interest in one gateway's jobs, registered before the caller looks for a job, so a notification that arrives
 * between the look and the wait is not lost: `next` then resolves at once.
 */
export type HostJobSubscription = {
  next(options: WaitOptions): Promise<WakeReason>;
  cancel(): void;
};

export type HostJobWakeups = {
  subscribe(gatewayId: string, hostAgentId: string): HostJobSubscription;
  /** Subscribes, waits once, and cancels. */
  waitForHostJobs(gatewayId: string, hostAgentId: string, options: WaitOptions): Promise<WakeReason>;
  /** Resolves once the LISTEN is in place. */
  ready: Promise<void>;
  close(): Promise<void>;
};

type Waiter = {
  gatewayId: string;
  hostAgentId: string;
  /** A reason that arrived while nobody was waiting on `next`. */
  pending: WakeReason | null;
  wake: ((reason: WakeReason) => void) | null;
};

export function createHostJobWakeups(
  connectionString: string,
  { onConnectionError }: { onConnectionError?: (error: unknown) => void } = {},
): HostJobWakeups {
  const waiters = new Set<Waiter>();

  const signal = (waiter: Waiter, reason: WakeReason) => {
    // why: a revocation outranks a job notification that is still pending.
    if (waiter.wake) waiter.wake(reason);
    else if (waiter.pending !== "revoked") waiter.pending = reason;
  };

  const listener = listenForNotifications(connectionString, {
    channels: [HOST_JOBS_CHANNEL, HOST_AGENT_REVOKED_CHANNEL],
    onNotification: (channel, payload) => {
      for (const waiter of waiters) {
        if (channel === HOST_JOBS_CHANNEL && waiter.gatewayId === payload) signal(waiter, "jobs");
        if (channel === HOST_AGENT_REVOKED_CHANNEL && waiter.hostAgentId === payload)
          signal(waiter, "revoked");
      }
    },
    // why: notifications sent while the connection was down are lost; every poll looks again.
    onReconnect: () => {
      for (const waiter of waiters) signal(waiter, "jobs");
    },
    onConnectionError,
  });

  const subscribe = (gatewayId: string, hostAgentId: string): HostJobSubscription => {
    const waiter: Waiter = { gatewayId, hostAgentId, pending: null, wake: null };
    waiters.add(waiter);
    return {
      next: ({ signal: abort, timeoutMs }) => {
        if (waiter.pending) {
          const reason = waiter.pending;
          waiter.pending = null;
          return Promise.resolve(reason);
        }
        if (abort?.aborted) return Promise.resolve("aborted");
        return new Promise<WakeReason>((resolve) => {
          const finish = (reason: WakeReason) => {
            clearTimeout(timer);
            abort?.removeEventListener("abort", onAbort);
            waiter.wake = null;
            resolve(reason);
          };
          const onAbort = () => finish("aborted");
          const timer = setTimeout(() => finish("timeout"), Math.max(0, timeoutMs));
          abort?.addEventListener("abort", onAbort, { once: true });
          waiter.wake = finish;
        });
      },
      cancel: () => {
        waiter.wake?.("aborted");
        waiters.delete(waiter);
      },
    };
  };

  return {
    subscribe,
    async waitForHostJobs(gatewayId, hostAgentId, options) {
      const subscription = subscribe(gatewayId, hostAgentId);
      try {
        return await subscription.next(options);
      } finally {
        subscription.cancel();
      }
    },
    ready: listener.ready,
    async close() {
      for (const waiter of waiters) waiter.wake?.("aborted");
      waiters.clear();
      await listener.close();
    },
  };
}
