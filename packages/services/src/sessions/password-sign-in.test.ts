import { describe, expect, it } from "vitest";
import { SIGN_IN_THROTTLES } from "@clawfleet/core/throttling/sign-in-throttles";
import { burstAllowance } from "@clawfleet/core/throttling/throttle-policy";
import { createMember, createTeam } from "@clawfleet/db/testing/factories";
import { useServiceTestClock } from "../testing/service-test-deps";
import { type PasswordSignInAttempt, signInWithPassword } from "./password-sign-in";

const clock = useServiceTestClock(new Date("2026-11-30T10:00:00Z"));
const { db } = clock.deps;
const password = "correct horse battery staple";
const ACCOUNT_ALLOWANCE = burstAllowance(SIGN_IN_THROTTLES.accountFromUnknownDevices);

let nextAddress = 1;
/** A fresh address per call: the attacks below come from many machines unless a test says otherwise. */
const freshAddress = () => {
  nextAddress += 1;
  return `198.18.${Math.floor(nextAddress / 250)}.${nextAddress % 250}`;
};

async function member() {
  const team = await createTeam(db);
  const user = await createMember(db, {
    teamId: team.id,
    role: "viewer",
    password,
    email: `person-${crypto.randomUUID()}@example.test`,
  });
  return { team, user };
}

function attempt(overrides: Partial<PasswordSignInAttempt> & { email: string }): PasswordSignInAttempt {
  return {
    password: "wrong",
    clientAddress: freshAddress(),
    knownDeviceId: null,
    requestId: `test-${crypto.randomUUID()}`,
    ...overrides,
  };
}

const signIn = (overrides: Partial<PasswordSignInAttempt> & { email: string }) =>
  signInWithPassword(clock.deps, attempt(overrides));

async function auditCounts(teamId: string) {
  const rows = await db.auditEvent.groupBy({ by: ["action"], where: { teamId }, _count: true });
  return Object.fromEntries(rows.map((row) => [row.action, row._count]));
}

describe("signInWithPassword", () => {
  it("accepts the right password, case-insensitively on the email, and audits it in the user's team", async () => {
    const { team, user } = await member();
    const result = await signIn({ email: user.email.toUpperCase(), password, clientAddress: "203.0.113.5" });
    expect(result).toEqual({
      outcome: "signed-in",
      user: { id: user.id, email: user.email, name: user.name },
    });
    const [row] = await db.auditEvent.findMany({ where: { teamId: team.id } });
    expect(row).toMatchObject({ action: "auth.login.succeeded", actorId: user.id, targetId: user.id });
    expect(row?.after).toEqual({ clientAddress: "203.0.113.5", knownDevice: false });
    expect(JSON.stringify({ ...row, id: String(row?.id) })).not.toContain(password);
  });

  it("gives the same answer for a wrong password and an unknown email, and audits the failure", async () => {
    const { team, user } = await member();
    const wrong = await signIn({ email: user.email, password: "wrong" });
    const unknown = await signIn({ email: "nobody@example.test", password });
    expect(wrong).toEqual({ outcome: "refused", message: "Email or password is incorrect." });
    expect(unknown).toEqual(wrong);
    expect(await auditCounts(team.id)).toEqual({ "auth.login.failed": 1 });
  });

  it("checks at most the allowance's passwords when 149 wrong and 1 right attempts race (finding 2)", async () => {
    const { team, user } = await member();
    const burst = await Promise.all([
      ...Array.from({ length: 149 }, (_, index) => signIn({ email: user.email, password: `guess ${index}` })),
      signIn({ email: user.email, password }),
    ]);
    const checked = burst.filter((result) => result.outcome !== "throttled");
    expect(checked.length).toBeLessThanOrEqual(ACCOUNT_ALLOWANCE);
    const counts = await auditCounts(team.id);
    expect((counts["auth.login.failed"] ?? 0) + (counts["auth.login.succeeded"] ?? 0)).toBe(checked.length);
  });

  it("refuses the right password among 150 racing attempts without checking any, once throttled", async () => {
    const { team, user } = await member();
    for (let index = 0; index < ACCOUNT_ALLOWANCE; index += 1) await signIn({ email: user.email });
    const burst = await Promise.all([
      ...Array.from({ length: 149 }, (_, index) => signIn({ email: user.email, password: `guess ${index}` })),
      signIn({ email: user.email, password }),
    ]);
    for (const result of burst) {
      expect(result).toEqual({
        outcome: "throttled",
        message: "Too many sign-in attempts. Try again in 30 seconds.",
        retryAfterSeconds: 30,
      });
    }
    expect(await auditCounts(team.id)).toEqual({
      "auth.login.failed": ACCOUNT_ALLOWANCE,
      "auth.login.throttled": 1,
    });
  });

  it("throttles an exhausted account with the same message whether or not the email exists", async () => {
    const { user } = await member();
    const unknownEmail = `ghost-${crypto.randomUUID()}@example.test`;
    for (let index = 0; index < ACCOUNT_ALLOWANCE; index += 1) {
      await signIn({ email: user.email });
      await signIn({ email: unknownEmail });
    }
    const known = await signIn({ email: user.email, password });
    const unknown = await signIn({ email: unknownEmail, password });
    expect(known).toMatchObject({ outcome: "throttled" });
    expect(unknown).toEqual(known);
  });

  it("doubles the wait after each failure past the allowance, and lets the owner in once it is over (finding 5)", async () => {
    const { team, user } = await member();
    const start = clock.at(0);
    clock.setNow(start);
    for (let index = 0; index < ACCOUNT_ALLOWANCE; index += 1) await signIn({ email: user.email });
    expect(await signIn({ email: user.email, password })).toMatchObject({ retryAfterSeconds: 30 });

    clock.setNow(clock.at(30_000));
    expect(await signIn({ email: user.email })).toMatchObject({ outcome: "refused" });
    expect(await signIn({ email: user.email, password })).toMatchObject({ retryAfterSeconds: 60 });

    clock.setNow(clock.at(90_000));
    expect(await signIn({ email: user.email })).toMatchObject({ outcome: "refused" });
    expect(await signIn({ email: user.email, password })).toMatchObject({
      message: "Too many sign-in attempts. Try again in 2 minutes.",
      retryAfterSeconds: 120,
    });

    clock.setNow(clock.at(210_000));
    expect(await signIn({ email: user.email, password })).toMatchObject({ outcome: "signed-in" });
    // The success cleared the count: the next mistake is free again.
    expect(await signIn({ email: user.email })).toMatchObject({ outcome: "refused" });
    expect(await signIn({ email: user.email, password })).toMatchObject({ outcome: "signed-in" });

    const counts = await auditCounts(team.id);
    expect(counts).toMatchObject({
      "auth.login.failed": 8,
      "auth.login.throttled": 3,
      "auth.login.succeeded": 2,
    });
    clock.setNow(clock.at(0));
  });

  it("never lets the wait grow past 15 minutes", async () => {
    const { user } = await member();
    let now = clock.at(0);
    let wait = 0;
    for (let index = 0; index < 20; index += 1) {
      clock.setNow(now);
      const result = await signIn({ email: user.email });
      if (result.outcome === "throttled") {
        wait = result.retryAfterSeconds;
        now = new Date(now.getTime() + wait * 1000);
      }
    }
    expect(wait).toBe(15 * 60);
    clock.setNow(clock.at(0));
  });

  it("still signs the owner in from a known device after an attacker's 500 failures from elsewhere (finding 5)", async () => {
    const { user } = await member();
    const ownerDevice = "owner-device-id";
    const attacks = await Promise.all(Array.from({ length: 500 }, () => signIn({ email: user.email })));
    expect(attacks.filter((result) => result.outcome === "refused").length).toBeLessThanOrEqual(
      ACCOUNT_ALLOWANCE,
    );

    // A browser never seen before is slowed down like the attacker...
    expect(await signIn({ email: user.email, password })).toMatchObject({ outcome: "throttled" });
    // ...but the owner's own browser, with its device cookie, has its own allowance, even after a typo.
    expect(await signIn({ email: user.email, knownDeviceId: ownerDevice })).toMatchObject({
      outcome: "refused",
    });
    expect(await signIn({ email: user.email, password, knownDeviceId: ownerDevice })).toMatchObject({
      outcome: "signed-in",
    });
  });

  it("an attacker's forged device id buys only that device's allowance, not the owner's", async () => {
    const { user } = await member();
    for (let index = 0; index < 50; index += 1)
      await signIn({ email: user.email, knownDeviceId: "attacker-device" });
    expect(await signIn({ email: user.email, password, knownDeviceId: "owner-device" })).toMatchObject({
      outcome: "signed-in",
    });
  });

  it("slows down one address spraying a password over many emails, known or not", async () => {
    const attacker = "192.0.2.66";
    const { user } = await member();
    const results = [];
    for (let index = 0; index < burstAllowance(SIGN_IN_THROTTLES.address); index += 1) {
      results.push(await signIn({ email: `spray-${index}@example.test`, clientAddress: attacker }));
    }
    expect(results.every((result) => result.outcome === "refused")).toBe(true);
    expect(await signIn({ email: user.email, password, clientAddress: attacker })).toMatchObject({
      outcome: "throttled",
      retryAfterSeconds: 30,
    });
    // Other addresses are not affected, nor the owner's own browser on the attacker's network.
    expect(await signIn({ email: user.email, password })).toMatchObject({ outcome: "signed-in" });
    expect(
      await signIn({ email: user.email, password, clientAddress: attacker, knownDeviceId: "owner-device" }),
    ).toMatchObject({ outcome: "signed-in" });
  });

  it("counts only failures against an address: a busy office behind one NAT keeps signing in", async () => {
    const office = "192.0.2.80";
    const { user } = await member();
    const rounds = burstAllowance(SIGN_IN_THROTTLES.address) + 10;
    for (let index = 0; index < rounds; index += 1) {
      expect(await signIn({ email: user.email, password, clientAddress: office })).toMatchObject({
        outcome: "signed-in",
      });
    }
  });

  it("stores passwords as argon2id with OWASP parameters", async () => {
    const { user } = await member();
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
