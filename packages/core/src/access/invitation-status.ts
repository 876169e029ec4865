/** Invitations expire a week after they are issued. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

export type InvitationTimes = { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date };

/** Accepted and revoked win over expired, so the message names what actually happened to the link. */
export function invitationStatus(invitation: InvitationTimes, now: Date): InvitationStatus {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}

/** What the invite page says for a link that can no longer be used. */
export const UNUSABLE_INVITATION_MESSAGES = {
  accepted: "This invitation has already been used. Sign in with the account that accepted it.",
  revoked: "This invitation was revoked by a team admin. Ask them for a new one.",
  expired: "This invitation has expired (links last 7 days). Ask a team admin for a new one.",
  unknown: "This invitation link is not valid. Check that you copied the whole link, or ask for a new one.",
} as const satisfies Record<Exclude<InvitationStatus, "pending"> | "unknown", string>;

/** Shown when the console has no way to mail a sign-up link (neither SMTP nor a file outbox is set up). */
export const NO_MAIL_MESSAGE =
  "This console cannot send email, so it cannot confirm that this address is yours. Sign in with single sign-on if your organisation uses it, or ask the admin who invited you to create your account.";
