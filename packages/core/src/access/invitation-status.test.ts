import { describe, expect, it } from "vitest";
import { invitationStatus } from "./invitation-status";

const now = new Date("2026-11-20T12:00:00Z");
const later = new Date("2026-11-21T12:00:00Z");
const earlier = new Date("2026-11-19T12:00:00Z");

describe("invitationStatus", () => {
  it.each([
    {
      case: "unused and in time",
      times: { acceptedAt: null, revokedAt: null, expiresAt: later },
      expected: "pending",
    },
    {
      case: "past its expiry",
      times: { acceptedAt: null, revokedAt: null, expiresAt: earlier },
      expected: "expired",
    },
    {
      case: "expiring this very instant",
      times: { acceptedAt: null, revokedAt: null, expiresAt: now },
      expected: "expired",
    },
    {
      case: "revoked",
      times: { acceptedAt: null, revokedAt: earlier, expiresAt: later },
      expected: "revoked",
    },
    {
      case: "revoked, then expired",
      times: { acceptedAt: null, revokedAt: earlier, expiresAt: earlier },
      expected: "revoked",
    },
    {
      case: "accepted, then expired",
      times: { acceptedAt: earlier, revokedAt: null, expiresAt: earlier },
      expected: "accepted",
    },
  ])("$case → $expected", ({ times, expected }) => {
    expect(invitationStatus(times, now)).toBe(expected);
  });
});
