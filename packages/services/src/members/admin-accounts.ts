/**
 * Admin accounts made from the command line: the first admin of a real install (which starts with no
 * account at all, and no known password), or a new admin for a team whose admins cannot sign in.
 */
import { adminAccountSchema, teamSlugOf } from "@clawfleet/core/access/admin-account.schema";
import { DomainError } from "@clawfleet/core/domain-error";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { inTransaction } from "@clawfleet/db/client";
import { createInvitedUser } from "@clawfleet/db/invitation.repository";
import { addMember } from "@clawfleet/db/membership.repository";
import { hashPassword } from "@clawfleet/db/password";
import { countUsers, findOrCreateTeam } from "@clawfleet/db/team.repository";
import type { ServiceDeps } from "../service-context";

export type CreatedAdmin = {
  user: { id: string; email: string };
  team: { id: string; slug: string; name: string; created: boolean };
};

/**
 * Creates an account for `email` as admin of the team named `teamName` (created when no team has its slug).
 * An email that has an account already is refused: the command never takes over an account.
 */
export async function createAdminAccount(
  { db, now }: Pick<ServiceDeps, "db" | "now">,
  input: { email: string; name: string; password: string; teamName: string },
  { actorLabel }: { actorLabel: string },
): Promise<CreatedAdmin> {
  const parsed = adminAccountSchema.safeParse(input);
  if (!parsed.success)
    throw new DomainError("INVALID_INPUT", parsed.error.issues.map((issue) => issue.message).join(" "));
  const account = parsed.data;
  const passwordHash = await hashPassword(account.password);
  return inTransaction(db, async (tx) => {
    const team = await findOrCreateTeam(tx, { slug: teamSlugOf(account.teamName), name: account.teamName });
    const user = await createInvitedUser(tx, {
      email: account.email,
      name: account.name,
      passwordHash,
      // why: whoever runs the command holds the database credentials, so the address is vouched for.
      emailVerifiedAt: now(),
    });
    await addMember(tx, { teamId: team.id, userId: user.id, role: "admin" });
    const requestId = `cli-${crypto.randomUUID()}`;
    const actor = { id: null, label: actorLabel };
    if (team.created)
      await recordAuditEvent(tx, {
        teamId: team.id,
        actor,
        requestId,
        action: "team.create",
        target: { type: "team", id: team.id },
        after: { slug: team.slug, name: team.name },
      });
    await recordAuditEvent(tx, {
      teamId: team.id,
      actor,
      requestId,
      action: "membership.add_admin",
      target: { type: "user", id: user.id },
      after: { email: user.email, role: "admin" },
    });
    return { user: { id: user.id, email: user.email }, team };
  });
}

/** Whether the install has no account yet (then the first admin must be created from the command line). */
export async function hasNoAccounts({ db }: Pick<ServiceDeps, "db">): Promise<boolean> {
  return (await countUsers(db)) === 0;
}
