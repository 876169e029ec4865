import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { roleSchema } from "@clawfleet/core/access/role";
import {
  changeMemberRole,
  listTeamMembers,
  removeTeamMember,
} from "@clawfleet/services/members/member-changes";
import { adminProcedure, viewerProcedure } from "../trpc";

const membershipInput = z.object({
  membershipId: z.uuid("Membership ids are UUIDs."),
  expectedVersion: z.number().int().positive(),
});

/** Every member may see who is in the team; only admins change roles or remove people. */
export const membersRouter = {
  list: viewerProcedure.query(({ ctx }) => listTeamMembers(ctx.deps, ctx.caller)),

  updateRole: adminProcedure
    .input(membershipInput.extend({ role: roleSchema }))
    .mutation(({ ctx, input }) => changeMemberRole(ctx.deps, ctx.caller, input)),

  remove: adminProcedure
    .input(membershipInput)
    .mutation(({ ctx, input }) => removeTeamMember(ctx.deps, ctx.caller, input)),
} satisfies TRPCRouterRecord;
