/**
 * The change feed's channels. The database raises both itself, from triggers (migration `*_live_change_feed`), when
 * a writing transaction commits, so every writer (web, worker, CLI) announces its changes without calling anything.
 */

/** Payload: core's `ChangeEvent` as JSON (team, topic, optional ids, a finished job). */
export const CHANGE_FEED_CHANNEL = "clawfleet_changes";

/** Payload: a user id whose session may have ended (sign-out, password change, account removed). */
export const SESSION_ENDS_CHANNEL = "clawfleet_session_ends";
