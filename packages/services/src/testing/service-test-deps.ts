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
