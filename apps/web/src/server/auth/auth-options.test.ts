/**
 * The console's next-auth options as wired (issue 12): sessions with an absolute lifetime and sign-out
 * revocation (finding 4), SSO bound to (issuer, subject) (finding 1), same-origin redirects (finding 13) and
 * the audit of sign-out and SSO sign-ins (finding 14). Driven through next-auth's own request handling.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { createMember, createTeam } from "@clawfleet/db/testing/factories";
import { useTestDb } from "@clawfleet/db/testing/test-db";
import {
  CONSOLE_ORIGIN,
  type CookieJar,
  callNextAuth,
  serverSessionFor,
  signInWithCredentials,
  signOut,
} from "../testing/next-auth-harness";

// why: the password `authorize` reads and sets the device cookie through next/headers, which only works inside
// a Next request; here next-auth runs bare, so the cookie store is an in-memory stand-in.
vi.mock("next/headers", () => {
  const store = new Map<string, string>();
  return {
    cookies: () =>
      Promise.resolve({
        get: (name: string) => (store.has(name) ? { name, value: store.get(name) } : undefined),
        set: (name: string, value: string) => void store.set(name, value),
      }),
  };
});

const SECRET = "test-nextauth-secret-with-at-least-32-characters";
const ISSUER = "https://idp.example.test";
const MAX_AGE = 12 * 3600;
vi.hoisted(() => {
  vi.stubEnv("NEXTAUTH_SECRET", "test-nextauth-secret-with-at-least-32-characters");
  vi.stubEnv("NEXTAUTH_URL", "http://localhost:3400");
  vi.stubEnv("OIDC_ISSUER", "https://idp.example.test");
  vi.stubEnv("OIDC_CLIENT_ID", "clawfleet-test");
  vi.stubEnv("OIDC_CLIENT_SECRET", "oidc-client-secret-for-tests");
  vi.stubEnv("CLAWFLEET_LOG_LEVEL", "silent");
});
const { authOptions } = await import("./auth-options");

const db = useTestDb();
const options = authOptions();
const SESSION_COOKIE = "next-auth.session-token";
const PASSWORD = "a long enough password";

afterEach(() => {
  vi.useRealTimers();
});

async function member() {
  const team = await createTeam(db);
  const user = await createMember(db, {
    teamId: team.id,
    role: "admin",
    email: `person-${crypto.randomUUID()}@corp.test`,
    password: PASSWORD,
  });
  await db.user.update({
    where: { id: user.id },
    data: { sessionsValidFrom: new Date(Date.now() - 60_000) },
  });
  return { team, user };
}

async function signedIn() {
  const { team, user } = await member();
  const jar: CookieJar = new Map();
  const result = await signInWithCredentials(options, jar, { email: user.email, password: PASSWORD });
  expect(result.status).toBe(200);
  expect(jar.get(SESSION_COOKIE)).toBeTruthy();
  return { team, user, jar };
}

describe("sessions", () => {
  it("open a server-side session row with the configured lifetime, and the JWT and cookie agree on it", async () => {
    const { user, jar } = await signedIn();
    const rows = await db.userSession.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect((row?.expiresAt.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0)).toBe(MAX_AGE * 1000);
    expect(options.jwt?.maxAge).toBe(MAX_AGE);
    expect(options.session?.maxAge).toBe(MAX_AGE);
    await expect(serverSessionFor(options, jar)).resolves.toMatchObject({ userId: user.id });
  });

  it("refuse a cookie copied before sign-out, after it; the sign-out is audited", async () => {
    const { team, user, jar } = await signedIn();
    const copied: CookieJar = new Map(jar);
    await expect(serverSessionFor(options, copied)).resolves.toMatchObject({ userId: user.id });

    const signedOut = await signOut(options, jar);
    expect(signedOut.status).toBe(200);
    expect(jar.has(SESSION_COOKIE)).toBe(false);

    await expect(serverSessionFor(options, copied)).resolves.toBeNull();
    const session = await callNextAuth(options, new Map(copied), { action: "session" });
    expect(session.body).toEqual({});
    const audit = await db.auditEvent.findFirstOrThrow({ where: { teamId: team.id, action: "auth.logout" } });
    expect(audit.actorId).toBe(user.id);
  });

  it("refuse a token whose authTime is older than maxAge, even with a fresh exp and an open row", async () => {
    const { user, jar } = await signedIn();
    const row = await db.userSession.findFirstOrThrow({ where: { userId: user.id } });
    const forged = await encode({
      secret: SECRET,
      token: {
        sub: user.id,
        userId: user.id,
        sid: row.id,
        authTime: Math.floor(Date.now() / 1000) - 20 * 3600,
      },
    });
    const stolen: CookieJar = new Map(jar);
    stolen.set(SESSION_COOKIE, forged);
    await expect(serverSessionFor(options, stolen)).resolves.toBeNull();
    await expect(serverSessionFor(options, jar)).resolves.toMatchObject({ userId: user.id });
  });

  it("are not extended by /api/auth/session calls: the lifetime runs from sign-in", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date();
    vi.setSystemTime(start);
    const { user, jar } = await signedIn();
    for (const hours of [4, 8, 11]) {
      vi.setSystemTime(new Date(start.getTime() + hours * 3600_000));
      const refreshed = await callNextAuth(options, jar, { action: "session" });
      expect(refreshed.body).toMatchObject({ userId: user.id });
    }
    // The cookie was re-issued at 11 h with a fresh exp; at 12 h 1 min the session is over all the same.
    vi.setSystemTime(new Date(start.getTime() + MAX_AGE * 1000 + 60_000));
    await expect(serverSessionFor(options, jar)).resolves.toBeNull();
  });
});

describe("single sign-on callbacks", () => {
  const signInCallback = options.callbacks?.signIn;
  if (!signInCallback) throw new Error("the signIn callback is wired");
  const oidcSignIn = (subject: string, profile: Record<string, unknown>) =>
    signInCallback({
      user: { id: subject, email: typeof profile.email === "string" ? profile.email : null },
      account: { provider: "oidc", type: "oauth", providerAccountId: subject },
      profile: { sub: subject, ...profile },
    });

  it("refuses a provider claiming the admin's email with email_verified false (the takeover)", async () => {
    const { team, user } = await member();
    await expect(oidcSignIn("attacker", { email: user.email, email_verified: false })).resolves.toBe(
      "/login?error=SsoRefused",
    );
    await expect(oidcSignIn("attacker", { email: user.email })).resolves.toBe("/login?error=SsoRefused");
    expect(await db.externalIdentity.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { teamId: team.id, action: "auth.login.failed" } })).toBe(2);
  });

  it("links a verified email once, signs the linked subject in as that account, and audits it", async () => {
    const { team, user } = await member();
    const subject = `subject-${crypto.randomUUID()}`;
    await expect(oidcSignIn(subject, { email: user.email, email_verified: true })).resolves.toBe(true);
    expect(await db.externalIdentity.findFirst({ where: { userId: user.id } })).toMatchObject({
      issuer: ISSUER,
      subject,
    });
    const jwtCallback = options.callbacks?.jwt;
    const token = await jwtCallback?.({
      token: {},
      user: { id: subject, email: "changed@elsewhere.test" },
      account: { provider: "oidc", type: "oauth", providerAccountId: subject },
    });
    expect(token).toMatchObject({ userId: user.id, sid: expect.any(String) as string });
    const actions = await db.auditEvent.findMany({ where: { teamId: team.id }, select: { action: true } });
    expect(actions.map((row) => row.action)).toEqual(
      expect.arrayContaining(["auth.sso.link", "auth.login.succeeded"]),
    );
  });
});

describe("redirects", () => {
  it.each([
    "http://localhost:3400.evil.example/",
    "//evil.example/",
    "http://evil.example/%0A[next-auth][error]",
  ])("never leave the console for %s", async (callbackUrl) => {
    const redirect = options.callbacks?.redirect;
    expect(await redirect?.({ url: callbackUrl, baseUrl: CONSOLE_ORIGIN })).toBe(`${CONSOLE_ORIGIN}/`);
    const signIn = await callNextAuth(options, new Map(), { action: "signin", query: { callbackUrl } });
    expect(signIn.status).toBeLessThan(500);
    expect(signIn.location ?? "").not.toContain("evil.example");
    const jar: CookieJar = new Map();
    const signedOut = await signOut(options, jar, callbackUrl);
    expect(signedOut.status).toBe(200);
    expect(signedOut.body).toEqual({ url: `${CONSOLE_ORIGIN}/` });
  });
});
