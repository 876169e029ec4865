import type { TRPCRouterRecord } from "@trpc/server";
import { listUserMemberships } from "@clawfleet/services/sessions/session-users";
import { signedInProcedure, viewerProcedure } from "../trpc";

export const sessionRouter = {
  /** Who I am, my teams, and the team and role this session acts in. */
  current: viewerProcedure.query(async ({ ctx }) => ({
    user: ctx.user,
    team: ctx.team,
    role: ctx.role,
    teams: (await listUserMemberships(ctx.deps, { userId: ctx.user.id })).map(
      ({ teamId, teamName, role }) => ({ teamId, teamName, role }),
    ),
  })),
  /** Works for a signed-in user with no team yet, to show them what to do next. */
  memberships: signedInProcedure.query(({ ctx }) => listUserMemberships(ctx.deps, { userId: ctx.user.id })),
} satisfies TRPCRouterRecord;
