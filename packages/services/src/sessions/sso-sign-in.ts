/**
 * Carries out the SSO decision of core (`decideSsoSignIn`): reads what it needs, links or creates inside one
 * transaction, and audits. Refusals of a known account are audited in its teams (someone tried its email).
 */
import {
  type SsoClaims,
  type SsoRefusal,
  decideSsoSignIn,
  normalizedClaimEmail,
} from "@clawfleet/core/access/sso-sign-in";
import { type Db, inTransaction } from "@clawfleet/db/client";
import {
  findSubjectOfUserAtIssuer,
  findUserIdByExternalIdentity,
  linkExternalIdentity,
} from "@clawfleet/db/external-identity.repository";
import { hasPendingInvitationForEmail } from "@clawfleet/db/invitation.repository";
import {
  createSsoUser,
  findUserForSignIn,
  findUserWithSessionCutoff,
  markEmailVerified,
} from "@clawfleet/db/user.repository";
import type { ServiceDeps } from "../service-context";
import { recordAccountAuditEvent } from "./account-audit";

export type SsoSignInResult = { userId: string } | { refused: SsoRefusal };

async function ssoFacts(tx: Db, claims: SsoClaims, now: Date) {
  const linkedUserId = await findUserIdByExternalIdentity(tx, claims);
  const email = normalizedClaimEmail(claims.email);
  const account = !linkedUserId && email ? await findUserForSignIn(tx, email) : null;
  return {
    linkedUserId,
    accountByEmail: account
      ? {
          userId: account.id,
          subjectAtIssuer: await findSubjectOfUserAtIssuer(tx, { userId: account.id, issuer: claims.issuer }),
        }
      : null,
    invited:
      !linkedUserId && !account && email ? await hasPendingInvitationForEmail(tx, { email, now }) : false,
  };
}

/** Who this SSO sign-in is, after linking or creating the account where the decision allows it. */
export function signInWithSso(
  { db, now: clock }: Pick<ServiceDeps, "db" | "now">,
  { claims, name, requestId }: { claims: SsoClaims; name: string | null; requestId: string },
): Promise<SsoSignInResult> {
  return inTransaction(db, async (tx) => {
    const now = clock();
    const facts = await ssoFacts(tx, claims, now);
    const decision = decideSsoSignIn(claims, facts);
    const sso = { method: "sso", issuer: claims.issuer };
    switch (decision.kind) {
      case "refuse": {
        const target = facts.accountByEmail
          ? await findUserWithSessionCutoff(tx, { userId: facts.accountByEmail.userId })
          : null;
        if (target)
          await recordAccountAuditEvent(tx, {
            user: target,
            action: "auth.login.failed",
            after: { ...sso, reason: decision.reason },
            requestId,
          });
        return { refused: decision.reason };
      }
      case "create-invited": {
        const displayName = name?.trim() ?? "";
        const user = await createSsoUser(tx, {
          email: decision.email,
          name: displayName === "" ? decision.email : displayName,
          now,
        });
        await linkExternalIdentity(tx, { issuer: claims.issuer, subject: claims.subject, userId: user.id });
        // why: no team yet (the invite page joins one), so there is no trail to write into until then.
        return { userId: user.id };
      }
      case "link":
      case "sign-in": {
        if (decision.kind === "link") {
          await linkExternalIdentity(tx, {
            issuer: claims.issuer,
            subject: claims.subject,
            userId: decision.userId,
          });
          // The provider verified the address (the decision requires it), which proves it for us too.
          await markEmailVerified(tx, { userId: decision.userId, now });
        }
        const user = await findUserWithSessionCutoff(tx, { userId: decision.userId });
        if (user) {
          if (decision.kind === "link")
            await recordAccountAuditEvent(tx, { user, action: "auth.sso.link", after: sso, requestId });
          await recordAccountAuditEvent(tx, { user, action: "auth.login.succeeded", after: sso, requestId });
        }
        return { userId: decision.userId };
      }
    }
  });
}
