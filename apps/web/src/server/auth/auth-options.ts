import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { findAccountByEmail } from "@clawfleet/services/sessions/session-users";
import { db } from "../db";
import { oidcSettings, serverEnv } from "../env";
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
  }
}

let cachedOptions: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cachedOptions) return cachedOptions;
  const env = serverEnv();
  const oidc = oidcSettings(env);
  cachedOptions = {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: env.CLAWFLEET_SESSION_MAX_AGE },
    pages: { signIn: "/login", error: "/login" },
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
      // SSO only admits people who already have a Clawfleet account (invited by an admin).
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        return user.email ? (await findAccountByEmail({ db: db() }, { email: user.email })) !== null : false;
      },
      async jwt({ token, user, account }) {
        if (user) {
          const localUser =
            account?.provider === "oidc" && user.email
              ? await findAccountByEmail({ db: db() }, { email: user.email })
              : null;
          token.userId = localUser?.id ?? user.id;
          token.authTime = Math.floor(Date.now() / 1000);
        }
        return token;
      },
      session({ session, token }) {
        session.userId = token.userId ?? "";
        session.authTime = token.authTime ?? 0;
        return session;
      },
    },
  };
  return cachedOptions;
}
