import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { sameOriginRedirect } from "@clawfleet/core/sessions/same-origin-redirect";
import { signInWithSso } from "@clawfleet/services/sessions/sso-sign-in";
import { findSsoAccount } from "@clawfleet/services/sessions/session-users";
import {
  endUserSession,
  findSessionUser,
  startUserSession,
} from "@clawfleet/services/sessions/user-sessions";
import { db } from "../db";
import { oidcSettings, serverEnv } from "../env";
import { SessionEndedError, nextAuthLogger } from "./auth-logger";
import { authorizePassword } from "./password-authorize";

declare module "next-auth" {
  interface Session {
    userId: string;
    /** When this session was signed in (epoch seconds); sessions older than the user's cut-off are refused. */
    authTime: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    authTime?: number;
    /** The server-side session row (UserSession) this token belongs to. */
    sid?: string;
  }
}

/** The OIDC claims next-auth hands the callbacks (the ID token's, with the userinfo merged in). */
type OidcProfile = { sub?: string; email?: string; email_verified?: unknown; name?: string };

/** The issuer as configured, without a trailing slash, so one provider always gives one binding key. */
function issuerKey(issuer: string): string {
  return issuer.replace(/\/$/, "");
}

let cachedOptions: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cachedOptions) return cachedOptions;
  const env = serverEnv();
  const oidc = oidcSettings(env);
  cachedOptions = {
    secret: env.NEXTAUTH_SECRET,
    // why: one lifetime for the cookie, the JWT and the server-side row; the server also counts it from
    // the sign-in (authTime), so refreshing the cookie never extends it (finding 4).
    session: { strategy: "jwt", maxAge: env.CLAWFLEET_SESSION_MAX_AGE },
    jwt: { maxAge: env.CLAWFLEET_SESSION_MAX_AGE },
    pages: { signIn: "/login", error: "/login" },
    logger: nextAuthLogger(),
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        authorize: (credentials, request) => authorizePassword(credentials, request),
      }),
      ...(oidc
        ? [
            {
              id: "oidc",
              name: oidc.name,
              type: "oauth" as const,
              wellKnown: `${oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
              authorization: { params: { scope: "openid email profile" } },
              idToken: true,
              checks: ["pkce" as const, "state" as const],
              clientId: oidc.clientId,
              clientSecret: oidc.clientSecret,
              profile(profile: { sub: string; email?: string; name?: string }) {
                return {
                  id: profile.sub,
                  email: profile.email ?? null,
                  name: profile.name ?? profile.email ?? null,
                };
              },
            },
          ]
        : []),
    ],
    callbacks: {
      /**
       * SSO: the (issuer, subject) pair decides; an existing account is linked once, on a verified email
       * only; an invited, verified email gets its account now. Everyone else is refused (finding 1).
       */
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        if (!oidc) return false;
        const claims = (profile ?? {}) as OidcProfile;
        const result = await signInWithSso(
          { db: db(), now: () => new Date() },
          {
            claims: {
              issuer: issuerKey(oidc.issuer),
              subject: account.providerAccountId,
              email: claims.email ?? null,
              emailVerified: claims.email_verified,
            },
            name: claims.name ?? null,
            requestId: crypto.randomUUID(),
          },
        );
        return "userId" in result ? true : "/login?error=SsoRefused";
      },
      async jwt({ token, user, account }) {
        const deps = { db: db(), now: () => new Date() };
        if (user) {
          const userId =
            account?.provider === "oidc" && oidc
              ? ((
                  await findSsoAccount(deps, {
                    issuer: issuerKey(oidc.issuer),
                    subject: account.providerAccountId,
                  })
                )?.id ?? null)
              : user.id;
          if (!userId) throw new SessionEndedError("The single sign-on account is not linked.");
          const session = await startUserSession(deps, {
            userId,
            maxAgeSeconds: env.CLAWFLEET_SESSION_MAX_AGE,
          });
          return { sub: userId, userId, authTime: session.authTime, sid: session.sessionId };
        }
        // Every later read of the cookie (pages, tRPC, /api/auth/session) checks the server-side session.
        const current =
          token.userId && token.sid && token.authTime
            ? await findSessionUser(deps, {
                claims: { userId: token.userId, sessionId: token.sid, authTime: token.authTime },
                maxAgeSeconds: env.CLAWFLEET_SESSION_MAX_AGE,
              })
            : null;
        if (!current) throw new SessionEndedError("The session has ended.");
        return token;
      },
      session({ session, token }) {
        session.userId = token.userId ?? "";
        session.authTime = token.authTime ?? 0;
        return session;
      },
      /** Only this console's own URLs; anything else (another host, a look-alike) goes home (finding 13). */
      redirect({ url, baseUrl }) {
        return sameOriginRedirect(url, baseUrl);
      },
    },
    events: {
      /** Sign-out revokes the server-side session, so a copy of the cookie is worthless afterwards. */
      async signOut({ token }) {
        const sessionId = (token as { sid?: unknown } | null)?.sid;
        if (typeof sessionId === "string")
          await endUserSession(
            { db: db(), now: () => new Date() },
            { sessionId, requestId: crypto.randomUUID() },
          );
      },
    },
  };
  return cachedOptions;
}
