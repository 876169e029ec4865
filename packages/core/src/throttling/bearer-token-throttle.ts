import { fixedWindowPolicy } from "./throttle-policy";

/**
 * Failed bearer-token attempts (ingest tokens, host-agent credentials and enrolment tokens) one client address
 * may make per minute (finding 17). A real host sends its one token and never fails twice in a row; guessing a
 * 256-bit token is hopeless anyway, so this only keeps a flood of bad tokens from reaching the token lookups.
 */
export const FAILED_BEARER_TOKENS_PER_ADDRESS = fixedWindowPolicy(20, 60_000);

/**
 * Status reports one ingest token may post per minute: a host reporting 600 agents every 5 minutes, and a
 * runaway loop stopped long before it fills the snapshot table. Shared by every web instance.
 */
export const INGEST_REPORTS_PER_TOKEN = fixedWindowPolicy(120, 60_000);
