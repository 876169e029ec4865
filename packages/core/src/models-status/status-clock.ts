/**
 * How a computed `models status` ages. The status is a function of the state and `now`, but between two
 * instants where a rule's comparison with `now` flips it changes only in `remainingMs` values and countdown
 * labels, which follow from absolute instants it already holds. So a stored status stays true until
 * {@link nextAuthStateChangeAt}, and {@link restampModelsStatus} re-derives it for any `now` before then.
 *
 * The clock facts, found by reading every comparison with `now` in `auth-profiles/*`, `auth-usage/*` and
 * `auth-order/*` (facts §1.3, §2.4–§2.6):
 * - a usage window's end (`cooldownUntil`, `disabledUntil`, `blockedUntil`, each separately): whether the
 *   profile is unusable, its kind (`disabled` while the disable runs, then `cooldown`), reason and `until`,
 *   whether a model-scoped cooldown blocks other models (only while no block runs), its place in the auth
 *   order, and its label suffix;
 * - a token's `expires`: it becomes ineligible and `expired`; OAuth's `expires`: `expired`, and sorted after
 *   the other OAuth profiles in round robin, and ineligible without a refresh token;
 * - `expiresAt − warnAfterMs` (24 h; OAuth at least the 5-minute refresh margin): `ok` turns `expiring`;
 * - OAuth's `expires − 5 min` (the refresh margin): a route it serves can no longer be confirmed ready, and an
 *   agent's legacy `<provider>:default` login may give way to a shared one, or stop doing so (the merge's
 *   `clockInstants`).
 * Not status facts: `lastUsed` only orders (no comparison with `now`), and `usage-backoff`'s 24 h failure
 * window only matters when the next failure is recorded.
 */
import type { MergedAuthStore } from "../auth-profiles/auth-store-merge";
import { isValidExpires } from "../auth-profiles/profile-eligibility";
import { OAUTH_REFRESH_MARGIN_MS, expiringFrom } from "../auth-profiles/profile-health";
import { unusableWindowSuffix } from "../auth-profiles/profile-labels";
import { isCooldownBypassedForProvider } from "../auth-usage/usage-windows";
import type { AuthProviderOverview, ModelsStatus, ModelsStatusOutcome } from "./models-status-report";

/** The usage fields whose values are window ends. */
const WINDOW_END_FIELDS = ["cooldownUntil", "disabledUntil", "blockedUntil"] as const;

/**
 * Every instant at which the auth part of a status can change by the clock alone (see the module comment).
 * Windows of stored profiles of bypass providers (openrouter, kilocode) never count, as no rule looks at them.
 */
export function authStateChangeInstants(store: MergedAuthStore): number[] {
  const instants: number[] = [];
  for (const [profileId, entry] of Object.entries(store.usageStats)) {
    if (isCooldownBypassedForProvider(store.byId.get(profileId)?.credential.provider)) continue;
    for (const field of WINDOW_END_FIELDS) {
      const end = entry[field];
      if (typeof end === "number" && end > 0) instants.push(end);
    }
  }
  for (const { credential } of store.profiles) {
    if (credential.type === "api_key" || credential.expires === undefined) continue;
    if (!isValidExpires(credential.expires)) continue;
    instants.push(credential.expires, expiringFrom(credential.type, credential.expires));
    // why: inside the refresh margin an OAuth route can no longer be confirmed (model-routes' readiness).
    if (credential.type === "oauth") instants.push(credential.expires - OAUTH_REFRESH_MARGIN_MS);
  }
  // why: the merge itself changes when a login weighed by the legacy-login repair stops being usable.
  instants.push(...store.clockInstants);
  return instants;
}

/**
 * The earliest instant after `now` at which a status computed from `store` can change other than in
 * `remainingMs` and countdown labels, or null when none of its facts is time-bound. A status computed at
 * `now` is valid for every instant in [now, nextAuthStateChangeAt).
 */
export function nextAuthStateChangeAt(store: MergedAuthStore, now: number): number | null {
  let next: number | null = null;
  for (const instant of authStateChangeInstants(store)) {
    if (instant > now && (next === null || instant < next)) next = instant;
  }
  return next;
}

/** A label's countdown suffix re-rendered: the suffix it had at `computedAt` is replaced by the one at `now`. */
function restampLabels(
  row: AuthProviderOverview,
  windows: ModelsStatus["auth"]["unusableProfiles"],
  computedAt: number,
  now: number,
): AuthProviderOverview {
  // why: rows list profiles by auth provider, so a row (claude-cli) can hold another provider's profiles;
  // the window is found by the profile id its label starts with.
  const labelled = windows.filter((window) =>
    row.profiles.labels.some((label) => label.startsWith(`${window.profileId}=`)),
  );
  if (labelled.length === 0) return row;
  const labels = row.profiles.labels.map((label) => {
    // why: the longest matching id wins, in case one profile id is another's prefix followed by "=".
    const window = labelled
      .filter((candidate) => label.startsWith(`${candidate.profileId}=`))
      .sort((left, right) => right.profileId.length - left.profileId.length)[0];
    if (!window) return label;
    const before = unusableWindowSuffix(window, computedAt);
    return label.endsWith(before)
      ? `${label.slice(0, label.length - before.length)}${unusableWindowSuffix(window, now)}`
      : label;
  });
  return { ...row, profiles: { ...row.profiles, labels } };
}

function withRemaining<T extends { expiresAt?: number; remainingMs?: number }>(item: T, now: number): T {
  return item.expiresAt === undefined ? item : { ...item, remainingMs: item.expiresAt - now };
}

/**
 * A status computed at `computedAt`, as it reads at a later `now`: every `remainingMs` re-derived from its
 * absolute instant (`until`, `expiresAt`) and every label countdown (` [cooldown 5m]`,
 * ` [disabled:billing 5h]`) re-rendered. Equal to computing the status afresh at any `now` in
 * [computedAt, nextAuthStateChangeAt); a refusal is returned as it is. The input is not changed.
 */
export function restampModelsStatus(
  outcome: ModelsStatusOutcome,
  computedAt: number,
  now: number,
): ModelsStatusOutcome {
  if (!outcome.ok) return outcome;
  const { auth } = outcome.status;
  const profiles = new Map(auth.oauth.profiles.map((profile) => [profile, withRemaining(profile, now)]));
  const restamped = (profile: (typeof auth.oauth.profiles)[number]) =>
    profiles.get(profile) ?? withRemaining(profile, now);
  return {
    ...outcome,
    status: {
      ...outcome.status,
      auth: {
        ...auth,
        providers: auth.providers.map((row) => restampLabels(row, auth.unusableProfiles, computedAt, now)),
        unusableProfiles: auth.unusableProfiles.map((window) => ({
          ...window,
          remainingMs: window.until - now,
        })),
        oauth: {
          ...auth.oauth,
          profiles: auth.oauth.profiles.map(restamped),
          providers: auth.oauth.providers.map((provider) => ({
            ...withRemaining(provider, now),
            profiles: provider.profiles.map(restamped),
            effectiveProfiles: provider.effectiveProfiles.map(restamped),
          })),
        },
      },
    },
  };
}

/** The instant every status is restamped to by {@link clockFreeModelsStatus}: any fixed instant works. */
const CLOCK_FREE_INSTANT = 0;

/**
 * A status computed at `computedAt` with its countdowns rendered at one fixed instant, so two computations
 * of unchanged inputs at different instants before the status's next change are equal (a refresh compares
 * these to skip rewriting rows that did not change). Not meant to be shown.
 */
export function clockFreeModelsStatus(outcome: ModelsStatusOutcome, computedAt: number): ModelsStatusOutcome {
  return restampModelsStatus(outcome, computedAt, CLOCK_FREE_INSTANT);
}
