import { describe, expect, it } from "vitest";

import type { AuthProfileCredential } from "./auth-store.schema";
import { type ProfileHealth, buildProfileHealth, rollUpProviderHealth } from "./profile-health";

const NOW = 1_800_000_000_000;
const HOUR = 3_600_000;

function health(credential: AuthProfileCredential, profileId = "anthropic:p") {
  return buildProfileHealth({ profileId, credential, owner: "shared" }, { now: NOW });
}

const key = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz";

/** OpenClaw's refresh fence (`createOAuthRefreshFence`): one claim id, `expires` 1, each marker maybe failed. */
function fence(accessState: "" | "failed:", refreshState: "" | "failed:"): AuthProfileCredential {
  const marker = (state: string, kind: string) =>
    `openclaw-oauth-refresh-fence:v1:${"c".repeat(32)}:${state}${kind}:${"d".repeat(64)}`;
  return {
    type: "oauth",
    provider: "anthropic",
    access: marker(accessState, "access"),
    refresh: marker(refreshState, "refresh"),
    expires: 1,
  };
}

describe("buildProfileHealth: every status (facts §1.3)", () => {
  it.each([
    {
      case: "api key",
      credential: { type: "api_key", provider: "anthropic", key },
      expected: { status: "static" },
    },
    {
      case: "api key from a set env ref",
      credential: { type: "api_key", provider: "anthropic", keyRef: { source: "env", id: "SET_VAR" } },
      expected: { status: "static" },
    },
    {
      case: "api key without a key",
      credential: { type: "api_key", provider: "anthropic" },
      expected: { status: "missing", reasonCode: "missing_credential" },
    },
    {
      case: "api key holding a command",
      credential: { type: "api_key", provider: "anthropic", key: "openclaw onboard --auth-choice apiKey" },
      expected: { status: "missing", reasonCode: "malformed_api_key" },
    },
    {
      // why: a SecretRef counts as configured without being resolved (lab capture auth-env-config-secretrefs).
      case: "api key from an unset env ref",
      credential: { type: "api_key", provider: "anthropic", keyRef: { source: "env", id: "UNSET" } },
      expected: { status: "static" },
    },
    {
      case: "api key of only whitespace",
      credential: { type: "api_key", provider: "anthropic", key: "   " },
      expected: { status: "missing", reasonCode: "missing_credential" },
    },
    {
      case: "token without expiry",
      credential: { type: "token", provider: "anthropic", token: key },
      expected: { status: "static" },
    },
    {
      case: "token expiring in 2 h",
      credential: { type: "token", provider: "anthropic", token: key, expires: NOW + 2 * HOUR },
      expected: { status: "expiring", expiresAt: NOW + 2 * HOUR, remainingMs: 2 * HOUR },
    },
    {
      case: "token expiring in exactly 24 h",
      credential: { type: "token", provider: "anthropic", token: key, expires: NOW + 24 * HOUR },
      expected: { status: "expiring", expiresAt: NOW + 24 * HOUR, remainingMs: 24 * HOUR },
    },
    {
      case: "token valid for 25 h",
      credential: { type: "token", provider: "anthropic", token: key, expires: NOW + 25 * HOUR },
      expected: { status: "ok", expiresAt: NOW + 25 * HOUR, remainingMs: 25 * HOUR },
    },
    {
      case: "expired token (no expiresAt)",
      credential: { type: "token", provider: "anthropic", token: key, expires: NOW - HOUR },
      expected: { status: "expired", reasonCode: "expired" },
    },
    {
      case: "token expiring exactly now",
      credential: { type: "token", provider: "anthropic", token: key, expires: NOW },
      expected: { status: "expired", reasonCode: "expired" },
    },
    {
      case: "token with a non-numeric expiry",
      credential: { type: "token", provider: "anthropic", token: key, expires: Number.NaN },
      expected: { status: "missing", reasonCode: "invalid_expires" },
    },
    {
      case: "token with an expiry past 8.64e15",
      credential: { type: "token", provider: "anthropic", token: key, expires: 9e15 },
      expected: { status: "missing", reasonCode: "invalid_expires" },
    },
    {
      case: "token without a token",
      credential: { type: "token", provider: "anthropic" },
      expected: { status: "missing", reasonCode: "missing_credential" },
    },
    {
      case: "oauth valid for 3 days",
      credential: {
        type: "oauth",
        provider: "anthropic",
        access: key,
        refresh: "r",
        expires: NOW + 72 * HOUR,
      },
      expected: { status: "ok", expiresAt: NOW + 72 * HOUR, remainingMs: 72 * HOUR },
    },
    {
      case: "oauth expiring in 1 h",
      credential: { type: "oauth", provider: "anthropic", access: key, refresh: "r", expires: NOW + HOUR },
      expected: { status: "expiring", expiresAt: NOW + HOUR, remainingMs: HOUR },
    },
    {
      case: "oauth expired with a refresh token (keeps expiresAt)",
      credential: { type: "oauth", provider: "anthropic", access: key, refresh: "r", expires: NOW - HOUR },
      expected: { status: "expired", expiresAt: NOW - HOUR, remainingMs: -HOUR },
    },
    {
      case: "oauth expired without a refresh token (no reason code either: still selectable)",
      credential: { type: "oauth", provider: "anthropic", access: key, expires: NOW - HOUR },
      expected: { status: "expired", expiresAt: NOW - HOUR, remainingMs: -HOUR },
    },
    {
      case: "oauth expiring within 24 h with a refresh token",
      credential: {
        type: "oauth",
        provider: "anthropic",
        access: key,
        refresh: "r",
        expires: NOW + 3 * HOUR,
      },
      expected: { status: "expiring", expiresAt: NOW + 3 * HOUR, remainingMs: 3 * HOUR },
    },
    {
      case: "oauth with only a refresh token",
      credential: { type: "oauth", provider: "anthropic", refresh: "r", expires: NOW + 72 * HOUR },
      expected: { status: "ok", expiresAt: NOW + 72 * HOUR, remainingMs: 72 * HOUR },
    },
    {
      case: "oauth without secrets",
      credential: { type: "oauth", provider: "anthropic", expires: NOW + HOUR },
      expected: { status: "missing", reasonCode: "missing_credential" },
    },
    {
      case: "oauth without expiry (missing, with no reason code)",
      credential: { type: "oauth", provider: "anthropic", access: key },
      expected: { status: "missing" },
    },
    {
      // why: what a failed refresh leaves in the store (gen-1-005, gen-1-031 captured it after the text run).
      case: "oauth refresh fence of a failed refresh (expired, no expiresAt)",
      credential: fence("failed:", "failed:"),
      expected: { status: "expired", reasonCode: "expired" },
    },
    {
      case: "oauth refresh fence of a pending refresh",
      credential: fence("", ""),
      expected: { status: "expired", reasonCode: "expired" },
    },
    {
      case: "oauth markers that disagree are no fence, just an access token expired at 1",
      credential: fence("failed:", ""),
      expected: { status: "expired", expiresAt: 1, remainingMs: 1 - NOW },
    },
  ] satisfies { case: string; credential: AuthProfileCredential; expected: Partial<ProfileHealth> }[])(
    "$case",
    ({ credential, expected }) => {
      const result = health(credential);
      expect({
        status: result.status,
        reasonCode: result.reasonCode,
        expiresAt: result.expiresAt,
        remainingMs: result.remainingMs,
      }).toEqual({
        reasonCode: undefined,
        expiresAt: undefined,
        remainingMs: undefined,
        ...expected,
      });
    },
  );

  it("labels with display name or email, marks inactive setups, and keeps the CLI's key order", () => {
    const withEmail = health({
      type: "oauth",
      provider: "anthropic",
      access: key,
      refresh: "r",
      expires: NOW + 72 * HOUR,
      email: "a@b.c",
    });
    expect(withEmail.label).toBe("anthropic:p (a@b.c)");
    expect(Object.keys(withEmail)).toEqual([
      "profileId",
      "provider",
      "type",
      "status",
      "expiresAt",
      "remainingMs",
      "source",
      "label",
    ]);
    const named = health({
      type: "token",
      provider: "anthropic",
      token: key,
      displayName: "Ops",
      email: "a@b.c",
    });
    expect(named.label).toBe("anthropic:p (Ops)");
    const inactive = health({
      type: "api_key",
      provider: "anthropic",
      key,
      setup: { replacement: { type: "api_key" } },
    });
    expect(inactive).toMatchObject({
      status: "missing",
      reasonCode: "setup_inactive",
      label: "anthropic:p (saved, inactive)",
    });
    const setupWithoutReplacement = health({ type: "api_key", provider: "anthropic", key, setup: {} });
    expect(setupWithoutReplacement).toMatchObject({ status: "static", label: "anthropic:p" });
  });

  it("names the owner as the CLI does: display name before email, config before store, blanks skipped", () => {
    const stored = {
      type: "oauth",
      provider: "anthropic",
      access: key,
      refresh: "r",
      expires: NOW + 72 * HOUR,
    };
    const label = (
      credential: Partial<AuthProfileCredential>,
      configProfile?: { displayName?: string; email?: string },
    ) =>
      buildProfileHealth(
        {
          profileId: "anthropic:p",
          credential: { ...stored, ...credential } as AuthProfileCredential,
          owner: "shared",
        },
        {
          now: NOW,
          configProfile: configProfile && { provider: "anthropic", mode: "oauth", ...configProfile },
        },
      ).label;
    expect(label({ email: "a@b.c", displayName: "Ops" })).toBe("anthropic:p (Ops)");
    expect(label({ email: "a@b.c", displayName: "  " })).toBe("anthropic:p (a@b.c)");
    expect(label({ email: "stored@b.c" }, { displayName: "Config" })).toBe("anthropic:p (Config)");
    expect(label({ displayName: "Stored" }, { email: "cfg@b.c" })).toBe("anthropic:p (Stored)");
    expect(label({ email: "stored@b.c" }, { email: "cfg@b.c" })).toBe("anthropic:p (cfg@b.c)");
  });
});

describe("rollUpProviderHealth", () => {
  const profile = (
    status: ProfileHealth["status"],
    type: ProfileHealth["type"],
    expiresAt?: number,
  ): ProfileHealth => ({
    profileId: `p:${status}`,
    provider: "p",
    type,
    status,
    ...(expiresAt === undefined ? {} : { expiresAt, remainingMs: expiresAt - NOW }),
    source: "store",
    label: "x",
  });

  it.each([
    { case: "no effective profiles", profiles: [], expected: { status: "missing" } },
    { case: "only api keys", profiles: [profile("static", "api_key")], expected: { status: "static" } },
    {
      case: "an api key missing",
      profiles: [profile("static", "api_key"), profile("missing", "api_key")],
      expected: { status: "missing" },
    },
    {
      case: "a static token",
      profiles: [profile("static", "api_key"), profile("static", "token")],
      expected: { status: "ok" },
    },
    {
      case: "expiring beats ok; earliest expiry",
      profiles: [
        profile("ok", "oauth", NOW + 72 * HOUR),
        profile("expiring", "token", NOW + 2 * HOUR),
        profile("static", "api_key"),
      ],
      expected: { status: "expiring", expiresAt: NOW + 2 * HOUR, remainingMs: 2 * HOUR },
    },
    {
      case: "a missing api key beside a token makes the provider missing",
      profiles: [profile("ok", "token", NOW + 72 * HOUR), profile("missing", "api_key")],
      expected: { status: "missing", expiresAt: NOW + 72 * HOUR, remainingMs: 72 * HOUR },
    },
    {
      case: "missing beats expiring",
      profiles: [profile("expiring", "token", NOW + HOUR), profile("missing", "oauth")],
      expected: { status: "missing", expiresAt: NOW + HOUR, remainingMs: HOUR },
    },
    {
      case: "expired beats everything",
      profiles: [
        profile("missing", "token"),
        profile("expired", "oauth", NOW - HOUR),
        profile("expiring", "token", NOW + HOUR),
      ],
      expected: { status: "expired", expiresAt: NOW - HOUR, remainingMs: -HOUR },
    },
  ])("$case → $expected.status", ({ profiles, expected }) => {
    expect(rollUpProviderHealth(profiles, NOW)).toEqual(expected);
  });
});
