import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { UNUSABLE_INVITATION_MESSAGES } from "@clawfleet/core/access/invitation-status";
import {
  invitationTokenSchema,
  inviteMemberSchema,
  newAccountSchema,
  signUpTokenSchema,
} from "@clawfleet/core/access/membership.schema";
import {
  acceptInvitation,
  acceptInvitationAsNewUser,
  inviteMember,
  listTeamInvitations,
  previewInvitation,
  previewSignUp,
  requestSignUpLink,
  revokeTeamInvitation,
} from "@clawfleet/services/members/invitations";
import { adminProcedure, publicProcedure, signedInProcedure } from "../trpc";

const tokenInput = z.object({ token: invitationTokenSchema });

export const invitationsRouter = {
  /** Open invitations of the team (pending and lapsed), for admins. */
  list: adminProcedure.query(({ ctx }) => listTeamInvitations(ctx.deps, ctx.caller)),

  /**
   * Creates an invitation and returns its link token exactly once; the database keeps only its sha256
   * and the audit row never sees it.
   */
  create: adminProcedure
    .input(inviteMemberSchema)
    .mutation(({ ctx, input }) => inviteMember(ctx.deps, { ...ctx.caller, role: ctx.role }, input)),

  revoke: adminProcedure
    .input(z.object({ invitationId: z.uuid("Invitation ids are UUIDs.") }))
    .mutation(({ ctx, input }) => revokeTeamInvitation(ctx.deps, { ...ctx.caller, role: ctx.role }, input)),

  /**
   * What the invite page shows. Anyone holding the link may ask; the 256-bit token is the credential.
   * A link that cannot be used says why, and nothing else.
   */
  preview: publicProcedure.input(z.object({ token: z.string().max(200) })).query(({ ctx, input }) => {
    const parsed = invitationTokenSchema.safeParse(input.token);
    if (!parsed.success) return { status: "unknown" as const, message: UNUSABLE_INVITATION_MESSAGES.unknown };
    return previewInvitation(ctx.deps, {
      token: parsed.data,
      session: ctx.session
        ? { userId: ctx.session.userId, sessionIssuedAt: new Date(ctx.session.authTime * 1000) }
        : null,
      canSendMail: ctx.mail !== null,
    });
  }),

  /**
   * "Create an account": mails a one-time sign-up link to the invited address. The answer names the
   * address only; the link reaches nobody but the mailbox's reader (finding 1).
   */
  requestSignUpLink: publicProcedure
    .input(tokenInput)
    .mutation(({ ctx, input }) => requestSignUpLink(ctx.deps, ctx.mail, input)),

  /** What the sign-up page shows for a mailed link; an unusable link says why, and nothing else. */
  previewSignUp: publicProcedure
    .input(z.object({ signUpToken: z.string().max(200) }))
    .query(({ ctx, input }) => {
      const parsed = signUpTokenSchema.safeParse(input.signUpToken);
      if (!parsed.success)
        return { status: "unusable" as const, message: parsed.error.issues[0]?.message ?? "" };
      return previewSignUp(ctx.deps, { signUpToken: parsed.data });
    }),

  /** The reader of the mailed link creates their account (email verified) and joins, in one transaction. */
  acceptAsNewUser: publicProcedure
    .input(z.object({ signUpToken: signUpTokenSchema }).extend(newAccountSchema.shape))
    .mutation(({ ctx, input }) => acceptInvitationAsNewUser(ctx.deps, { requestId: ctx.requestId }, input)),

  /** A signed-in invitee accepts; the invitation must be for their own email. */
  accept: signedInProcedure
    .input(tokenInput)
    .mutation(({ ctx, input }) =>
      acceptInvitation(ctx.deps, { user: ctx.user, requestId: ctx.requestId }, input),
    ),
} satisfies TRPCRouterRecord;
