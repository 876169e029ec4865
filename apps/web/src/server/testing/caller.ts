import type { Role } from "@clawfleet/core/access/role";
import type { DbClient } from "@clawfleet/db/client";
import { openSecretBox } from "@clawfleet/db/secret-box";
import { TEST_SECRET_KEY, createMember, createTeam } from "@clawfleet/db/testing/factories";
import type { ServiceDeps } from "@clawfleet/services/service-context";
import { createContextInner } from "../api/context";
import { createCaller } from "../api/root";
import { recordingMail } from "./recording-mail";

export const testSecretBox = openSecretBox(TEST_SECRET_KEY);

/** Use-case dependencies over a test database, with the test key and the real clock. */
export function testDeps(db: DbClient): ServiceDeps {
  return { db, secretBox: testSecretBox, now: () => new Date() };
}

/**
 * A tRPC caller acting as a signed-in user, exactly as the HTTP handler would build it; `now` sets the clock
 * its use cases read (default: the real one). Mail it sends is recorded in `sentMail`.
 */
export function callerFor(
  db: DbClient,
  user: { id: string } | null,
  requestedTeamId: string | null = null,
  now?: () => Date,
) {
  return createCaller(
    createContextInner({
      db,
      secretBox: testSecretBox,
      session: user ? { userId: user.id, authTime: Math.floor(Date.now() / 1000) } : null,
      requestedTeamId,
      now,
      mail: recordingMail,
    }),
  );
}

/** A team with one member per role, each with a ready caller. */
export async function teamWithMembers(db: DbClient) {
  const team = await createTeam(db);
  const members = {} as Record<Role, { id: string; email: string }>;
  for (const role of ["viewer", "operator", "admin"] as const)
    members[role] = await createMember(db, { teamId: team.id, role });
  return {
    team,
    members,
    /** The member of `role`, with the real clock or `at`'s. */
    as: (role: Role, at?: () => Date) => callerFor(db, members[role], null, at),
  };
}
