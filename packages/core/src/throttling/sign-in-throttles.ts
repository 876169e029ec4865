import { describeRetryDelay, progressivePolicy } from "./throttle-policy";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Password sign-in limits (findings 2 and 5, checklist B8.1). Nothing ever locks an account outright: past a few
 * free attempts each one doubles the wait before the next, up to 15 minutes. A browser that has signed in to
 * the account before (it holds a signed device cookie) has its own, larger allowance, so guesses from elsewhere
 * slow down only the unknown devices, never the owner's. Every attempt from an unknown device also counts
 * against its IP address, so spraying one password over many emails is slowed too.
 */
export const SIGN_IN_THROTTLES = {
  /** Attempts on one account from browsers without its device cookie. */
  accountFromUnknownDevices: progressivePolicy({
    freeHits: 5,
    firstWaitMs: 30_000,
    maxWaitMs: 15 * MINUTE_MS,
    windowMs: 24 * HOUR_MS,
  }),
  /** Attempts on one account from one browser that signed in to it before. */
  accountFromKnownDevice: progressivePolicy({
    freeHits: 10,
    firstWaitMs: 30_000,
    maxWaitMs: 15 * MINUTE_MS,
    windowMs: 24 * HOUR_MS,
  }),
  /** Attempts on any account from one IP address. */
  address: progressivePolicy({
    freeHits: 30,
    firstWaitMs: 30_000,
    maxWaitMs: 15 * MINUTE_MS,
    windowMs: HOUR_MS,
  }),
} as const;

/** The refusal while throttled: the same whether or not the email exists, and it says when to retry. */
export function signInThrottledMessage(retryAfterSeconds: number): string {
  return `Too many sign-in attempts. Try again in ${describeRetryDelay(retryAfterSeconds)}.`;
}
