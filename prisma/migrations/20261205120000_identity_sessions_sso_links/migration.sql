-- Security round 2 (issue 12, findings 1, 4 and 8): proof of email ownership, SSO identities bound to
-- (issuer, subject), one-time sign-up links for invitees, and a server-side list of sessions.

ALTER TABLE "User" ADD COLUMN "emailVerifiedAt" TIMESTAMP(3);

-- why: until now an invitee could create an account for the invited email without proving they own it
-- (finding 1), so an account made that way proves nothing. Every other account was made by the demo seed or
-- by an operator and is marked verified from its creation time; accounts whose creation the audit trail
-- attributes to an invitation acceptance (`newAccount: true`) stay unverified. They keep their memberships
-- and can still sign in, but cannot accept further invitations until an SSO sign-in with a verified email
-- (or an admin) proves the address.
UPDATE "User" AS u SET "emailVerifiedAt" = u."createdAt"
WHERE NOT EXISTS (
    SELECT 1 FROM "AuditEvent" AS e
    WHERE e."action" = 'invitation.accept'
      AND e."actorId" = u."id"
      AND (e."after" ->> 'newAccount') = 'true'
);

-- An account's identity at an OpenID provider: the (issuer, subject) pair alone decides who signs in.
CREATE TABLE "ExternalIdentity" (
    "id" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExternalIdentity_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ExternalIdentity_issuer_subject_key" ON "ExternalIdentity"("issuer", "subject");
-- why: one subject per issuer and account, so a second subject claiming the same email cannot attach itself.
CREATE UNIQUE INDEX "ExternalIdentity_userId_issuer_key" ON "ExternalIdentity"("userId", "issuer");
ALTER TABLE "ExternalIdentity" ADD CONSTRAINT "ExternalIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A one-time sign-up link mailed to an invited address: opening it proves the invitee reads that mailbox.
CREATE TABLE "InvitationSignUp" (
    "id" UUID NOT NULL,
    "invitationId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InvitationSignUp_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "InvitationSignUp_tokenHash_key" ON "InvitationSignUp"("tokenHash");
CREATE INDEX "InvitationSignUp_invitationId_idx" ON "InvitationSignUp"("invitationId");
ALTER TABLE "InvitationSignUp" ADD CONSTRAINT "InvitationSignUp_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Signed-in sessions: the JWT carries the row's id; a revoked or expired row ends the session at once.
CREATE TABLE "UserSession" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "UserSession_userId_idx" ON "UserSession"("userId");
CREATE INDEX "UserSession_expiresAt_idx" ON "UserSession"("expiresAt");
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
