import { describe, expect, it } from "vitest";
import { LOGIN_FAILURE_LIMIT, LOGIN_LOCKOUT_MS } from "@clawfleet/db/login-throttle.repository";
import { createMember, createTeam } from "@clawfleet/db/testing/factories";
import { useServiceTestDeps } from "../testing/service-test-deps";
import { SignInLockedError, signInWithPassword } from "./password-sign-in";

const { db } = useServiceTestDeps();
const password = "correct horse battery staple";

async function member() {
  const team = await createTeam(db);
  return createMember(db, {
    teamId: team.id,
    role: "viewer",
    password,
    email: `person-${crypto.randomUUID()}@example.test`,
  });
}

describe("signInWithPassword", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const user = await member();
    const signedIn = await signInWithPassword(
      { db },
      {
        email: user.email.toUpperCase(),
        password,
        now: new Date(),
      },
    );
    expect(signedIn).toEqual({ id: user.id, email: user.email, name: user.name });
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const user = await member();
    expect(
      await signInWithPassword({ db }, { email: user.email, password: "wrong", now: new Date() }),
    ).toBeNull();
    expect(
      await signInWithPassword({ db }, { email: "nobody@example.test", password, now: new Date() }),
    ).toBeNull();
  });

  it("locks an email after repeated failures, even for the right password, until the lock ends", async () => {
    const user = await member();
    const now = new Date("2026-11-24T10:00:00Z");
    for (let attempt = 0; attempt < LOGIN_FAILURE_LIMIT; attempt += 1) {
      expect(await signInWithPassword({ db }, { email: user.email, password: "wrong", now })).toBeNull();
    }
    await expect(signInWithPassword({ db }, { email: user.email, password, now })).rejects.toThrow(
      SignInLockedError,
    );
    await expect(signInWithPassword({ db }, { email: user.email, password, now })).rejects.toThrow(
      "Try again in 15 minutes.",
    );

    const afterLock = new Date(now.getTime() + LOGIN_LOCKOUT_MS + 1000);
    expect(await signInWithPassword({ db }, { email: user.email, password, now: afterLock })).not.toBeNull();
  });

  it("stores passwords as argon2id with OWASP parameters", async () => {
    const user = await member();
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
