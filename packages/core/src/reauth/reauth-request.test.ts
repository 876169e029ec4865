import { describe, expect, it } from "vitest";
import {
  REAUTH_LINK_LIFETIME_MS,
  UNUSABLE_REAUTH_LINK_MESSAGES,
  defaultReauthMethod,
  reauthInstructions,
  reauthLapse,
  reauthLinkExpiry,
  reauthLinkRefusal,
  reauthMethodRefusal,
  reportShowsProfilesHealthy,
  reportedProfileHealth,
  validateReauthCredential,
} from "./reauth-request";

const now = new Date("2026-11-24T12:00:00Z");
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
const HOUR = 3_600_000;

describe("link expiry", () => {
  it("lasts the link lifetime, or until an earlier deadline", () => {
    expect(reauthLinkExpiry(now, null)).toEqual(at(REAUTH_LINK_LIFETIME_MS));
    expect(reauthLinkExpiry(now, at(2 * HOUR))).toEqual(at(2 * HOUR));
    expect(reauthLinkExpiry(now, at(REAUTH_LINK_LIFETIME_MS + HOUR))).toEqual(at(REAUTH_LINK_LIFETIME_MS));
  });
});

describe("lapse", () => {
  it.each([
    { case: "deadline passed", state: "link_issued", deadline: at(-1), link: at(HOUR), expected: "deadline" },
    { case: "deadline exactly now", state: "requested", deadline: now, link: null, expected: "deadline" },
    { case: "link expired", state: "link_issued", deadline: null, link: at(-1), expected: "link" },
    { case: "revoked link, no deadline", state: "requested", deadline: null, link: at(-1), expected: null },
    {
      case: "oauth waiting, deadline ahead",
      state: "credential_submitted",
      deadline: at(HOUR),
      link: at(-1),
      expected: null,
    },
    { case: "applied never lapses", state: "applied", deadline: at(-HOUR), link: at(-HOUR), expected: null },
    { case: "cancelled never lapses", state: "cancelled", deadline: at(-HOUR), link: null, expected: null },
    { case: "fresh", state: "link_issued", deadline: at(HOUR), link: at(HOUR), expected: null },
  ] as const)("$case → $expected", ({ state, deadline, link, expected }) => {
    expect(reauthLapse({ state, deadline, linkExpiresAt: link }, now)).toBe(expected);
  });
});

describe("link refusal", () => {
  it.each([
    { state: "link_issued", link: at(HOUR), method: "setup_token", expected: null },
    {
      state: "link_issued",
      link: at(-1),
      method: "setup_token",
      expected: UNUSABLE_REAUTH_LINK_MESSAGES.expired,
    },
    { state: "requested", link: null, method: "api_key", expected: UNUSABLE_REAUTH_LINK_MESSAGES.revoked },
    { state: "applied", link: at(HOUR), method: "setup_token", expected: UNUSABLE_REAUTH_LINK_MESSAGES.used },
    { state: "verified", link: at(HOUR), method: "api_key", expected: UNUSABLE_REAUTH_LINK_MESSAGES.used },
    {
      state: "credential_submitted",
      link: at(HOUR),
      method: "oauth",
      expected: UNUSABLE_REAUTH_LINK_MESSAGES.waiting,
    },
    { state: "expired", link: at(HOUR), method: "oauth", expected: UNUSABLE_REAUTH_LINK_MESSAGES.expired },
    {
      state: "cancelled",
      link: at(HOUR),
      method: "oauth",
      expected: UNUSABLE_REAUTH_LINK_MESSAGES.cancelled,
    },
  ] as const)("$state ($method) → $expected", ({ state, link, method, expected }) => {
    expect(reauthLinkRefusal({ state, method, linkExpiresAt: link }, now)).toBe(expected);
  });
});

describe("method fit", () => {
  const profile = (type: "api_key" | "token" | "oauth", provider = "anthropic") => ({
    profileId: `${provider}:x`,
    provider,
    type,
  });
  it("renews tokens and keys by paste, OAuth only on the host", () => {
    expect(reauthMethodRefusal("setup_token", profile("token"))).toBeNull();
    expect(reauthMethodRefusal("api_key", profile("api_key"))).toBeNull();
    expect(reauthMethodRefusal("setup_token", profile("api_key"))).toBeNull();
    expect(reauthMethodRefusal("oauth", profile("oauth"))).toBeNull();
    expect(reauthMethodRefusal("oauth", profile("token"))).toMatch(/anthropic:x is a setup-token profile/);
    expect(reauthMethodRefusal("api_key", profile("oauth"))).toMatch(/OAuth sign-in; renew it/);
    expect(reauthMethodRefusal("setup_token", profile("api_key", "openai"))).toMatch(/openai profile/);
    expect(reauthMethodRefusal("api_key", profile("api_key", "openai"))).toBeNull();
  });
  it("defaults to the method matching the profile's type", () => {
    expect(defaultReauthMethod("token")).toBe("setup_token");
    expect(defaultReauthMethod("api_key")).toBe("api_key");
    expect(defaultReauthMethod("oauth")).toBe("oauth");
  });
});

describe("pasted credential", () => {
  it("uses OpenClaw's setup-token rules and messages", () => {
    expect(validateReauthCredential("setup_token", "anthropic", "")).toEqual({
      ok: false,
      message: "Required",
    });
    expect(validateReauthCredential("setup_token", "anthropic", "sk-ant-api03-abc")).toEqual({
      ok: false,
      message: "Expected token starting with sk-ant-oat01-",
    });
    expect(validateReauthCredential("setup_token", "anthropic", "sk-ant-oat01-short")).toEqual({
      ok: false,
      message: "Token looks too short; paste the full setup-token",
    });
    const token = `sk-ant-oat01-${"a".repeat(70)}`;
    expect(
      validateReauthCredential("setup_token", "anthropic", ` ${token.slice(0, 30)}\n${token.slice(30)} `),
    ).toEqual({ ok: true, value: token, warnings: [] });
  });
  it("warns about an API key without Anthropic's prefix and refuses masks", () => {
    const result = validateReauthCredential("api_key", "anthropic", "sk-other-1234567890abcdef");
    expect(result.ok && result.warnings).toEqual([expect.stringMatching(/sk-ant-api03-/)]);
    expect(validateReauthCredential("api_key", "anthropic", "sk-ant-a...x-Zz9Yy8")).toMatchObject({
      ok: false,
    });
  });
});

describe("instructions", () => {
  it("gives the command for each method", () => {
    const base = {
      provider: "anthropic",
      profileId: "anthropic:o'brien",
      ownerAgentKey: null,
      gatewayName: "prod-eu",
    };
    expect(reauthInstructions({ ...base, method: "setup_token" }).command).toBe("claude setup-token");
    expect(reauthInstructions({ ...base, method: "api_key" }).url).toBe(
      "https://console.anthropic.com/settings/keys",
    );
    expect(reauthInstructions({ ...base, method: "oauth" }).command).toBe(
      `openclaw models auth login --provider anthropic --profile-id 'anthropic:o'\\''brien'`,
    );
    expect(reauthInstructions({ ...base, method: "oauth", ownerAgentKey: "ops-1" }).command).toMatch(
      / --agent 'ops-1'$/,
    );
  });
});

describe("reported health", () => {
  const report = (status: string, cooling = false) => ({
    auth: {
      unusableProfiles: cooling ? [{ profileId: "anthropic:pod" }] : [],
      oauth: { profiles: [{ profileId: "anthropic:pod", status }] },
    },
  });
  it.each([
    { status: "ok", cooling: false, expected: "healthy" },
    { status: "static", cooling: false, expected: "healthy" },
    { status: "expiring", cooling: false, expected: "healthy" },
    { status: "ok", cooling: true, expected: "unhealthy" },
    { status: "expired", cooling: false, expected: "unhealthy" },
    { status: "missing", cooling: false, expected: "unhealthy" },
  ])("$status cooling=$cooling → $expected", ({ status, cooling, expected }) => {
    expect(reportedProfileHealth(report(status, cooling), "anthropic:pod")).toBe(expected);
  });
  it("needs at least one mentioned profile, and every mentioned one healthy", () => {
    expect(reportedProfileHealth(report("ok"), "anthropic:other")).toBe("absent");
    expect(reportShowsProfilesHealthy(report("ok"), ["anthropic:other"])).toBe(false);
    expect(reportShowsProfilesHealthy(report("ok"), ["anthropic:pod", "anthropic:other"])).toBe(true);
    expect(reportShowsProfilesHealthy(report("ok", true), ["anthropic:pod"])).toBe(false);
  });
});
