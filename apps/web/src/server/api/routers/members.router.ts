import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { assertMayChangeRole, assertMayRemove } from "@clawfleet/core/access/membership-rules";
import { roleSchema } from "@clawfleet/core/access/role";
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
import type { TeamContext } from "../context";
import { adminProcedure, viewerProcedure } from "../trpc";

const membershipInput = z.object({
  membershipId: z.uuid("Membership ids are UUIDs."),
  expectedVersion: z.number().int().positive(),
});

function auditedMember({ email, role, version }: TeamMember) {
  return { email, role, version };
}

/**
 * Everything a member change is decided on, read under the team's membership lock: the caller's role as
 * it is now (not as it was when the request began), the target, and the admin count.
 */
async function readMemberChange(tx: Db, ctx: TeamContext, membershipId: string) {
  await lockTeamMembership(tx, { teamId: ctx.team.id });
  const actor = await findMemberByUser(tx, { teamId: ctx.team.id, user: { id: ctx.user.id } });
  if (!actor) throw new TRPCError({ code: "FORBIDDEN", message: "You are no longer a member of this team." });
  const target = await findMember(tx, { teamId: ctx.team.id, membershipId });
  if (!target) throw new TRPCError({ code: "NOT_FOUND", message: "Member not found." });
  return { actor, target, adminCount: await countAdmins(tx, { teamId: ctx.team.id }) };
}

/** Every member may see who is in the team; only admins change roles or remove people. */
export const membersRouter = {
  list: viewerProcedure.query(({ ctx }) => listMembers(ctx.db, { teamId: ctx.team.id })),

  updateRole: adminProcedure.input(membershipInput.extend({ role: roleSchema })).mutation(({ ctx, input }) =>
    inTransaction(ctx.db, async (tx) => {
      const { actor, target, adminCount } = await readMemberChange(tx, ctx, input.membershipId);
      assertMayChangeRole({ actor, target, newRole: input.role, adminCount });
      const after = await updateMemberRole(tx, {
        teamId: ctx.team.id,
        membershipId: target.membershipId,
        expectedVersion: input.expectedVersion,
        role: input.role,
      });
      await recordAuditEvent(tx, {
        teamId: ctx.team.id,
        actor: { id: ctx.user.id, label: ctx.user.email },
        action: "membership.update_role",
        target: { type: "membership", id: target.membershipId },
        before: auditedMember(target),
        after: auditedMember(after),
        requestId: ctx.requestId,
      });
      return after;
    }),
  ),

  remove: adminProcedure.input(membershipInput).mutation(({ ctx, input }) =>
    inTransaction(ctx.db, async (tx) => {
      const { actor, target, adminCount } = await readMemberChange(tx, ctx, input.membershipId);
      assertMayRemove({ actor, target, adminCount });
      await removeMember(tx, {
        teamId: ctx.team.id,
        membershipId: target.membershipId,
        expectedVersion: input.expectedVersion,
      });
      await recordAuditEvent(tx, {
        teamId: ctx.team.id,
        actor: { id: ctx.user.id, label: ctx.user.email },
        action: "membership.remove",
        target: { type: "membership", id: target.membershipId },
        before: auditedMember(target),
        requestId: ctx.requestId,
      });
      return { removed: target.membershipId, removedSelf: target.userId === ctx.user.id };
    }),
  ),
} satisfies TRPCRouterRecord;
