/**
 * Why an agent needs attention, as stored facts the fleet page groups: "12 agents: setup-token
 * anthropic:team-sub expires in 19 h" is one cause with a count, not twelve lists of reasons. Each cause
 * is one `--check` reason (see `models-status-check`), with a key that is the same for the same cause on
 * two agents of one gateway, a sentence, and absolute instants only, so it stays true until the status
 * changes (the page renders countdowns from the instants when it reads).
 */
import type { AuthProfileType } from "../auth-profiles/auth-store.schema";
import type { ProfileHealth, ProviderHealth } from "../auth-profiles/profile-health";
import type { ProfileStoreKeys } from "../auth-profiles/profile-store-keys";
import type { UnusableProfile } from "../auth-usage/unusable-profiles";
import { type CheckFinding, checkFindingReason, explainCheck } from "../models-status/models-status-check";
import type {
  ModelRouteIssue,
  ModelsStatus,
  ModelsStatusOutcome,
} from "../models-status/models-status-report";

/** How bad a cause is: a CLI refusal, a `--check` 1 (failing) or a `--check` 2 (expiring). */
export type AttentionSeverity = "refused" | "failing" | "expiring";

type CauseBase = {
  /**
   * Equal for the same cause on two agents of one gateway; names the store where a credential or a window
   * is meant (the caller adds the gateway id when it compares across gateways).
   */
  key: string;
  severity: AttentionSeverity;
  /** One sentence without countdowns, e.g. `Setup-token anthropic:team-sub expires within 24 h.` */
  sentence: string;
};

export type AttentionCause = CauseBase &
  (
    | { kind: "refused"; message: string }
    | { kind: "route"; issue: ModelRouteIssue["kind"]; provider: string; model: string; message: string }
    | { kind: "runtime"; provider: string; runtime: string; detail: string | null }
    | { kind: "missing_provider"; provider: string }
    | {
        kind: "credential";
        provider: string;
        profileId: string;
        type: AuthProfileType;
        status: "expired" | "missing" | "expiring";
        expiresAt: number | null;
        store: string;
      }
    | {
        kind: "window";
        provider: string;
        profileId: string;
        window: "cooldown" | "disabled";
        reason: string | null;
        until: number;
        recoveryHint: string;
        store: string;
      }
  );

function keyOf(...parts: (string | number | null)[]): string {
  return JSON.stringify(parts);
}

/** What a credential is called in a sentence: an Anthropic token is a Claude setup-token. */
function credentialNoun(type: AuthProfileType, provider: string): string {
  if (type === "oauth") return "OAuth sign-in";
  if (type === "api_key") return "API key";
  return provider === "anthropic" ? "Setup-token" : "Token";
}

function credentialCause(
  provider: string,
  profile: ProfileHealth,
  status: "expired" | "missing" | "expiring",
  stores: ProfileStoreKeys,
): AttentionCause {
  const store = stores.credentialStoreOf(profile.profileId);
  const what = `${credentialNoun(profile.type, provider)} ${profile.profileId}`;
  const sentence =
    status === "expiring"
      ? `${what} expires within 24 h.`
      : status === "expired"
        ? `${what} has expired.`
        : `${what} is missing or cannot be used.`;
  return {
    kind: "credential",
    key: keyOf("credential", store, profile.profileId, status),
    severity: status === "expiring" ? "expiring" : "failing",
    sentence,
    provider,
    profileId: profile.profileId,
    type: profile.type,
    status,
    expiresAt: profile.expiresAt ?? null,
    store,
  };
}

function windowCause(provider: string, window: UnusableProfile, stores: ProfileStoreKeys): AttentionCause {
  const store = stores.usageStoreOf(window.profileId);
  const state = window.kind === "disabled" ? "disabled" : "in cooldown";
  return {
    kind: "window",
    key: keyOf("window", store, window.profileId, window.kind, window.reason ?? null),
    severity: "failing",
    sentence: `${window.profileId} is ${state}${window.reason ? ` (${window.reason})` : ""} and ${provider} has no other usable profile. ${window.recoveryHint}`,
    provider,
    profileId: window.profileId,
    window: window.kind,
    reason: window.reason ?? null,
    until: window.until,
    recoveryHint: window.recoveryHint,
    store,
  };
}

/**
 * What stands behind a provider having no usable auth, when the status shows it: every effective profile
 * sits in a cooldown or disable window (the one ending first is named), or every stored profile of it is
 * expired or missing (the first such is named). Null when neither explains it.
 */
function explainUnusableProvider(
  provider: string,
  status: ModelsStatus,
  stores: ProfileStoreKeys,
): AttentionCause | null {
  const health: ProviderHealth | undefined = status.auth.oauth.providers.find(
    (candidate) => candidate.provider === provider,
  );
  if (!health) return null;
  const windows = new Map(status.auth.unusableProfiles.map((window) => [window.profileId, window]));
  const [first] = health.effectiveProfiles;
  const window = first === undefined ? undefined : windows.get(first.profileId);
  if (window && health.effectiveProfiles.every((profile) => windows.has(profile.profileId))) {
    return windowCause(provider, window, stores);
  }
  // why: with no eligible profile the effective list falls back to every stored one (OpenClaw's health
  // summary), so a provider whose stored profiles are all broken is explained by them.
  const broken = health.profiles.filter(
    (profile) => profile.status === "expired" || profile.status === "missing",
  );
  const named = broken.find((profile) => profile.status === "expired") ?? broken[0];
  if (!named || broken.length !== health.profiles.length) return null;
  return credentialCause(provider, named, named.status === "expired" ? "expired" : "missing", stores);
}

function causeOf(finding: CheckFinding, status: ModelsStatus, stores: ProfileStoreKeys): AttentionCause {
  const reason = checkFindingReason(finding);
  const sentence = reason.endsWith(".") ? reason : `${reason}.`;
  switch (finding.kind) {
    case "route": {
      const { issue } = finding;
      const explained =
        issue.kind === "missing-auth" ? explainUnusableProvider(issue.provider, status, stores) : null;
      return (
        explained ?? {
          kind: "route",
          key: keyOf("route", issue.kind, issue.provider, issue.model, issue.message),
          severity: "failing",
          sentence,
          issue: issue.kind,
          provider: issue.provider,
          model: issue.model,
          message: issue.message,
        }
      );
    }
    case "runtime": {
      const { route } = finding;
      return {
        kind: "runtime",
        key: keyOf("runtime", route.provider, route.runtime, route.runtimeReason ?? null),
        severity: "failing",
        sentence,
        provider: route.provider,
        runtime: route.runtime,
        detail: route.runtimeDetail ?? null,
      };
    }
    case "missing_provider":
      return (
        explainUnusableProvider(finding.provider, status, stores) ?? {
          kind: "missing_provider",
          key: keyOf("missing_provider", finding.provider),
          severity: "failing",
          sentence: `${finding.provider} is in use with no usable auth.`,
          provider: finding.provider,
        }
      );
    case "credential":
      return credentialCause(finding.provider, finding.profile, finding.status, stores);
  }
}

/**
 * The causes behind an agent's `--check` verdict (none when it is ok): a refusal's message, or one cause per
 * reason `explainCheck` gives, where a route or provider without usable auth is named after what the status
 * shows behind it (every profile in a window: `window`; every profile expired or missing: `credential`).
 * Reasons with one cause behind them (a route and its provider, both blocked by one disable) give it once.
 * `stores` says which store holds each profile, which credential and window keys include.
 */
export function attentionCausesOf(outcome: ModelsStatusOutcome, stores: ProfileStoreKeys): AttentionCause[] {
  if (!outcome.ok) {
    const { message } = outcome.error;
    return [
      { kind: "refused", key: keyOf("refused", message), severity: "refused", sentence: message, message },
    ];
  }
  const causes = new Map<string, AttentionCause>();
  for (const finding of explainCheck(outcome.status, outcome.selectedProfileIds).findings) {
    const cause = causeOf(finding, outcome.status, stores);
    if (!causes.has(cause.key)) causes.set(cause.key, cause);
  }
  return [...causes.values()];
}
