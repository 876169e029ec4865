import { describe, expect, it } from "vitest";
import { type SessionClaims, type StoredSession, sessionEnd } from "./session-lifetime";

const HOUR = 3600;
const now = new Date("2026-11-30T12:00:00Z");
const nowSeconds = now.getTime() / 1000;
const claims = (authTime: number): SessionClaims => ({ userId: "u", sessionId: "s", authTime });
const stored = (overrides: Partial<StoredSession> = {}): StoredSession => ({
  userId: "u",
  expiresAt: new Date(now.getTime() + HOUR * 1000),
  revokedAt: null,
  ...overrides,
});
const check = (
  authTime: number,
  row: StoredSession | null,
  sessionsValidFrom = new Date("2026-01-01T00:00:00Z"),
) => sessionEnd(claims(authTime), { stored: row, sessionsValidFrom, maxAgeSeconds: 12 * HOUR, now });

describe("sessionEnd", () => {
  it("accepts a fresh session", () => {
    expect(check(nowSeconds - HOUR, stored())).toBeNull();
  });

  it("refuses a token signed in 20 hours ago even if its row and cookie were refreshed (finding 4)", () => {
    expect(check(nowSeconds - 20 * HOUR, stored())).toBe("expired");
    expect(check(nowSeconds - 12 * HOUR, stored())).toBe("expired");
  });

  it("refuses a session whose row has expired, been revoked, or belongs to another user", () => {
    expect(check(nowSeconds - 60, stored({ expiresAt: now }))).toBe("expired");
    expect(check(nowSeconds - 60, stored({ revokedAt: now }))).toBe("revoked");
    expect(check(nowSeconds - 60, stored({ userId: "someone else" }))).toBe("unknown");
    expect(check(nowSeconds - 60, null)).toBe("unknown");
  });

  it("refuses a session signed in before the user's cut-off (a password change)", () => {
    expect(check(nowSeconds - 60, stored(), new Date(now.getTime() - 30_000))).toBe("superseded");
  });
});
