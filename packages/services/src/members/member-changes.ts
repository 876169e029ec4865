/** Team members: who is in the team, and an admin's role changes and removals (core's membership rules). */
import { assertMayChangeRole, assertMayRemove } from "@clawfleet/core/access/membership-rules";
import type { Role } from "@clawfleet/core/access/role";
import { DomainError } from "@clawfleet/core/domain-error";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { type Db, inTransaction } from "@clawfleet/db/client";
import {
  type TeamMember,
  countAdmins,
  findMember,
  findMemberByUser,
  listMembers,
  lockTeamMembership,
  removeMember,
  updateMemberRole,
} from "@clawfleet/db/membership.repository";
import type { Caller, ServiceDeps, TeamScope } from "../service-context";

type MembershipChange = { membershipId: string; expectedVersion: number };

function auditedMember({ email, role, version }: TeamMember) {
  return { email, role, version };
}

/**
 * Everything a member change is decided on, read under the team's membership lock: the caller's role as
 * it is now (not as it was when the request began), the target, and the admin count.
 */
async function readMemberChange(tx: Db, caller: Caller, membershipId: string) {
  const { teamId } = caller;
  await lockTeamMembership(tx, { teamId });
  const actor = caller.actor.id
    ? await findMemberByUser(tx, { teamId, user: { id: caller.actor.id } })
    : null;
  if (!actor) throw new DomainError("FORBIDDEN", "You are no longer a member of this team.");
  const target = await findMember(tx, { teamId, membershipId });
  if (!target) throw new DomainError("NOT_FOUND", "Member not found.");
  return { actor, target, adminCount: await countAdmins(tx, { teamId }) };
}

/** Every member may see who is in the team. */
export function listTeamMembers({ db }: Pick<ServiceDeps, "db">, { teamId }: TeamScope) {
  return listMembers(db, { teamId });
}

export function changeMemberRole(
  { db }: Pick<ServiceDeps, "db">,
  caller: Caller,
  input: MembershipChange & { role: Role },
): Promise<TeamMember> {
  return inTransaction(db, async (tx) => {
    const { actor, target, adminCount } = await readMemberChange(tx, caller, input.membershipId);
    assertMayChangeRole({ actor, target, newRole: input.role, adminCount });
    const after = await updateMemberRole(tx, {
      teamId: caller.teamId,
      membershipId: target.membershipId,
      expectedVersion: input.expectedVersion,
      role: input.role,
    });
    await recordAuditEvent(tx, {
      ...caller,
      action: "membership.update_role",
      target: { type: "membership", id: target.membershipId },
      before: auditedMember(target),
      after: auditedMember(after),
    });
    return after;
  });
}

export function removeTeamMember({ db }: Pick<ServiceDeps, "db">, caller: Caller, input: MembershipChange) {
  return inTransaction(db, async (tx) => {
    const { actor, target, adminCount } = await readMemberChange(tx, caller, input.membershipId);
    assertMayRemove({ actor, target, adminCount });
    await removeMember(tx, {
      teamId: caller.teamId,
      membershipId: target.membershipId,
      expectedVersion: input.expectedVersion,
    });
    await recordAuditEvent(tx, {
      ...caller,
      action: "membership.remove",
      target: { type: "membership", id: target.membershipId },
      before: auditedMember(target),
    });
    return { removed: target.membershipId, removedSelf: target.userId === caller.actor.id };
  });
}
