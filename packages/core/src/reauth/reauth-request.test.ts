import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../testing/seeded-random";
import {
  OPEN_REAUTH_STATES,
  REAUTH_TRANSITION_EVENTS,
  REAUTH_LINK_LIFETIME_MS,
  REAUTH_METHODS,
  REAUTH_STATES,
  REAUTH_STATE_LABELS,
  type ReauthTransitionEvent,
  type ReauthMethod,
  type ReauthState,
  UNUSABLE_REAUTH_LINK_MESSAGES,
  defaultReauthMethod,
  REAUTH_DEADLINE_WARNING_MS,
  reauthDeadlineHorizon,
  reauthEventTarget,
  reauthInstructions,
  reauthLapse,
  reauthLapsesAt,
  reauthLinkExpiry,
  reauthLinkRefusal,
  reauthMethodRefusal,
  reauthReminderAt,
  reauthStateAt,
  reauthTransition,
  reportShowsProfilesHealthy,
  reportedProfileHealth,
  statesAllowing,
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
    {
      case: "unused link expired before the deadline passed",
      state: "link_issued",
      deadline: at(-1),
      link: at(-HOUR),
      expected: "link",
    },
    {
      case: "link capped by the deadline",
      state: "link_issued",
      deadline: at(-1),
      link: at(-1),
      expected: "deadline",
    },
    { case: "pushed never lapses", state: "pushed", deadline: at(-HOUR), link: null, expected: null },
  ] as const)("$case → $expected", ({ state, deadline, link, expected }) => {
    expect(reauthLapse({ state, deadline, linkExpiresAt: link }, now)).toBe(expected);
  });

  it.each([
    { state: "link_issued", deadline: at(2 * HOUR), link: at(HOUR), expected: at(HOUR) },
    { state: "link_issued", deadline: at(HOUR), link: at(2 * HOUR), expected: at(HOUR) },
    { state: "link_issued", deadline: null, link: at(HOUR), expected: at(HOUR) },
    { state: "requested", deadline: null, link: at(HOUR), expected: null },
    { state: "requested", deadline: at(HOUR), link: null, expected: at(HOUR) },
    { state: "credential_submitted", deadline: at(3 * HOUR), link: at(HOUR), expected: at(3 * HOUR) },
    { state: "applied", deadline: at(HOUR), link: at(HOUR), expected: null },
  ] as const)(
    "$state lapses at the deadline or the unused link's expiry",
    ({ state, deadline, link, expected }) => {
      expect(reauthLapsesAt({ state, deadline, linkExpiresAt: link })).toEqual(expected);
    },
  );

  it("lapses exactly from reauthLapsesAt on, for any request and instant (property)", () => {
    const random = createSeededRandom(2026);
    const maybeAt = () => (random.chance(0.25) ? null : at(random.integer(-3, 3) * HOUR));
    for (let draw = 0; draw < 2_000; draw += 1) {
      const request = { state: random.pick(REAUTH_STATES), deadline: maybeAt(), linkExpiresAt: maybeAt() };
      const lapsesAt = reauthLapsesAt(request);
      const when = at(random.integer(-4, 4) * HOUR + random.integer(-1, 1));
      const lapsed = lapsesAt !== null && lapsesAt.getTime() <= when.getTime();
      expect(reauthLapse(request, when) !== null).toBe(lapsed);
      if (lapsesAt !== null) {
        expect(reauthLapse(request, lapsesAt)).not.toBeNull();
        expect(reauthLapse(request, new Date(lapsesAt.getTime() - 1))).toBeNull();
        expect(isOpen(request.state)).toBe(true);
      }
    }
  });
});

describe("what a reader sees", () => {
  it("shows a lapsed open request as expired from the instant it lapses, and anything else as stored", () => {
    const lapsing = { state: "link_issued", deadline: at(HOUR), linkExpiresAt: at(-HOUR) } as const;
    expect(reauthStateAt(lapsing, at(-HOUR - 1))).toBe("link_issued");
    expect(reauthStateAt(lapsing, at(-HOUR))).toBe("expired");
    expect(reauthStateAt({ state: "applied", deadline: at(-HOUR), linkExpiresAt: null }, now)).toBe(
      "applied",
    );
    expect(reauthStateAt({ state: "requested", deadline: null, linkExpiresAt: at(-HOUR) }, now)).toBe(
      "requested",
    );
  });

  it("agrees with reauthLapse for any request and instant (property)", () => {
    const random = createSeededRandom(7);
    const maybeAt = () => (random.chance(0.25) ? null : at(random.integer(-3, 3) * HOUR));
    for (let draw = 0; draw < 1_000; draw += 1) {
      const request = { state: random.pick(REAUTH_STATES), deadline: maybeAt(), linkExpiresAt: maybeAt() };
      const when = at(random.integer(-4, 4) * HOUR);
      const seen = reauthStateAt(request, when);
      expect(seen === "expired" && request.state !== "expired").toBe(reauthLapse(request, when) !== null);
    }
  });
});

describe("deadline reminders", () => {
  it("are due the warning window before the deadline, and never without one", () => {
    expect(reauthReminderAt(at(30 * HOUR))).toEqual(at(30 * HOUR - REAUTH_DEADLINE_WARNING_MS));
    expect(reauthReminderAt(null)).toBeNull();
  });

  it("cover the deadlines up to the horizon: a reminder is due exactly when its deadline is within it", () => {
    const deadline = at(30 * HOUR);
    const reminderAt = reauthReminderAt(deadline) ?? now;
    expect(deadline.getTime()).toBeLessThanOrEqual(reauthDeadlineHorizon(reminderAt).getTime());
    expect(deadline.getTime()).toBeGreaterThan(
      reauthDeadlineHorizon(new Date(reminderAt.getTime() - 1)).getTime(),
    );
  });
});

function isOpen(state: ReauthState): boolean {
  return OPEN_REAUTH_STATES.includes(state);
}

describe("the re-auth state machine", () => {
  it.each([
    { state: "requested", event: "issue_link", method: "api_key", to: "link_issued" },
    { state: "link_issued", event: "issue_link", method: "api_key", to: "link_issued" },
    { state: "credential_submitted", event: "issue_link", method: "oauth", to: null },
    { state: "link_issued", event: "revoke_link", method: "setup_token", to: "requested" },
    { state: "requested", event: "revoke_link", method: "setup_token", to: null },
    { state: "link_issued", event: "submit", method: "setup_token", to: "credential_submitted" },
    { state: "link_issued", event: "submit", method: "oauth", to: "credential_submitted" },
    { state: "requested", event: "submit", method: "api_key", to: null },
    { state: "credential_submitted", event: "apply", method: "setup_token", to: "applied" },
    { state: "credential_submitted", event: "apply", method: "oauth", to: "applied" },
    { state: "link_issued", event: "apply", method: "oauth", to: "applied" },
    { state: "link_issued", event: "apply", method: "api_key", to: null },
    { state: "requested", event: "apply", method: "oauth", to: null },
    { state: "applied", event: "push", method: "api_key", to: "pushed" },
    { state: "pushed", event: "push", method: "api_key", to: null },
    { state: "applied", event: "verify", method: "api_key", to: "verified" },
    { state: "pushed", event: "verify", method: "setup_token", to: "verified" },
    { state: "credential_submitted", event: "verify", method: "oauth", to: null },
    { state: "applied", event: "fail", method: "api_key", to: "failed" },
    { state: "pushed", event: "fail", method: "api_key", to: "failed" },
    { state: "verified", event: "fail", method: "api_key", to: null },
    { state: "credential_submitted", event: "expire", method: "oauth", to: "expired" },
    { state: "applied", event: "expire", method: "api_key", to: null },
    { state: "link_issued", event: "cancel", method: "api_key", to: "cancelled" },
    { state: "applied", event: "cancel", method: "api_key", to: null },
    { state: "cancelled", event: "cancel", method: "api_key", to: null },
  ] satisfies {
    state: ReauthState;
    event: ReauthTransitionEvent;
    method: ReauthMethod;
    to: ReauthState | null;
  }[])("$event from $state ($method) → $to", ({ state, event, method, to }) => {
    const transition = reauthTransition({ state, method }, event);
    expect(transition.ok ? transition.to : null).toBe(to);
    if (!transition.ok)
      expect(transition.message).toContain(`the request is ${REAUTH_STATE_LABELS[state].toLowerCase()}.`);
  });

  it("refuses in words", () => {
    expect(reauthTransition({ state: "verified", method: "api_key" }, "cancel")).toEqual({
      ok: false,
      message: "Cannot cancel it: the request is verified.",
    });
  });

  it.each([
    { event: "apply", method: "oauth", expected: ["link_issued", "credential_submitted"] },
    { event: "apply", method: "setup_token", expected: ["credential_submitted"] },
    { event: "issue_link", method: "api_key", expected: ["requested", "link_issued"] },
    { event: "verify", method: "api_key", expected: ["applied", "pushed"] },
    { event: "cancel", method: "oauth", expected: ["requested", "link_issued", "credential_submitted"] },
  ] satisfies { event: ReauthTransitionEvent; method: ReauthMethod; expected: ReauthState[] }[])(
    "$event is allowed from $expected for $method",
    ({ event, method, expected }) => {
      expect(statesAllowing(event, method)).toEqual(expected);
    },
  );

  it("open states are those a request can be cancelled or expire from, before anything is applied", () => {
    expect(OPEN_REAUTH_STATES).toEqual(["requested", "link_issued", "credential_submitted"]);
    for (const method of REAUTH_METHODS) {
      expect(statesAllowing("cancel", method)).toEqual(OPEN_REAUTH_STATES);
      expect(statesAllowing("expire", method)).toEqual(OPEN_REAUTH_STATES);
    }
  });

  it("leads each event to one state from wherever it is allowed, so one guarded update is exact", () => {
    for (const event of REAUTH_TRANSITION_EVENTS)
      for (const method of REAUTH_METHODS)
        for (const state of statesAllowing(event, method))
          expect(reauthTransition({ state, method }, event)).toEqual({
            ok: true,
            to: reauthEventTarget(event),
          });
    expect(reauthEventTarget("revoke_link")).toBe("requested");
    expect(reauthEventTarget("fail")).toBe("failed");
  });

  it("statesAllowing and reauthTransition agree on every state, event and method", () => {
    for (const method of REAUTH_METHODS)
      for (const event of REAUTH_TRANSITION_EVENTS)
        for (const state of REAUTH_STATES)
          expect(statesAllowing(event, method).includes(state)).toBe(
            reauthTransition({ state, method }, event).ok,
          );
  });

  it("random walks from requested reach every state and stop only in the final ones (property)", () => {
    const random = createSeededRandom(10);
    const reached = new Set<ReauthState>();
    const stuck = new Set<ReauthState>();
    for (let walk = 0; walk < 500; walk += 1) {
      const method = random.pick(REAUTH_METHODS);
      let state: ReauthState = "requested";
      for (let step = 0; step < 20; step += 1) {
        reached.add(state);
        const moves = REAUTH_TRANSITION_EVENTS.flatMap((event) => {
          const transition = reauthTransition({ state, method }, event);
          return transition.ok ? [transition.to] : [];
        });
        if (moves.length === 0) {
          stuck.add(state);
          break;
        }
        state = random.pick(moves);
      }
    }
    expect([...reached].sort()).toEqual([...REAUTH_STATES].sort());
    expect([...stuck].sort()).toEqual(["cancelled", "expired", "failed", "verified"]);
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
    { state: "pushed", link: at(HOUR), method: "api_key", expected: UNUSABLE_REAUTH_LINK_MESSAGES.used },
    { state: "failed", link: at(HOUR), method: "api_key", expected: UNUSABLE_REAUTH_LINK_MESSAGES.failed },
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
      / --agent ops-1$/,
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
