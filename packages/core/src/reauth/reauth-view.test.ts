import { describe, expect, it } from "vitest";
import { type ReauthRequestView, reauthViewAt } from "./reauth-view";

const now = new Date("2026-11-24T12:00:00Z");
const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

function view(overrides: Partial<ReauthRequestView>): ReauthRequestView {
  return {
    id: "r-1",
    state: "link_issued",
    method: "setup_token",
    provider: "anthropic",
    profileLabel: "anthropic:pod",
    fingerprint: null,
    requestedBy: { id: "u-1", label: "operator@example.test" },
    assignee: null,
    deadline: null,
    linkExpiresAt: at(HOUR),
    hasLiveLink: true,
    createdAt: at(-HOUR),
    submittedAt: null,
    appliedAt: null,
    verifiedAt: null,
    cancelledAt: null,
    expiredAt: null,
    version: 2,
    profiles: [],
    agentCount: 0,
    agents: [],
    timeline: [],
    ...overrides,
  };
}

describe("a request as a reader sees it", () => {
  it("is unchanged while it has not lapsed", () => {
    const open = view({});
    expect(reauthViewAt(open, now)).toBe(open);
  });

  it("shows a lapsed request as expired since its lapse, without a live link, before any sweep stored it", () => {
    const lapsed = view({ deadline: at(-2 * HOUR), linkExpiresAt: at(-2 * HOUR) });
    expect(reauthViewAt(lapsed, now)).toMatchObject({
      state: "expired",
      hasLiveLink: false,
      expiredAt: at(-2 * HOUR),
      version: 2,
    });
  });

  it("never turns a request that is no longer open into an expired one", () => {
    const applied = view({ state: "applied", deadline: at(-HOUR), hasLiveLink: false });
    expect(reauthViewAt(applied, now)).toBe(applied);
  });
});
