/** Dependencies and callers for use-case tests: the test file's own database, the test key, a given clock. */
import { openSecretBox } from "@clawfleet/db/secret-box";
import { TEST_SECRET_KEY } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import type { Actor, Caller, ServiceDeps } from "../service-context";

export const testSecretBox = openSecretBox(TEST_SECRET_KEY);

/** Call once per test file, at module level (it registers the disconnect after the file). */
export function useServiceTestDeps(now: () => Date = () => new Date()): ServiceDeps {
  return { db: useTestDb(), secretBox: testSecretBox, now };
}

/** A caller of `teamId`; the console itself unless an actor is given. */
export function testCaller(teamId: string, actor: Actor = { id: null, label: "test" }): Caller {
  return { teamId, actor, requestId: `test-${crypto.randomUUID()}` };
}

/**
 * A clock the test sets by hand (`setNow`), from `start`, with use-case deps that read it; `at(ms)` is the
 * instant `ms` after `start`. Call once per test file, at module level.
 */
export function useServiceTestClock(start: Date) {
  let now = start;
  return {
    deps: useServiceTestDeps(() => now),
    setNow: (instant: Date) => {
      now = instant;
    },
    at: (offsetMs: number) => new Date(start.getTime() + offsetMs),
  };
}
