/**
 * The re-auth workflow's rules: its state machine (one transition table), when a request lapses (one
 * rule), which method fits which profile, what the hand-off page tells the assignee to run, and when a
 * reported status proves the profile healthy again. Pure: the caller passes `now`.
 */
import type { AuthProfileType, SecretField } from "../fleet/auth-profile";
import { commandLine } from "../shell/command-line";
import { validateApiKey, validateSetupToken, type SecretValidation } from "../secrets/validate-secret";

export const REAUTH_METHODS = ["api_key", "setup_token", "oauth"] as const;
export type ReauthMethod = (typeof REAUTH_METHODS)[number];

export const REAUTH_STATES = [
  "requested",
  "link_issued",
  "credential_submitted",
  "applied",
  "pushed",
  "verified",
  "expired",
  "cancelled",
  "failed",
] as const;
export type ReauthState = (typeof REAUTH_STATES)[number];

export const REAUTH_STATE_LABELS: Record<ReauthState, string> = {
  requested: "Requested",
  link_issued: "Link issued",
  credential_submitted: "Credential submitted",
  applied: "Applied",
  pushed: "Pushed to host",
  verified: "Verified",
  expired: "Expired",
  cancelled: "Cancelled",
  failed: "Failed",
};

/**
 * What happens to a request. `apply` writes the new credential into the console's profiles (a pasted one,
 * or an OAuth sign-in a host report shows done); `push` is the gateway connector delivering it to the
 * host; `verify` is a report showing the profiles healthy; `fail` is the push or the host refusing it.
 */
export const REAUTH_TRANSITION_EVENTS = [
  "issue_link",
  "revoke_link",
  "submit",
  "apply",
  "push",
  "verify",
  "expire",
  "cancel",
  "fail",
] as const;
export type ReauthTransitionEvent = (typeof REAUTH_TRANSITION_EVENTS)[number];

/** Where an event takes a request from one state; `methods` limits it to requests of those methods. */
export type ReauthTransitionRule = { to: ReauthState; methods?: readonly ReauthMethod[] };

/**
 * The re-auth state machine: event × from-state → to-state. Anything not listed is refused.
 * - A link can be (re)issued while nobody used the current one, and revoked (back to `requested`).
 * - A pasted credential is submitted through the link and applied in the same transaction; an OAuth
 *   request is applied when a host report shows the sign-in done, whether or not the assignee said so
 *   on the link page first.
 * - An applied credential is pushed to the gateway host, and verified by a report showing the profiles
 *   healthy; a gateway without a connected host agent goes from `applied` straight to `verified`.
 * - Until something was applied, a request can expire (see {@link reauthLapsesAt}) or be cancelled.
 */
export const REAUTH_TRANSITIONS = {
  issue_link: { requested: { to: "link_issued" }, link_issued: { to: "link_issued" } },
  revoke_link: { link_issued: { to: "requested" } },
  submit: { link_issued: { to: "credential_submitted" } },
  apply: {
    link_issued: { to: "applied", methods: ["oauth"] },
    credential_submitted: { to: "applied" },
  },
  push: { applied: { to: "pushed" } },
  verify: { applied: { to: "verified" }, pushed: { to: "verified" } },
  expire: {
    requested: { to: "expired" },
    link_issued: { to: "expired" },
    credential_submitted: { to: "expired" },
  },
  cancel: {
    requested: { to: "cancelled" },
    link_issued: { to: "cancelled" },
    credential_submitted: { to: "cancelled" },
  },
  fail: { applied: { to: "failed" }, pushed: { to: "failed" } },
} as const satisfies Record<ReauthTransitionEvent, Partial<Record<ReauthState, ReauthTransitionRule>>>;

const EVENT_VERBS: Record<ReauthTransitionEvent, string> = {
  issue_link: "issue a new link",
  revoke_link: "revoke the link",
  submit: "submit a credential",
  apply: "apply the credential",
  push: "push the credential to the host",
  verify: "verify it",
  expire: "expire it",
  cancel: "cancel it",
  fail: "mark it failed",
};

function ruleFor(state: ReauthState, event: ReauthTransitionEvent, method: ReauthMethod): ReauthState | null {
  const rules: Partial<Record<ReauthState, ReauthTransitionRule>> = REAUTH_TRANSITIONS[event];
  const rule = rules[state];
  if (!rule || (rule.methods !== undefined && !rule.methods.includes(method))) return null;
  return rule.to;
}

/**
 * The state `event` leads to. The table leads each event to one state from every state it is allowed from
 * (a test holds it to that), so one guarded update moves a request: `state = ANY(statesAllowing(event))`
 * becomes this.
 */
export function reauthEventTarget(event: ReauthTransitionEvent): ReauthState {
  const rules: Partial<Record<ReauthState, ReauthTransitionRule>> = REAUTH_TRANSITIONS[event];
  const [first] = Object.values(rules);
  if (!first) throw new Error(`The re-auth transition table has no rule for ${event}.`);
  return first.to;
}

export type ReauthTransition = { ok: true; to: ReauthState } | { ok: false; message: string };

/**
 * The state `event` takes a request to, from {@link REAUTH_TRANSITIONS}; or a refusal that says what was
 * attempted and the state that forbids it, e.g. `Cannot cancel it: the request is verified.`
 */
export function reauthTransition(
  request: { state: ReauthState; method: ReauthMethod },
  event: ReauthTransitionEvent,
): ReauthTransition {
  const to = ruleFor(request.state, event, request.method);
  return to === null
    ? {
        ok: false,
        message: `Cannot ${EVENT_VERBS[event]}: the request is ${REAUTH_STATE_LABELS[request.state].toLowerCase()}.`,
      }
    : { ok: true, to };
}

/**
 * The states from which `event` is allowed for a request of `method`, in {@link REAUTH_STATES} order: the
 * guard of a conditional update (`… WHERE state = ANY($states)`), so that of two concurrent moves at most
 * one happens.
 */
export function statesAllowing(event: ReauthTransitionEvent, method: ReauthMethod): ReauthState[] {
  return REAUTH_STATES.filter((state) => ruleFor(state, event, method) !== null);
}

/**
 * States in which someone still has work to do before anything is applied: those a request can still be
 * cancelled from. A profile has at most one request in them.
 */
export const OPEN_REAUTH_STATES: readonly ReauthState[] = REAUTH_STATES.filter(
  (state) => state in REAUTH_TRANSITIONS.cancel,
);

export function isOpenReauthState(state: ReauthState): boolean {
  return OPEN_REAUTH_STATES.includes(state);
}

export const REAUTH_METHOD_LABELS: Record<ReauthMethod, string> = {
  api_key: "Anthropic API key",
  setup_token: "Claude setup-token",
  oauth: "OAuth re-sign-in on the host",
};

/** A hand-off link lasts three days, or until the request's deadline if that comes first. */
export const REAUTH_LINK_LIFETIME_MS = 72 * 3_600_000;
/** Open requests whose deadline is this close are shown on the fleet page. */
export const REAUTH_DEADLINE_WARNING_MS = 24 * 3_600_000;

export function reauthLinkExpiry(now: Date, deadline: Date | null): Date {
  const lifetimeEnd = now.getTime() + REAUTH_LINK_LIFETIME_MS;
  return new Date(deadline ? Math.min(lifetimeEnd, deadline.getTime()) : lifetimeEnd);
}

export type ReauthLapseReason = "deadline" | "link";

/**
 * The one lapse rule: the instant an open request lapses, or null when it never will. That is its
 * deadline, or, while its link is issued and unused, the link's expiry if that comes first. A request
 * whose link was revoked (`requested`) or used (`credential_submitted`) lapses only at its deadline, and a
 * request that is no longer open never lapses. Stored with the request, so a sweep only compares instants.
 */
export function reauthLapsesAt(request: {
  state: ReauthState;
  deadline: Date | null;
  linkExpiresAt: Date | null;
}): Date | null {
  if (!isOpenReauthState(request.state)) return null;
  const link = request.state === "link_issued" ? request.linkExpiresAt : null;
  if (request.deadline === null || link === null) return request.deadline ?? link;
  return link.getTime() < request.deadline.getTime() ? link : request.deadline;
}

/**
 * Why a request has lapsed at `now` ({@link reauthLapsesAt} is at or before `now`), or null: `deadline`
 * when the deadline is what lapsed first (or both at once), `link` when the unused link expired first.
 */
export function reauthLapse(
  request: { state: ReauthState; deadline: Date | null; linkExpiresAt: Date | null },
  now: Date,
): ReauthLapseReason | null {
  const lapsesAt = reauthLapsesAt(request);
  if (lapsesAt === null || lapsesAt.getTime() > now.getTime()) return null;
  return request.deadline !== null && request.deadline.getTime() <= lapsesAt.getTime() ? "deadline" : "link";
}

/**
 * The state a reader sees at `now`: `expired` once the request has lapsed ({@link reauthLapse}), even before
 * the worker's lapse job has stored that; otherwise the stored state. Reads show this and never write.
 */
export function reauthStateAt(
  request: { state: ReauthState; deadline: Date | null; linkExpiresAt: Date | null },
  now: Date,
): ReauthState {
  return reauthLapse(request, now) === null ? request.state : "expired";
}

/**
 * When an open request with a deadline gets its "deadline near" reminder: {@link REAUTH_DEADLINE_WARNING_MS}
 * before the deadline (at once if that is already past); null without a deadline.
 */
export function reauthReminderAt(deadline: Date | null): Date | null {
  return deadline === null ? null : new Date(deadline.getTime() - REAUTH_DEADLINE_WARNING_MS);
}

/** Open requests whose deadline is at or before this instant are near it at `now` (reminders, fleet page). */
export function reauthDeadlineHorizon(now: Date): Date {
  return new Date(now.getTime() + REAUTH_DEADLINE_WARNING_MS);
}

/** What a hand-off link says when it cannot be used, by the request's state. */
export const UNUSABLE_REAUTH_LINK_MESSAGES = {
  unknown:
    "This re-auth link is not valid: it was revoked or replaced by a newer link, or it was copied incompletely. Ask the person who sent it for a new one.",
  used: "This link has already been used: the new credential was applied. Nothing more to do.",
  waiting:
    "This link has already been used: the sign-in on the host was reported done, and the request completes when the host's next status report shows the profile healthy.",
  expired: "This link has expired. Ask the person who sent it for a new one.",
  cancelled: "This re-auth request was cancelled. Nothing needs to be done.",
  failed:
    "This link has already been used, but the new credential could not be put in place on the gateway host. Ask the person who sent it for a new request.",
  revoked: "This link was revoked. Ask the person who sent it for a new one.",
} as const;

/** Null when the link of a request in `state` may be used at `now`; otherwise the reason, in words. */
export function reauthLinkRefusal(
  request: { state: ReauthState; method: ReauthMethod; linkExpiresAt: Date | null },
  now: Date,
): string | null {
  switch (request.state) {
    case "link_issued":
      return request.linkExpiresAt && request.linkExpiresAt.getTime() > now.getTime()
        ? null
        : UNUSABLE_REAUTH_LINK_MESSAGES.expired;
    case "requested":
      return UNUSABLE_REAUTH_LINK_MESSAGES.revoked;
    case "credential_submitted":
      return request.method === "oauth"
        ? UNUSABLE_REAUTH_LINK_MESSAGES.waiting
        : UNUSABLE_REAUTH_LINK_MESSAGES.used;
    case "applied":
    case "pushed":
    case "verified":
      return UNUSABLE_REAUTH_LINK_MESSAGES.used;
    case "failed":
      return UNUSABLE_REAUTH_LINK_MESSAGES.failed;
    case "expired":
      return UNUSABLE_REAUTH_LINK_MESSAGES.expired;
    case "cancelled":
      return UNUSABLE_REAUTH_LINK_MESSAGES.cancelled;
  }
}

/** The profile type and secret field a pasted credential becomes. OAuth is done on the host instead. */
export const PASTED_CREDENTIAL = {
  api_key: { type: "api_key", field: "key" },
  setup_token: { type: "token", field: "token" },
} as const satisfies Record<Exclude<ReauthMethod, "oauth">, { type: AuthProfileType; field: SecretField }>;

export type ReauthTargetProfile = { profileId: string; provider: string; type: AuthProfileType };

/**
 * Null when `method` can re-authenticate `profile`, otherwise why not, naming the profile. A pasted
 * credential may turn an API-key profile into a token one or back (OpenClaw's `paste-token` and
 * `paste-api-key` both overwrite the profile), but an OAuth sign-in is only renewed on the host.
 */
export function reauthMethodRefusal(method: ReauthMethod, profile: ReauthTargetProfile): string | null {
  if (method === "oauth")
    return profile.type === "oauth"
      ? null
      : `${profile.profileId} is ${profile.type === "token" ? "a setup-token" : "an API-key"} profile, not an OAuth sign-in; re-auth it with a ${profile.type === "token" ? "setup-token" : "new API key"}.`;
  if (profile.type === "oauth")
    return `${profile.profileId} is an OAuth sign-in; renew it with an OAuth re-sign-in on the host (openclaw models auth login).`;
  if (method === "setup_token" && profile.provider !== "anthropic")
    return `Setup-tokens come from Claude (claude setup-token); ${profile.profileId} is a ${profile.provider} profile. Use an API key instead.`;
  return null;
}

/** The method that renews a profile as it is: a token with a token, a key with a key, OAuth on the host. */
export function defaultReauthMethod(type: AuthProfileType): ReauthMethod {
  return type === "oauth" ? "oauth" : type === "token" ? "setup_token" : "api_key";
}

/** OpenClaw's checks and messages for what the assignee pastes (facts §4, §6). */
export function validateReauthCredential(
  method: Exclude<ReauthMethod, "oauth">,
  provider: string,
  raw: string,
): SecretValidation {
  return method === "setup_token" ? validateSetupToken(raw) : validateApiKey(raw, provider);
}

const ANTHROPIC_KEYS_URL = "https://console.anthropic.com/settings/keys";

export type ReauthInstructions = {
  /** One sentence on where to get the credential. */
  summary: string;
  /** A command to run, exactly as shown (null when the credential comes from a web console). */
  command: string | null;
  /** Where to run it, or the page to open. */
  where: string;
  url: string | null;
};

/** Quotes a value for a POSIX shell the way OpenClaw's own hints do (single quotes). */
/**
 * What the hand-off page tells the assignee to do. OAuth is renewed on the gateway host with OpenClaw's
 * recovery command (facts §2.6, §4); `--agent` is added when the profile lives in one agent's own store.
 */
export function reauthInstructions({
  method,
  provider,
  profileId,
  ownerAgentKey,
  gatewayName,
}: {
  method: ReauthMethod;
  provider: string;
  profileId: string;
  ownerAgentKey: string | null;
  gatewayName: string;
}): ReauthInstructions {
  switch (method) {
    case "setup_token":
      return {
        summary:
          "Run this on any computer where you are signed in to the Claude subscription, then paste the token it prints (it starts with sk-ant-oat01-).",
        command: "claude setup-token",
        where: "any computer with Claude Code signed in to the subscription",
        url: null,
      };
    case "api_key":
      return provider === "anthropic"
        ? {
            summary:
              "Create a new key in the Anthropic console (Settings → API keys), then paste it here (it starts with sk-ant-api03-).",
            command: null,
            where: "the Anthropic console",
            url: ANTHROPIC_KEYS_URL,
          }
        : {
            summary: `Create a new API key in ${provider}'s console, then paste it here.`,
            command: null,
            where: `${provider}'s console`,
            url: null,
          };
    case "oauth":
      return {
        summary: `Run this on the gateway host (${gatewayName}) as the user that runs OpenClaw, and finish the sign-in in the browser it opens. The request completes when the host's next \`openclaw models status --json\` report shows the profile healthy.`,
        command: commandLine([
          "openclaw",
          "models",
          "auth",
          "login",
          "--provider",
          provider,
          "--profile-id",
          profileId,
          ...(ownerAgentKey ? ["--agent", ownerAgentKey] : []),
        ]),
        where: `the gateway host ${gatewayName}`,
        url: null,
      };
  }
}

/** The part of any supported `models status --json` report that tells a profile's health. */
export type ReportedAuthHealth = {
  auth: {
    unusableProfiles: readonly { profileId: string }[];
    oauth: { profiles: readonly { profileId: string; status: string }[] };
  };
};

const HEALTHY_STATUSES: ReadonlySet<string> = new Set(["ok", "expiring", "static"]);

/**
 * Whether a report shows a profile healthy: listed with status ok, expiring or static, and in no cooldown
 * or disable window. `absent` when the report does not mention the profile (another agent's store).
 */
export function reportedProfileHealth(
  report: ReportedAuthHealth,
  profileId: string,
): "healthy" | "unhealthy" | "absent" {
  const health = report.auth.oauth.profiles.find((profile) => profile.profileId === profileId);
  if (!health) return "absent";
  if (report.auth.unusableProfiles.some((profile) => profile.profileId === profileId)) return "unhealthy";
  return HEALTHY_STATUSES.has(health.status) ? "healthy" : "unhealthy";
}

/** True when the report mentions at least one of the profiles and shows every mentioned one healthy. */
export function reportShowsProfilesHealthy(
  report: ReportedAuthHealth,
  profileIds: readonly string[],
): boolean {
  const verdicts = profileIds.map((profileId) => reportedProfileHealth(report, profileId));
  return verdicts.includes("healthy") && !verdicts.includes("unhealthy");
}
