/**
 * The re-auth workflow's rules: its states, when a request or its hand-off link lapses, which method fits
 * which profile, what the hand-off page tells the assignee to run, and when a reported status proves the
 * profile healthy again. Pure: the caller passes `now`.
 */
import type { AuthProfileType, SecretField } from "../fleet/auth-profile";
import { validateApiKey, validateSetupToken, type SecretValidation } from "../secrets/validate-secret";

export const REAUTH_METHODS = ["api_key", "setup_token", "oauth"] as const;
export type ReauthMethod = (typeof REAUTH_METHODS)[number];

export const REAUTH_STATES = [
  "requested",
  "link_issued",
  "credential_submitted",
  "applied",
  "verified",
  "expired",
  "cancelled",
] as const;
export type ReauthState = (typeof REAUTH_STATES)[number];

/** States in which someone still has work to do; a profile has at most one request in them. */
export const OPEN_REAUTH_STATES = [
  "requested",
  "link_issued",
  "credential_submitted",
] as const satisfies readonly ReauthState[];

export function isOpenReauthState(state: ReauthState): boolean {
  return (OPEN_REAUTH_STATES as readonly ReauthState[]).includes(state);
}

export const REAUTH_STATE_LABELS: Record<ReauthState, string> = {
  requested: "Requested",
  link_issued: "Link issued",
  credential_submitted: "Credential submitted",
  applied: "Applied",
  verified: "Verified",
  expired: "Expired",
  cancelled: "Cancelled",
};

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
 * Why an open request has lapsed at `now`, or null: its deadline passed, or its link expired before
 * anyone used it. A request whose link was revoked (state `requested`) only lapses at its deadline.
 */
export function reauthLapse(
  request: { state: ReauthState; deadline: Date | null; linkExpiresAt: Date | null },
  now: Date,
): ReauthLapseReason | null {
  if (!isOpenReauthState(request.state)) return null;
  if (request.deadline && request.deadline.getTime() <= now.getTime()) return "deadline";
  if (
    request.state === "link_issued" &&
    request.linkExpiresAt &&
    request.linkExpiresAt.getTime() <= now.getTime()
  )
    return "link";
  return null;
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
    case "verified":
      return UNUSABLE_REAUTH_LINK_MESSAGES.used;
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
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

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
        command: `openclaw models auth login --provider ${provider} --profile-id ${shellQuote(profileId)}${ownerAgentKey ? ` --agent ${shellQuote(ownerAgentKey)}` : ""}`,
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
