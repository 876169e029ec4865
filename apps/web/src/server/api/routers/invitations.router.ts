import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import {
  INVITATION_LIFETIME_MS,
  UNUSABLE_INVITATION_MESSAGES,
} from "@clawfleet/core/access/invitation-status";
import { assertMayInvite, assertMayRevokeInvitation } from "@clawfleet/core/access/membership-rules";
import {
  invitationTokenSchema,
  inviteMemberSchema,
  newAccountSchema,
} from "@clawfleet/core/access/membership.schema";
import { DomainError } from "@clawfleet/core/domain-error";
import { recordAuditEvent } from "@clawfleet/db/audit.repository";
import { type Db, inTransaction } from "@clawfleet/db/client";
import {
  type InvitationByToken,
  consumeInvitation,
  createInvitation,
  createInvitedUser,
  findInvitationByToken,
  findPendingInvitationForEmail,
  issueInvitationToken,
  listOpenInvitations,
  revokeInvitation,
} from "@clawfleet/db/invitation.repository";
import { addMember, findMemberByUser } from "@clawfleet/db/membership.repository";
import { hashPassword } from "@clawfleet/db/password";
import { findActiveUser, findUserForSignIn } from "@clawfleet/db/user.repository";
import { adminProcedure, publicProcedure, signedInProcedure } from "../trpc";

const tokenInput = z.object({ token: invitationTokenSchema });

/** The invitation behind a link, only while it can still be used; otherwise the reason, in words. */
async function usableInvitation(db: Db, token: string, now: Date): Promise<InvitationByToken> {
  const invitation = await findInvitationByToken(db, { token, now });
  if (!invitation) throw new DomainError("NOT_FOUND", UNUSABLE_INVITATION_MESSAGES.unknown);
  if (invitation.status !== "pending")
    throw new DomainError("INVALID_STATE", UNUSABLE_INVITATION_MESSAGES[invitation.status]);
  return invitation;
}

/** Joins the invitee to the team and uses up the link, with its audit row, in the caller's transaction. */
async function joinTeam(
  tx: Db,
  {
    invitation,
    user,
    newAccount,
    now,
    requestId,
  }: {
    invitation: InvitationByToken;
    user: { id: string; email: string };
    newAccount: boolean;
    now: Date;
    requestId: string;
  },
) {
  await consumeInvitation(tx, { invitationId: invitation.id, now });
  const member = await addMember(tx, { teamId: invitation.teamId, userId: user.id, role: invitation.role });
  await recordAuditEvent(tx, {
    teamId: invitation.teamId,
    actor: { id: user.id, label: user.email },
    action: "invitation.accept",
    target: { type: "invitation", id: invitation.id },
    after: { email: user.email, role: invitation.role, membershipId: member.membershipId, newAccount },
    requestId,
  });
  return { teamId: invitation.teamId, teamName: invitation.teamName, role: invitation.role };
}

export const invitationsRouter = {
  /** Open invitations of the team (pending and lapsed), for admins. */
  list: adminProcedure.query(({ ctx }) =>
    listOpenInvitations(ctx.db, { teamId: ctx.team.id, now: new Date() }),
  ),

  /**
   * Creates an invitation and returns its link token exactly once; the database keeps only its sha256
   * and the audit row never sees it.
   */
  create: adminProcedure.input(inviteMemberSchema).mutation(({ ctx, input }) =>
    inTransaction(ctx.db, async (tx) => {
      const now = new Date();
      assertMayInvite({ userId: ctx.user.id, role: ctx.role }, input.role);
      if (await findMemberByUser(tx, { teamId: ctx.team.id, user: { email: input.email } }))
        throw new DomainError("CONFLICT", `${input.email} is already a member of this team.`, "email");
      if (await findPendingInvitationForEmail(tx, { teamId: ctx.team.id, email: input.email, now }))
        throw new DomainError(
          "CONFLICT",
          `${input.email} already has a pending invitation. Revoke it first to send a new link.`,
          "email",
        );
      const { token, tokenHash } = issueInvitationToken();
      const invitation = await createInvitation(tx, {
        teamId: ctx.team.id,
        email: input.email,
        role: input.role,
        tokenHash,
        expiresAt: new Date(now.getTime() + INVITATION_LIFETIME_MS),
        invitedById: ctx.user.id,
      });
      await recordAuditEvent(tx, {
        teamId: ctx.team.id,
        actor: { id: ctx.user.id, label: ctx.user.email },
        action: "invitation.create",
        target: { type: "invitation", id: invitation.id },
        after: { email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt },
        requestId: ctx.requestId,
      });
      return { invitation, token };
    }),
  ),

  revoke: adminProcedure
    .input(z.object({ invitationId: z.uuid("Invitation ids are UUIDs.") }))
    .mutation(({ ctx, input }) =>
      inTransaction(ctx.db, async (tx) => {
        assertMayRevokeInvitation({ userId: ctx.user.id, role: ctx.role });
        const revoked = await revokeInvitation(tx, {
          teamId: ctx.team.id,
          invitationId: input.invitationId,
          now: new Date(),
        });
        await recordAuditEvent(tx, {
          teamId: ctx.team.id,
          actor: { id: ctx.user.id, label: ctx.user.email },
          action: "invitation.revoke",
          target: { type: "invitation", id: revoked.id },
          before: { email: revoked.email, role: revoked.role, status: "pending" },
          after: { email: revoked.email, role: revoked.role, status: "revoked" },
          requestId: ctx.requestId,
        });
        return { id: revoked.id };
      }),
    ),

  /**
   * What the invite page shows. Anyone holding the link may ask; the 256-bit token is the credential.
   * A link that cannot be used says why, and nothing else.
   */
  preview: publicProcedure.input(z.object({ token: z.string().max(200) })).query(async ({ ctx, input }) => {
    const parsed = invitationTokenSchema.safeParse(input.token);
    const invitation = parsed.success
      ? await findInvitationByToken(ctx.db, { token: parsed.data, now: new Date() })
      : null;
    if (!invitation) return { status: "unknown" as const, message: UNUSABLE_INVITATION_MESSAGES.unknown };
    if (invitation.status !== "pending")
      return { status: invitation.status, message: UNUSABLE_INVITATION_MESSAGES[invitation.status] };
    const signedIn = ctx.session
      ? await findActiveUser(ctx.db, {
          userId: ctx.session.userId,
          sessionIssuedAt: new Date(ctx.session.authTime * 1000),
        })
      : null;
    return {
      status: "pending" as const,
      teamName: invitation.teamName,
      email: invitation.email,
      role: invitation.role,
      hasAccount: (await findUserForSignIn(ctx.db, invitation.email)) !== null,
      signedInEmail: signedIn?.email ?? null,
    };
  }),

  /** An invitee without an account creates one (for the invited email) and joins in one transaction. */
  acceptAsNewUser: publicProcedure
    .input(tokenInput.extend(newAccountSchema.shape))
    .mutation(async ({ ctx, input }) => {
      const passwordHash = await hashPassword(input.password);
      return inTransaction(ctx.db, async (tx) => {
        const now = new Date();
        const invitation = await usableInvitation(tx, input.token, now);
        const user = await createInvitedUser(tx, { email: invitation.email, name: input.name, passwordHash });
        const joined = await joinTeam(tx, {
          invitation,
          user,
          newAccount: true,
          now,
          requestId: ctx.requestId,
        });
        return { ...joined, email: user.email };
      });
    }),

  /** A signed-in invitee accepts; the invitation must be for their own email. */
  accept: signedInProcedure.input(tokenInput).mutation(({ ctx, input }) =>
    inTransaction(ctx.db, async (tx) => {
      const now = new Date();
      const invitation = await usableInvitation(tx, input.token, now);
      if (invitation.email !== ctx.user.email.toLowerCase())
        throw new TRPCError({
          code: "FORBIDDEN",
          message: `This invitation is for ${invitation.email}, but you are signed in as ${ctx.user.email}. Sign out and sign in as ${invitation.email}.`,
        });
      if (await findMemberByUser(tx, { teamId: invitation.teamId, user: { id: ctx.user.id } }))
        throw new DomainError("CONFLICT", `You are already a member of ${invitation.teamName}.`);
      return joinTeam(tx, { invitation, user: ctx.user, newAccount: false, now, requestId: ctx.requestId });
    }),
  ),
} satisfies TRPCRouterRecord;
