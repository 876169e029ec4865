import { describe, expect, it } from "vitest";
import { type SsoClaims, type SsoFacts, decideSsoSignIn } from "./sso-sign-in";

const ISSUER = "https://idp.example.test";
const adminClaims = (overrides: Partial<SsoClaims> = {}): SsoClaims => ({
  issuer: ISSUER,
  subject: "subject-of-admin",
  email: "admin@corp.test",
  emailVerified: true,
  ...overrides,
});
const nothingKnown: SsoFacts = { linkedUserId: null, accountByEmail: null, invited: false };
const adminAccount: SsoFacts = {
  ...nothingKnown,
  accountByEmail: { userId: "admin-id", subjectAtIssuer: null },
};

describe("the first SSO sign-in of an existing account", () => {
  it("links only when the provider verified the email", () => {
    expect(decideSsoSignIn(adminClaims(), adminAccount)).toEqual({ kind: "link", userId: "admin-id" });
  });

  it.each([
    ["false", false],
    ["missing", undefined],
    ["the string 'true'", "true"],
    ["1", 1],
  ])("refuses the admin's email when email_verified is %s (the takeover of finding 1)", (_, verified) => {
    expect(decideSsoSignIn(adminClaims({ emailVerified: verified }), adminAccount)).toEqual({
      kind: "refuse",
      reason: "email-not-verified",
    });
  });

  it("refuses a second subject of the same issuer claiming an already linked account's email", () => {
    const linked: SsoFacts = {
      ...nothingKnown,
      accountByEmail: { userId: "admin-id", subjectAtIssuer: "subject-of-admin" },
    };
    expect(decideSsoSignIn(adminClaims({ subject: "attacker-subject" }), linked)).toEqual({
      kind: "refuse",
      reason: "linked-to-other-subject",
    });
  });

  it("refuses a sign-in without an email", () => {
    expect(decideSsoSignIn(adminClaims({ email: "  " }), adminAccount)).toEqual({
      kind: "refuse",
      reason: "no-email",
    });
  });
});

describe("a linked (issuer, subject)", () => {
  it("signs in as its account whatever email the provider now sends, verified or not", () => {
    const facts: SsoFacts = { ...nothingKnown, linkedUserId: "admin-id" };
    expect(decideSsoSignIn(adminClaims({ email: "renamed@corp.test", emailVerified: false }), facts)).toEqual(
      { kind: "sign-in", userId: "admin-id" },
    );
  });
});

describe("an unknown email", () => {
  it("gets an account just in time only when invited and verified", () => {
    expect(
      decideSsoSignIn(adminClaims({ email: "New@Corp.test" }), { ...nothingKnown, invited: true }),
    ).toEqual({ kind: "create-invited", email: "new@corp.test" });
    expect(
      decideSsoSignIn(adminClaims({ emailVerified: false }), { ...nothingKnown, invited: true }),
    ).toEqual({ kind: "refuse", reason: "email-not-verified" });
  });

  it("is refused without an invitation", () => {
    expect(decideSsoSignIn(adminClaims(), nothingKnown)).toEqual({ kind: "refuse", reason: "no-account" });
  });
});
