/**
 * When a webhook delivery that failed is tried again: 30 s after the first failure, doubling up to an hour,
 * eight attempts in all (about two and a quarter hours end to end). A redirect, a non-2xx answer, a refused
 * connection and a timeout all count as failures; the receiver must answer 2xx.
 */
export const WEBHOOK_MAX_ATTEMPTS = 8;
export const WEBHOOK_FIRST_RETRY_MS = 30_000;
export const WEBHOOK_MAX_RETRY_MS = 3_600_000;

export type WebhookRetrySchedule = { firstRetryMs: number; maxRetryMs: number; maxAttempts: number };

export const DEFAULT_WEBHOOK_RETRY: WebhookRetrySchedule = {
  firstRetryMs: WEBHOOK_FIRST_RETRY_MS,
  maxRetryMs: WEBHOOK_MAX_RETRY_MS,
  maxAttempts: WEBHOOK_MAX_ATTEMPTS,
};

/**
 * After `failedAttempts` failures (1 for the first), the instant of the next attempt, or null when the
 * delivery gives up.
 */
export function nextWebhookAttemptAt(
  failedAttempts: number,
  failedAt: Date,
  schedule: WebhookRetrySchedule = DEFAULT_WEBHOOK_RETRY,
): Date | null {
  if (failedAttempts >= schedule.maxAttempts) return null;
  const delay = Math.min(schedule.firstRetryMs * 2 ** Math.max(0, failedAttempts - 1), schedule.maxRetryMs);
  return new Date(failedAt.getTime() + delay);
}
