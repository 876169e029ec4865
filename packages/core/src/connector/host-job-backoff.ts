// Backoff for the connector: how long a job that could not be applied now waits before its next delivery, and how
// long an agent waits before it dials the console again. Jitter is the caller's random number in [0, 1), so the
// rule stays pure and testable; it spreads a fleet of agents that lost the console at the same instant.

const JOB_RETRY_BASE_MS = 5_000;
const JOB_RETRY_MAX_MS = 5 * 60_000;
const RECONNECT_BASE_MS = 1_000;
const RECONNECT_MAX_MS = 60_000;

function exponential(baseMs: number, maxMs: number, failures: number, jitter: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  // "Equal jitter": at least half the step, so a retry never fires at once, and at most the whole step.
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(Math.max(jitter, 0), 1));
}

/** Delay before the next delivery of a job after its `failures`-th retryable failure (1, 2, …). */
export function hostJobRetryDelayMs(failures: number, jitter: number): number {
  return exponential(JOB_RETRY_BASE_MS, JOB_RETRY_MAX_MS, failures, jitter);
}

/** Delay before the agent's next attempt to reach the console after `failures` failed attempts in a row. */
export function reconnectDelayMs(failures: number, jitter: number): number {
  return exponential(RECONNECT_BASE_MS, RECONNECT_MAX_MS, failures, jitter);
}
